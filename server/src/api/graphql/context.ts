import type { Request, Response } from 'express';
import DataLoader from 'dataloader';
import { ownerScope } from '../../db/owner-scope';
import type { CategoryRecord } from '../../modules/categories/category.model';
import type { RuleRecord } from '../../modules/rules/rule.model';
import type { Receipt } from '../../modules/receipts/receipt.entity';
import type { SplitRecord } from '../../modules/splits/split.model';
import type { TransactionRecord } from '../../modules/transactions/transaction.model';
import type { LegProbe, TransferRecord } from '../../modules/transfers/transfer.model';
import type { Services } from '../../services';
import { currentUserId } from '../../sessions/current-user';

export interface RequestContext {
  req: Request;
  res: Response;
  userId: number | null;
  loaders: {
    receiptsByTransaction: DataLoader<number, Receipt[]>;
    /** The signed-in user's transactions by id (null: gone, or not theirs), for links such as an import row's match. */
    transactionById: DataLoader<number, TransactionRecord | null>;
    transferById: DataLoader<number, TransferRecord | null>;
    splitsByTransaction: DataLoader<number, SplitRecord[]>;
    /** The parts that are legs of a transfer (none, one or both sides). */
    splitsByTransfer: DataLoader<number, SplitRecord[]>;
    /**
     * The row offered as the other leg of a transaction, or of an import's row (TransferService.suggestFor),
     * read in the same batch: what a page costs does not hang on when the other loaders run.
     */
    transferSuggestion: DataLoader<LegProbe, TransactionRecord | null, string>;
    categoryById: DataLoader<number, CategoryRecord | null>;
    /** The user's rules by id (read whole: they are few). */
    ruleById: DataLoader<number, RuleRecord | null>;
  };
}

export function createContext(services: Services, req: Request, res: Response): RequestContext {
  const userId = currentUserId(req);
  const scope = ownerScope(userId ?? 0);
  // Every loader answers nothing when nobody is signed in (resolvers of signed-in data are not reached then anyway).
  const owned = <K, V>(empty: V, load: (keys: readonly K[]) => Promise<V[]>) => (keys: readonly K[]) =>
    userId === null ? Promise.resolve(keys.map(() => empty)) : load(keys);
  return {
    req,
    res,
    userId,
    loaders: {
      // One query for the receipts of a whole page of transactions, scoped to the signed-in user.
      receiptsByTransaction: new DataLoader(
        owned<number, Receipt[]>([], async (transactionIds) => {
          const byTransaction = new Map<number, Receipt[]>(transactionIds.map((id) => [id, []]));
          for (const receipt of await services.receipts.listForTransactions(scope, transactionIds)) byTransaction.get(receipt.transactionId)?.push(receipt);
          return transactionIds.map((id) => byTransaction.get(id)!);
        }),
      ),
      transactionById: new DataLoader(owned<number, TransactionRecord | null>(null, (ids) => services.transactions.findManyForUser(scope, ids))),
      transferById: new DataLoader(owned<number, TransferRecord | null>(null, (ids) => services.transfers.findManyForUser(scope, ids))),
      splitsByTransaction: new DataLoader(owned<number, SplitRecord[]>([], (ids) => services.splits.listForTransactions(scope, ids))),
      splitsByTransfer: new DataLoader(
        owned<number, SplitRecord[]>([], async (ids) => {
          const parts = await services.splits.listForTransfers(scope, ids);
          return ids.map((id) => parts.filter((part) => part.transferId === id));
        }),
      ),
      transferSuggestion: new DataLoader(
        owned<LegProbe, TransactionRecord | null>(null, async (probes) => {
          const ids = await services.transfers.suggestFor(scope, probes);
          const rows = await services.transactions.findManyForUser(scope, ids.filter((id) => id !== null));
          const byId = new Map(rows.flatMap((row) => (row ? [[row.id, row]] : [])));
          return ids.map((id) => (id === null ? null : (byId.get(id) ?? null)));
        }),
        { cacheKeyFn: (probe) => `${probe.transactionId ?? ''}:${probe.accountId}:${probe.date}:${probe.amount}` },
      ),
      categoryById: new DataLoader(
        owned<number, CategoryRecord | null>(null, async (ids) => {
          const byId = new Map((await services.categories.listForUser(scope)).map((category) => [category.id, category]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
      ),
      ruleById: new DataLoader(
        owned<number, RuleRecord | null>(null, async (ids) => {
          const byId = new Map((await services.rules.list(scope)).map((rule) => [rule.id, rule]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
      ),
    },
  };
}
