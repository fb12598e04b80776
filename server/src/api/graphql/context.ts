import type { Request, Response } from 'express';
import DataLoader from 'dataloader';
import { ownerScope } from '../../db/owner-scope';
import type { Receipt } from '../../modules/receipts/receipt.entity';
import type { TransactionRecord } from '../../modules/transactions/transaction.model';
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
  };
}

export function createContext(services: Services, req: Request, res: Response): RequestContext {
  const userId = currentUserId(req);
  return {
    req,
    res,
    userId,
    loaders: {
      // One query for the receipts of a whole page of transactions, scoped to the signed-in user.
      receiptsByTransaction: new DataLoader(async (transactionIds) => {
        const byTransaction = new Map<number, Receipt[]>(transactionIds.map((id) => [id, []]));
        if (userId !== null) {
          const receipts = await services.receipts.listForTransactions(ownerScope(userId), transactionIds);
          for (const receipt of receipts) byTransaction.get(receipt.transactionId)?.push(receipt);
        }
        return transactionIds.map((id) => byTransaction.get(id)!);
      }),
      transactionById: new DataLoader((ids) => (userId === null ? Promise.resolve(ids.map(() => null)) : services.transactions.findManyForUser(ownerScope(userId), ids))),
    },
  };
}
