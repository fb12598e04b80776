import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../api/graphql/scalars';
import type { Money } from '../../lib/money';
import type { AccountRecord } from '../accounts/account.model';
import { Account } from '../accounts/account.type';
import type { CategoryRecord } from '../categories/category.model';
import { Category } from '../categories/category.type';
import { PageInfo } from '../transactions/transaction-connection';
import type { ImportRowStatus } from './import.model';
import type { ImportStatementSummary } from './import.model';
import type { ImportFormat } from './parsers/parsed-file';

/** The GraphQL enums' values, as the model's string unions spell them. */
export const ImportFormatValues: { [K in ImportFormat]: K } = { CSV: 'CSV', OFX: 'OFX', QIF: 'QIF', CAMT: 'CAMT' };
export const ImportRowStatusValues: { [K in ImportRowStatus]: K } = { NEW: 'NEW', DUPLICATE: 'DUPLICATE', MATCHED: 'MATCHED', INVALID: 'INVALID' };

registerEnumType(ImportFormatValues, { name: 'ImportFormat', description: 'A statement file format.' });
registerEnumType(ImportRowStatusValues, {
  name: 'ImportRowStatus',
  description: 'What a commit does with a row.',
  valuesConfig: {
    NEW: { description: 'Becomes a new transaction.' },
    DUPLICATE: { description: 'Already imported (same bank id, or the same row of an earlier file): skipped unless included by line.' },
    MATCHED: { description: 'Links to a transaction entered by hand (same amount, near date): only its bank text and id change.' },
    INVALID: { description: 'Cannot be imported; `error` says why.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'One account or statement of a file (a multi-account OFX, a multi-statement CAMT).' })
export class ImportStatement implements ImportStatementSummary {
  @Field(() => Int, { description: '0-based: pass as options.statement to preview this one.' })
  index!: number;

  @Field(() => String, { nullable: true, description: 'What names the account in the file (IBAN, account id, QIF account name).' })
  accountHint!: string | null;

  @Field(() => String, { nullable: true })
  currency!: string | null;

  @Field(() => Int)
  rowCount!: number;
}

@ObjectType('CsvMapping', { simpleResolvers: true, description: 'A CSV column mapping, as used or suggested; columns by header text, or by 1-based position without a header.' })
export class CsvMappingType {
  @Field(() => String)
  delimiter!: string;

  @Field(() => Boolean)
  hasHeader!: boolean;

  @Field(() => Int)
  skipRows!: number;

  @Field(() => String, { nullable: true })
  dateColumn!: string | null;

  @Field(() => String, { nullable: true, description: 'Tokens like DD/MM/YYYY.' })
  dateFormat!: string | null;

  @Field(() => String, { nullable: true })
  amountColumn!: string | null;

  @Field(() => String, { nullable: true })
  inflowColumn!: string | null;

  @Field(() => String, { nullable: true })
  outflowColumn!: string | null;

  @Field(() => String, { nullable: true })
  indicatorColumn!: string | null;

  @Field(() => String, { nullable: true })
  debitIndicator!: string | null;

  @Field(() => String, { nullable: true })
  descriptionColumn!: string | null;

  @Field(() => String, { nullable: true })
  notesColumn!: string | null;

  @Field(() => String, { nullable: true })
  externalIdColumn!: string | null;

  @Field(() => String)
  decimalSeparator!: string;

  @Field(() => Boolean)
  invertSign!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'A QIF split line of a preview row (S, E and $ lines): a part the commit gives the new transaction.' })
export class ImportPreviewSplit {
  @Field(() => MoneyScalar, { description: "In the account's currency, signed like the row." })
  amount!: Money;

  @Field(() => Category, { nullable: true, description: "The owner's category of that name (case aside; the full name, else the part after the last \":\"), else null." })
  category!: CategoryRecord | null;

  @Field(() => String, { nullable: true, description: 'The category as the file names it ("Food:Groceries"), matched or not; null for none or a transfer.' })
  categoryName!: string | null;

  @Field(() => String)
  notes!: string;

  @Field(() => Account, { nullable: true, description: "A transfer part (S[Name]): the owner's other account of that name, else null." })
  transferAccount!: AccountRecord | null;
}

@ObjectType({ simpleResolvers: true, description: 'A row of a file as a commit would write it.' })
export class ImportPreviewRow {
  @Field(() => Int, { description: "The file's 1-based line where the row starts: what commitImport's include and exclude name." })
  line!: number;

  @Field(() => DateScalar, { nullable: true })
  date!: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: "In the account's currency." })
  amount!: Money | null;

  @Field(() => String, { description: "The bank's text for the row." })
  description!: string;

  @Field(() => String)
  notes!: string;

  @Field(() => String, { nullable: true })
  externalId!: string | null;

  @Field(() => ImportRowStatusValues)
  status!: ImportRowStatus;

  @Field(() => String, { nullable: true, description: 'Why an INVALID row cannot be imported.' })
  error!: string | null;

  @Field(() => Boolean, { description: 'Whether a commit without include writes it (NEW and MATCHED rows).' })
  included!: boolean;

  @Field(() => [ImportPreviewSplit], { description: 'QIF S/$/E split lines of the row (empty otherwise).' })
  splits!: ImportPreviewSplit[];

  @Field(() => String, { description: 'The description the transaction will get (a rule may rename it; `description` stays the bank’s).' })
  transactionDescription!: string;

  /** What matchedTransaction resolves. */
  matchedTransactionId!: number | null;
  /** What category, categoryRule and appliedRules resolve. */
  categoryId!: number | null;
  categoryRuleId!: number | null;
  appliedRuleIds!: number[];
  position!: number;
  /** The preview's account, which transferSuggestion looks from. */
  accountId!: number;
}

@ObjectType({ simpleResolvers: true })
export class ImportPreviewRowEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => ImportPreviewRow)
  node!: ImportPreviewRow;
}

