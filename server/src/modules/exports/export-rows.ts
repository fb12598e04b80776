import type { SplitRecord } from '../splits/split.model';
import type { TransactionRecord } from '../transactions/transaction.model';

/**
 * One line of the transactions export. A split transaction gives its own line (its whole amount,
 * no category) and then one line per part, whose `parentId` is the transaction's id: a reader that
 * sums amounts takes the lines without a parent id (the importer turns part lines back into parts).
 */
export interface ExportRow {
  id: number;
  parentId: number | null;
  date: string;
  account: string;
  /** A decimal with the currency's digits, a dot, no thousands separator; negative is money out. */
  amount: string;
  currency: string;
  category: string;
  description: string;
  importedDescription: string;
  notes: string;
  /** The account at the other end of a transfer (of the whole row, or of a part). */
  transferAccount: string;
  /** The receipts' file names. */
  receipts: string[];
}

/** The header of the CSV, in the order of its columns; the importer recognises the app's export by it. */
export const EXPORT_COLUMNS = ['Id', 'Parent id', 'Date', 'Account', 'Amount', 'Currency', 'Category', 'Description', 'Imported description', 'Notes', 'Transfer account', 'Receipts'] as const;

/** What a page's lines are made from besides its transactions, read once for the page. */
export interface PageLinks {
  partsByTransaction: ReadonlyMap<number, SplitRecord[]>;
  /** The other side's account name, by transfer id and the side's own transaction id. */
  transferAccount: (transferId: number, ownTransactionId: number) => string;
  categoryName: (id: number | null) => string;
  receiptsByTransaction: ReadonlyMap<number, string[]>;
}

export function exportRowsOf(transaction: TransactionRecord, links: PageLinks): ExportRow[] {
  const { account } = transaction;
  const row: ExportRow = {
    id: transaction.id,
    parentId: null,
    date: transaction.date,
    account: account.name,
    amount: transaction.amount.toString(),
    currency: account.currency,
    category: transaction.category?.name ?? '',
    description: transaction.description,
    importedDescription: transaction.importedDescription,
    notes: transaction.notes,
    transferAccount: transaction.transferId === null ? '' : links.transferAccount(transaction.transferId, transaction.id),
    receipts: links.receiptsByTransaction.get(transaction.id) ?? [],
  };
  const parts = transaction.isSplit ? (links.partsByTransaction.get(transaction.id) ?? []) : [];
  return [
    row,
    ...parts.map((part) => ({
      ...row,
      id: part.id,
      parentId: transaction.id,
      amount: part.amount.toString(),
      category: links.categoryName(part.categoryId),
      notes: part.notes,
      transferAccount: part.transferId === null ? '' : links.transferAccount(part.transferId, transaction.id),
      receipts: [],
    })),
  ];
}

/** The CSV line's cells, in EXPORT_COLUMNS order; receipts are joined by "; ". */
export function csvCellsOf(row: ExportRow): string[] {
  return [
    String(row.id),
    row.parentId === null ? '' : String(row.parentId),
    row.date,
    row.account,
    row.amount,
    row.currency,
    row.category,
    row.description,
    row.importedDescription,
    row.notes,
    row.transferAccount,
    row.receipts.join('; '),
  ];
}
