import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Transaction } from '../transactions/transaction.entity';
import { User } from '../users/user.entity';

/** How a transfer came to be, which decides what deleting one leg does to the other by default. */
export type TransferOrigin = 'created' | 'linked';

/**
 * Money moved between two of the user's accounts: the outflow leg (amount < 0) and the inflow leg
 * (amount > 0), each a real row of its account. When one side is a part of a split transaction,
 * that part names the transfer (`transaction_splits.transfer_id`) and the side is its transaction.
 */
@Entity('transfers')
@Index('transfers_outflow_idx', ['outflowTransactionId'])
@Index('transfers_inflow_idx', ['inflowTransactionId'])
@Index('transfers_user_idx', ['userId'])
export class Transfer {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'outflow_transaction_id', type: 'integer' })
  outflowTransactionId!: number;
  @ManyToOne(() => Transaction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outflow_transaction_id' })
  outflow?: Transaction;

  @Column({ name: 'inflow_transaction_id', type: 'integer' })
  inflowTransactionId!: number;
  @ManyToOne(() => Transaction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inflow_transaction_id' })
  inflow?: Transaction;

  /** 'created': both legs made together (createTransfer, a split's transfer part); 'linked': two rows the user had. */
  @Column({ type: 'varchar', length: 10 })
  origin!: TransferOrigin;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}

/** A suggested pair the user said is not a transfer: never offered again. Kept in id order. */
@Entity('transfer_rejections')
@Index('transfer_rejections_second_idx', ['secondTransactionId'])
@Index('transfer_rejections_user_idx', ['userId'])
export class TransferRejection {
  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @PrimaryColumn({ name: 'first_transaction_id', type: 'integer' })
  firstTransactionId!: number;
  @ManyToOne(() => Transaction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'first_transaction_id' })
  first?: Transaction;

  @PrimaryColumn({ name: 'second_transaction_id', type: 'integer' })
  secondTransactionId!: number;
  @ManyToOne(() => Transaction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'second_transaction_id' })
  second?: Transaction;
}
