import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../api/graphql/context';
import { CurrentUser } from '../../api/graphql/current-user';
import { decodeId, decodeOptionalId } from '../../api/graphql/ids';
import type { OwnerScope } from '../../db/owner-scope';
import type { CategoryRecord } from '../categories/category.model';
import { Category } from '../categories/category.type';
import type { TransactionRecord } from '../transactions/transaction.model';
import { Transaction } from '../transactions/transaction.type';
import type { TransferRecord } from '../transfers/transfer.model';
import { TransferType } from '../transfers/transfer.type';
import type { SplitData, SplitRecord } from './split.model';
import type { SplitService } from './split.service';
import { SplitInput, SplitType } from './split.type';

/** The parts as the service takes them: ids decoded (an id that is not one names nothing). */
export function splitData(splits: readonly SplitInput[]): SplitData[] {
  return splits.map((split) => ({ ...split, categoryId: decodeOptionalId(split.categoryId), transferAccountId: decodeOptionalId(split.transferAccountId) }));
}

@Resolver(() => SplitType)
export class SplitResolver {
  constructor(private readonly services: { splits: SplitService }) {}

  @Mutation(() => Transaction, {
    description: "Replaces the transaction's parts; an empty list unsplits it. The parts must add up to its amount exactly (BAD_USER_INPUT names the difference).",
  })
  setSplits(
    @Arg('transactionId', () => ID) transactionId: string,
    @Arg('splits', () => [SplitInput]) splits: SplitInput[],
    @CurrentUser() scope: OwnerScope,
  ): Promise<TransactionRecord> {
    return this.services.splits.setSplits(scope, decodeId(transactionId), splitData(splits));
  }

  @FieldResolver(() => Category, { nullable: true })
  category(@Root() split: SplitRecord, @Ctx() context: RequestContext): Promise<CategoryRecord | null> | null {
    return split.categoryId === null ? null : context.loaders.categoryById.load(split.categoryId);
  }

  @FieldResolver(() => TransferType, { nullable: true, description: 'When this part moves money to or from another of your accounts.' })
  transfer(@Root() split: SplitRecord, @Ctx() context: RequestContext): Promise<TransferRecord | null> | null {
    return split.transferId === null ? null : context.loaders.transferById.load(split.transferId);
  }
}

@Resolver(() => Transaction)
export class TransactionSplitsResolver {
  @FieldResolver(() => [SplitType], { description: 'The parts of a split transaction, in order (empty when it is not split).' })
  splits(@Root() transaction: TransactionRecord, @Ctx() context: RequestContext): Promise<SplitRecord[]> | SplitRecord[] {
    return transaction.isSplit ? context.loaders.splitsByTransaction.load(transaction.id) : [];
  }
}
