import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Transaction } from '../transactions/transaction.entity';
import { User } from '../users/user.entity';

/** One committed import: what it created, matched and skipped; undone once at most. */
@Entity('import_batches')
@Index('import_batches_user_account_idx', ['userId', 'accountId', 'id'])
export class ImportBatch {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;
  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Column({ type: 'varchar', length: 10 })
  format!: string;
  @Column({ type: 'varchar', length: 255 })
  filename!: string;
  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
  @Column({ name: 'created_count', type: 'integer', default: 0 })
  createdCount!: number;
  @Column({ name: 'matched_count', type: 'integer', default: 0 })
  matchedCount!: number;
  @Column({ name: 'skipped_count', type: 'integer', default: 0 })
  skippedCount!: number;
  @Column({ name: 'undone_at', type: Date, nullable: true })
  undoneAt!: Date | null;
}

/** An existing transaction a batch linked to a row of its file, and what undo puts back. */
@Entity('import_batch_matches')
@Index('import_batch_matches_transaction_idx', ['transactionId'])
export class ImportBatchMatch {
  @PrimaryColumn({ name: 'batch_id', type: 'integer' })
  batchId!: number;
  @ManyToOne(() => ImportBatch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id' })
  batch?: ImportBatch;

  @PrimaryColumn({ name: 'transaction_id', type: 'integer' })
  transactionId!: number;
  @ManyToOne(() => Transaction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transaction_id' })
  transaction?: Transaction | null;

  @Column({ name: 'previous_imported_description', type: 'text', default: '' })
  previousImportedDescription!: string;
  @Column({ name: 'previous_external_id', type: 'varchar', length: 255, nullable: true })
  previousExternalId!: string | null;
}
