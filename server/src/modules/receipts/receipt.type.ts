import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('Receipt', { simpleResolvers: true, description: 'A photo or PDF of a receipt attached to a transaction.' })
export class ReceiptType {
  @Field(() => ID)
  id!: number;

  @Field(() => String, { description: 'The name the file had, cleaned of paths and control characters.' })
  filename!: string;

  @Field(() => String, { description: 'Recognised from the file itself, not from what the client said.' })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  size!: number;

  @Field(() => Date)
  createdAt!: Date;

  /** Not a GraphQL field: the `transaction` field resolver reads the transaction by it. */
  transactionId!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Limits the server enforces, published so a client can check before sending.' })
export class ServerLimits {
  @Field(() => Int, { description: 'The largest receipt file accepted, in bytes (RECEIPT_MAX_MB).' })
  receiptMaxBytes!: number;

  @Field(() => Int, { description: 'The largest statement file an import reads, in bytes (IMPORT_MAX_MB).' })
  importMaxBytes!: number;

  @Field(() => Int, { description: 'The most rows one statement of an import may hold (IMPORT_MAX_ROWS).' })
  importMaxRows!: number;
}
