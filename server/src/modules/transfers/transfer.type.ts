import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** Which transactions a filter keeps by what they are (the GraphQL enum's values). */
export enum TransactionKindValue {
  TRANSFER = 'TRANSFER',
  INCOME = 'INCOME',
  EXPENSE = 'EXPENSE',
}
registerEnumType(TransactionKindValue, {
  name: 'TransactionKind',
  description: 'A leg of a transfer between your accounts, money in, or money out.',
  valuesConfig: {
    TRANSFER: { description: 'A leg of a transfer between your accounts (or, in a filter, a split transaction with a transfer part).' },
    INCOME: { description: 'Money in that is not a transfer.' },
    EXPENSE: { description: 'Money out that is not a transfer.' },
  },
});

export enum TransferLegActionValue {
  UNLINK = 'UNLINK',
  DELETE = 'DELETE',
}
registerEnumType(TransferLegActionValue, {
  name: 'TransferLegAction',
  description: 'What happens to the other leg when one leg of a transfer is deleted.',
  valuesConfig: {
    UNLINK: { description: 'The other leg stays, as a plain transaction of its account.' },
    DELETE: { description: 'The other leg is deleted too.' },
  },
});

/** Money moved between two of your accounts: two real transactions, one on each account, linked. */
@ObjectType('Transfer', { simpleResolvers: true, description: 'Money moved between two of your accounts: two real transactions, one on each account, linked.' })
export class TransferType {
  @Field(() => ID)
  id!: number;
}
