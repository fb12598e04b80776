import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLUpload, type FileUpload } from 'graphql-upload-ts';
import type { RequestContext } from '../../api/graphql/context';
import { CurrentUser } from '../../api/graphql/current-user';
import { decodeId } from '../../api/graphql/ids';
import type { OwnerScope } from '../../db/owner-scope';
import { ownerScope } from '../../db/owner-scope';
import { Transaction } from '../transactions/transaction.type';
import type { TransactionRecord } from '../transactions/transaction.model';
import type { ImportService } from '../imports/import.service';
import type { TransactionService } from '../transactions/transaction.service';
import type { ReceiptService } from './receipt.service';
import { ReceiptType, ServerLimits } from './receipt.type';

@Resolver(() => ReceiptType)
export class ReceiptResolver {
  constructor(private readonly services: { receipts: ReceiptService; transactions: TransactionService; imports: ImportService }) {}

  @Query(() => ServerLimits, { description: 'Public: the same for every user.' })
  serverLimits(): ServerLimits {
    return { receiptMaxBytes: this.services.receipts.maxBytes, importMaxBytes: this.services.imports.limits.maxBytes, importMaxRows: this.services.imports.limits.maxRows };
  }

  @Mutation(() => ReceiptType, { description: 'JPEG, PNG, WebP, HEIC or PDF, recognised from its bytes.' })
  async uploadReceipt(
    @CurrentUser() scope: OwnerScope,
    @Arg('transactionId', () => ID) transactionId: string,
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload> | FileUpload,
  ): Promise<ReceiptType> {
    const upload = await file;
    return this.services.receipts.upload(scope, decodeId(transactionId), {
      filename: upload.filename,
      open: () => upload.createReadStream(),
    });
  }

  @Mutation(() => Boolean, { description: 'Deletes the receipt and its file.' })
  deleteReceipt(@CurrentUser() scope: OwnerScope, @Arg('id', () => ID) id: string): Promise<boolean> {
    return this.services.receipts.delete(scope, decodeId(id));
  }

  @FieldResolver(() => String, { description: "Downloads the file; works only with its owner's session." })
  url(@Root() receipt: ReceiptType): string {
    return `/receipts/${receipt.id}`;
  }

  // Not a root field, so no @CurrentUser: a receipt is reached only through a signed-in user's
  // root field, whose user the context holds (0, nobody, cannot happen but reads nothing).
  @FieldResolver(() => Transaction)
  transaction(@Root() receipt: ReceiptType, @Ctx() context: RequestContext): Promise<TransactionRecord> {
    return this.services.transactions.getForUser(ownerScope(context.userId ?? 0), receipt.transactionId);
  }
}
