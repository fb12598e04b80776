import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Transaction } from '../transactions/transaction.entity';
import { User } from '../users/user.entity';

/** A receipt file's row: the bytes live in the receipt storage under `storageKey`. */
@Entity('receipts')
@Index('receipts_transaction_idx', ['transactionId'])
// A page's receipts are looked up by owner and transaction ids together (the DataLoader's query).
@Index('receipts_user_transaction_idx', ['userId', 'transactionId'])
export class Receipt {
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

  /** The name the file had, cleaned of paths and control characters. */
  @Column({ type: 'varchar', length: 255 })
  filename!: string;

  /** Recognised from the file itself, not from what the client said. */
  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType!: string;

  /** Size in bytes. */
  @Column({ type: 'integer' })
  size!: number;

  /** Where the storage backend keeps the bytes: "<userId>/<uuid>", never the client's filename. */
  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
