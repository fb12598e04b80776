import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { GraphQLUpload, type FileUpload } from 'graphql-upload-ts';
import { requireUser, type RequestContext } from '../../api/graphql/context';
import { ownerScope } from '../../db/owner-scope';
import type { TransactionRecord } from '../transactions/transaction.model';
import { Transaction } from '../transactions/transaction.type';
import { Receipt } from './receipt.entity';
import type { TransactionService } from '../transactions/transaction.service';
import type { ReceiptService } from './receipt.service';

@ObjectType({ simpleResolvers: true, description: 'Limits the server enforces, published so a client can check before sending.' })
export class ServerLimits {
  @Field(() => Int, { description: 'The largest receipt file accepted, in bytes (RECEIPT_MAX_MB).' })
  receiptMaxBytes!: number;
}

@Resolver(() => Receipt)
export class ReceiptResolver {
  constructor(private readonly services: { receipts: ReceiptService; transactions: TransactionService }) {}

  @Query(() => ServerLimits, { description: 'Public: the same for every user.' })
  serverLimits(): ServerLimits {
    return { receiptMaxBytes: this.services.receipts.maxBytes };
  }

  @Mutation(() => Receipt, { description: 'JPEG, PNG, WebP, HEIC or PDF, recognised from its bytes.' })
  async uploadReceipt(
    @Arg('transactionId', () => ID) transactionId: string,
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload> | FileUpload,
    @Ctx() context: RequestContext,
  ): Promise<Receipt> {
    const userId = requireUser(context);
    const upload = await file;
    return this.services.receipts.upload(userId, transactionId, {
      filename: upload.filename,
      open: () => upload.createReadStream(),
    });
  }

  @Mutation(() => Boolean, { description: 'Deletes the receipt and its file.' })
  deleteReceipt(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<boolean> {
    return this.services.receipts.delete(requireUser(context), id);
  }

  @FieldResolver(() => String, { description: "Downloads the file; works only with its owner's session." })
  url(@Root() receipt: Receipt): string {
    return `/receipts/${receipt.id}`;
  }

  @FieldResolver(() => Transaction)
  transaction(@Root() receipt: Receipt, @Ctx() context: RequestContext): Promise<TransactionRecord> {
    return this.services.transactions.getForUser(ownerScope(requireUser(context)), receipt.transactionId);
  }
}
