import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, JoinColumn, PrimaryGeneratedColumn } from 'typeorm';
import { moneyTransformer } from '../../db/columns';
import type { MinorUnits } from '../../lib/money';
import { User } from '../users/user.entity';

@ObjectType({ description: 'A place money is kept: a bank account, a card, a wallet.' })
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

  /** Opening balance plus the sum of the transactions, filled in by AccountService. */
  balance?: MinorUnits;
}