@ObjectType({ simpleResolvers: true, description: 'A page of preview rows in file order; pass pageInfo.endCursor as `after` for the next.' })
export class ImportPreviewRowConnection {
  @Field(() => [ImportPreviewRowEdge])
  edges!: ImportPreviewRowEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Rows of the status asked for (all rows without one).' })
  totalCount!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A file read and matched against the account, stored for a day until commitImport.' })
export class ImportPreview {
  @Field(() => ID)
  id!: number;

  @Field(() => ImportFormatValues)
  format!: ImportFormat;

  @Field(() => String, { description: 'The text encoding the file was read as.' })
  encoding!: string;

  @Field(() => String, { description: "The file's name, without folders." })
  filename!: string;

  @Field(() => Account, { description: 'The account the rows are matched against and go into.' })
  account?: Account;

  @Field(() => [ImportStatement])
  statements!: ImportStatement[];

  @Field(() => Int, { description: 'The statement (ImportStatement.index) the rows are of.' })
  statement!: number;

  @Field(() => Date, { description: 'After this the preview is gone: preview the file again.' })
  expiresAt!: Date;

  @Field(() => Int)
  newCount!: number;

  @Field(() => Int)
  duplicateCount!: number;

  @Field(() => Int)
  matchedCount!: number;

  @Field(() => Int)
  invalidCount!: number;

  @Field(() => [String], { nullable: true, description: "CSV: the file's columns (header texts, or 1, 2, ... without a header)." })
  csvColumns!: string[] | null;

  @Field(() => CsvMappingType, { nullable: true, description: 'CSV: the mapping guessed from the file.' })
  suggestedCsvMapping!: CsvMappingType | null;

  @Field(() => CsvMappingType, { nullable: true, description: "CSV: the mapping the rows were read with (the options' over the account's saved one, else the guess)." })
  csvMapping!: CsvMappingType | null;

  @Field(() => [String], {
    nullable: true,
    description: 'CSV: the date formats that read the most rows, the one used first. Several mean the dates are ambiguous (no day above 12): ask which, and preview again with csv.dateFormat.',
  })
  dateFormatCandidates!: string[] | null;

  accountId!: number;

  /** What rows resolves. */
  currency!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A committed import.' })
export class ImportBatch {
  @Field(() => ID)
  id!: number;

  @Field(() => Account)
  account?: Account;

  @Field(() => ImportFormatValues)
  format!: ImportFormat;

  @Field(() => String)
  filename!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Int, { description: 'New transactions written.' })
  createdCount!: number;

  @Field(() => Int, { description: 'Existing transactions linked to a row.' })
  matchedCount!: number;

  @Field(() => Int, { description: 'Rows left out: duplicates, invalid, excluded.' })
  skippedCount!: number;

  @Field(() => Boolean)
  undone!: boolean;

  accountId!: number;
}
