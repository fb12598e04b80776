import { Field, InputType, Int } from 'type-graphql';
import { ImportFormatValues } from './import.type';
import type { ImportFormat } from './parsers/parsed-file';

@InputType({ description: 'A CSV column mapping; what is left out is guessed from the file. Columns by header text, or by 1-based position without a header.' })
export class CsvMappingInput {
  @Field(() => String, { nullable: true })
  delimiter?: string | null;

  @Field(() => Boolean, { nullable: true })
  hasHeader?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Lines before the header (or the first row without one).' })
  skipRows?: number | null;

  @Field(() => String, { nullable: true })
  dateColumn?: string | null;

  @Field(() => String, { nullable: true, description: 'Tokens YYYY, YY, MM, DD, MMM and separators: DD/MM/YYYY, DD MMM YY, YYYYMMDD.' })
  dateFormat?: string | null;

  @Field(() => String, { nullable: true })
  amountColumn?: string | null;

  @Field(() => String, { nullable: true })
  inflowColumn?: string | null;

  @Field(() => String, { nullable: true })
  outflowColumn?: string | null;

  @Field(() => String, { nullable: true })
  indicatorColumn?: string | null;

  @Field(() => String, { nullable: true, description: "The indicator's value for money out (D, DBIT, S); any other is money in." })
  debitIndicator?: string | null;

  @Field(() => String, { nullable: true, description: "'' for none (left out, it is guessed)." })
  descriptionColumn?: string | null;

  @Field(() => String, { nullable: true, description: "'' for none (left out, it is guessed)." })
  notesColumn?: string | null;

  @Field(() => String, { nullable: true, description: "'' for none (left out, it is guessed)." })
  externalIdColumn?: string | null;

  @Field(() => String, { nullable: true, description: '"." or ",".' })
  decimalSeparator?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Credit-card files write spending as positive.' })
  invertSign?: boolean | null;
}

@InputType()
export class ImportOptions {
  @Field(() => ImportFormatValues, { nullable: true, description: 'Detected from the content when left out.' })
  format?: ImportFormat | null;

  @Field(() => String, { nullable: true, description: 'The text encoding of a CSV file (detected when left out).' })
  encoding?: string | null;

  @Field(() => Int, { nullable: true, description: 'Which statement of the file (ImportStatement.index); default: the one this account imported last, else the first.' })
  statement?: number | null;

  @Field(() => CsvMappingInput, { nullable: true, description: "Without one, the account's saved mapping, else the file's suggested one." })
  csv?: CsvMappingInput | null;
}
