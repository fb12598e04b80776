import { Column, CreateDateColumn, Entity, Index, ManyToOne, JoinColumn, PrimaryGeneratedColumn } from 'typeorm';
import { moneyTransformer } from '../../db/columns';
import type { MinorUnits } from '../../lib/money';
import { User } from '../users/user.entity';

@Entity('accounts')
@Index('accounts_user_idx', ['userId', 'id'])
export class Account {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** ISO-4217 code of every amount in this account. */
  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ name: 'opening_balance', type: 'bigint', transformer: moneyTransformer, default: 0 })
  openingBalance!: MinorUnits;

  @Column({ type: 'boolean', default: false })
  archived!: boolean;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  /** How many transactions the account holds; kept by database triggers, never written by the app. */
  @Column({ name: 'transaction_count', type: 'integer', default: 0, insert: false, update: false })
  transactionCount!: number;

  /** The sum of the account's transactions; kept by database triggers, never written by the app. */
  @Column({ name: 'transaction_total', type: 'bigint', transformer: moneyTransformer, default: 0, insert: false, update: false })
  transactionTotal!: MinorUnits;
}
