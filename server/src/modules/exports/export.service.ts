import type { OwnerScope } from '../../db/owner-scope';
import type { Keyset } from '../../lib/keyset';
import type { CategoryRepository } from '../categories/category.repository';
import type { ReceiptRepository } from '../receipts/receipt.repository';
import type { SplitRecord } from '../splits/split.model';
import type { SplitRepository } from '../splits/split.repository';
import type { TransactionFilterData, TransactionRecord } from '../transactions/transaction.model';
import type { TransactionRepository } from '../transactions/transaction.repository';
import type { TransactionService } from '../transactions/transaction.service';
import type { TransferRepository } from '../transfers/transfer.repository';
import { exportRowsOf, type ExportRow, type PageLinks } from './export-rows';

/** Transactions read per page: a page's lines are written before the next is read, so memory stays flat. */
const EXPORT_PAGE = 1000;

/**
 * The owner's transactions as export lines, in the list's order (newest first), a keyset page at
 * a time: a million rows never sit in memory together.
 */
export class ExportService {
  constructor(
    private readonly transactions: { service: TransactionService; repository: TransactionRepository },
    private readonly splits: SplitRepository,
    private readonly transfers: TransferRepository,
    private readonly receipts: ReceiptRepository,
    private readonly categories: CategoryRepository,
  ) {}

  /**
   * Checks the filter (BAD_USER_INPUT before anything is written) and answers the pages of lines,
   * read one at a time as the caller asks for them; the caller stops early by returning.
   */
  async transactionPages(scope: OwnerScope, filter: TransactionFilterData | null, pageSize = EXPORT_PAGE): Promise<AsyncIterable<ExportRow[]>> {
    const selection = await this.transactions.service.selectionFor(scope, filter);
    const categoryNames = new Map((await this.categories.names(scope)).map((category) => [category.id, category.name]));
    const readPage = (after: Keyset | null) => this.transactions.repository.page(scope, selection, pageSize, after);
    const linesOf = (page: TransactionRecord[]) => this.linesOf(scope, page, categoryNames);
    return {
      async *[Symbol.asyncIterator]() {
        for (let after: Keyset | null = null; ; ) {
          const page = await readPage(after);
          if (page.length) yield await linesOf(page);
          if (page.length < pageSize) return;
          const last = page[page.length - 1];
          after = { date: last.date, id: last.id };
        }
      },
    };
  }

  private async linesOf(scope: OwnerScope, page: TransactionRecord[], categoryNames: ReadonlyMap<number, string>): Promise<ExportRow[]> {
    const ids = page.map((transaction) => transaction.id);
    const [parts, receipts] = await Promise.all([
      this.splits.listForTransactions(scope, page.filter((transaction) => transaction.isSplit).map((transaction) => transaction.id)),
      this.receipts.listForTransactions(scope, ids),
    ]);
    const partsByTransaction = groupBy(parts, (part) => part.transactionId);
    const receiptsByTransaction = new Map<number, string[]>();
    for (const receipt of receipts) receiptsByTransaction.set(receipt.transactionId, [...(receiptsByTransaction.get(receipt.transactionId) ?? []), receipt.filename]);
    const transferAccount = await this.transferAccounts(scope, page, parts);
    const links: PageLinks = {
      partsByTransaction,
      transferAccount,
      categoryName: (id) => (id === null ? '' : (categoryNames.get(id) ?? '')),
      receiptsByTransaction,
    };
    return page.flatMap((transaction) => exportRowsOf(transaction, links));
  }

  /** The account at the other end of each transfer of the page (whole rows and parts): two queries a page. */
  private async transferAccounts(scope: OwnerScope, page: TransactionRecord[], parts: SplitRecord[]): Promise<PageLinks['transferAccount']> {
    const transferIds = [...new Set([...page.map((transaction) => transaction.transferId), ...parts.map((part) => part.transferId)].filter((id) => id !== null))];
    const transfers = await this.transfers.findManyByIds(scope, transferIds);
    const sides = new Map(transfers.map((transfer) => [transfer.id, transfer]));
    const others = await this.transactions.repository.findManyByIds(scope, [...new Set(transfers.flatMap((transfer) => [transfer.outflowTransactionId, transfer.inflowTransactionId]))]);
    const accountOf = new Map(others.map((transaction) => [transaction.id, transaction.account.name]));
    return (transferId, ownTransactionId) => {
      const transfer = sides.get(transferId);
      if (!transfer) return '';
      const other = transfer.outflowTransactionId === ownTransactionId ? transfer.inflowTransactionId : transfer.outflowTransactionId;
      return accountOf.get(other) ?? '';
    };
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
