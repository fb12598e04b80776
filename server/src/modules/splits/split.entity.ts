import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { moneyTransformer } from '../../db/columns';
import type { MinorUnits } from '../../lib/money';
import { Category } from '../categories/category.entity';
import { Transaction } from '../transactions/transaction.entity';
import { Transfer } from '../transfers/transfer.entity';
import { User } from '../users/user.entity';

/** A part of a split transaction: its share of the amount, with its own category and note. */
@Entity('transaction_splits')
@Index('transaction_splits_transaction_idx', ['transactionId', 'position'], { unique: true })
@Index('transaction_splits_category_idx', ['categoryId'])
@Index('transaction_splits_user_idx', ['userId'])
@Index('transaction_splits_transfer_idx', ['transferId'], { where: '"transfer_id" IS NOT NULL' })
export class Split {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'transaction_id', type: 'integer' })
  transactionId!: number;
  @ManyToOne(() => Transaction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transaction_id' })
  transaction?: Transaction;

  /** 0-based order of the parts as the user gave them. */
  @Column({ type: 'integer' })
  position!: number;

  /** Minor units of the transaction's account currency, signed like the transaction. */
  @Column({ type: 'bigint', transformer: moneyTransformer })
  amount!: MinorUnits;

  @Column({ name: 'category_id', type: 'integer', nullable: true })
  categoryId!: number | null;
  @ManyToOne(() => Category, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'category_id' })
  category?: Category | null;

  @Column({ type: 'text', default: '' })
  notes!: string;

  /** The transfer this part is a leg of (money to or from another account), if any. */
  @Column({ name: 'transfer_id', type: 'integer', nullable: true })
  transferId!: number | null;
  @ManyToOne(() => Transfer, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'transfer_id' })
  transfer?: Transfer | null;
}
