import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, JoinColumn, PrimaryGeneratedColumn } from 'typeorm';
import { moneyTransformer } from '../../db/columns';
import type { MinorUnits } from '../../lib/money';
import { User } from '../users/user.entity';

@ObjectType({ simpleResolvers: true, description: 'A place money is kept: a bank account, a card, a wallet.' })
@Entity('accounts')
@Index('accounts_user_idx', ['userId', 'id'])
export class Account {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field(() => String, { description: 'ISO-4217 code of every amount in this account.' })
  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  /** Exposed as Money by the resolver, which knows the currency. */
  @Column({ name: 'opening_balance', type: 'bigint', transformer: moneyTransformer, default: 0 })
  openingBalance!: MinorUnits;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: false })
  archived!: boolean;

  @Field(() => Date)
  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  /** How many transactions the account holds; kept by database triggers, never written by the app. */
  @Field(() => Int, { description: 'How many transactions the account holds.' })
  @Column({ name: 'transaction_count', type: 'integer', default: 0, insert: false, update: false })
  transactionCount!: number;

  /** The sum of the account's transactions; kept by database triggers, never written by the app. */
  @Column({ name: 'transaction_total', type: 'bigint', transformer: moneyTransformer, default: 0, insert: false, update: false })
  transactionTotal!: MinorUnits;

  /** Opening balance plus the sum of the transactions. */
  get balance(): MinorUnits {
    return this.openingBalance + (this.transactionTotal ?? 0n);
  }
}
