import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { moneyTransformer } from '../../db/columns';
import type { MinorUnits } from '../../lib/money';
import { Account } from '../accounts/account.entity';
import { Category } from '../categories/category.entity';
import { ImportBatch } from '../imports/import-batch.entity';
import { Transfer } from '../transfers/transfer.entity';
import { User } from '../users/user.entity';

@Entity('transactions')
// The keyset order of the list (newest date first, then id) leads every index a filter uses; the
// first also carries what the dashboard sums, so those read the index alone. The partial and
// trigram indexes are driver-specific and live in the migrations only (synchronize: false).
@Index('transactions_user_date_idx', ['userId', 'date', 'id', 'accountId', 'categoryId', 'amount', 'transferId', 'isSplit'])
@Index('transactions_account_date_idx', ['accountId', 'date', 'id'])
@Index('transactions_category_date_idx', ['categoryId', 'date', 'id'])
@Index('transactions_user_amount_idx', ['userId', 'amount'])
@Index('transactions_uncategorized_idx', { synchronize: false })
// Imports look rows up by the bank's id, and undo by batch; both columns are null on most rows.
@Index('transactions_account_external_idx', ['accountId', 'externalId'], { where: '"external_id" IS NOT NULL' })
@Index('transactions_account_fingerprint_idx', ['accountId', 'importFingerprint'], { where: '"import_fingerprint" IS NOT NULL' })
@Index('transactions_import_batch_idx', ['importBatchId'], { where: '"import_batch_id" IS NOT NULL' })
@Index('transactions_search_trgm_idx', { synchronize: false })
export class Transaction {
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
  account!: Account;

  @Column({ name: 'category_id', type: 'integer', nullable: true })
  categoryId!: number | null;
  @ManyToOne(() => Category, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'category_id' })
  category!: Category | null;
  @Column({ type: 'varchar', length: 10 })
  date!: string;

  /** Minor units of the account's currency; a record carries it as Money. */
  @Column({ type: 'bigint', transformer: moneyTransformer })
  amount!: MinorUnits;
  @Column({ type: 'varchar', length: 500, default: '' })
  description!: string;
  @Column({ type: 'text', default: '' })
  notes!: string;

  /**
   * Lower-cased description and notes, so search is case-insensitive for every script on every
   * database. Only queries read it: never loaded with the row (it would double each page's text).
   */
  @Column({ name: 'search_text', type: 'text', default: '', select: false })
  searchText!: string;
  /** The bank's own text for the row when it was imported ('' otherwise); the user edits `description`, never this. */
  @Column({ name: 'imported_description', type: 'text', default: '' })
  importedDescription!: string;
  /** The bank's id for the row (OFX FITID, CAMT reference, a CSV column), when an import gave one. */
  @Column({ name: 'external_id', type: 'varchar', length: 255, nullable: true })
  externalId!: string | null;
  /**
   * The fingerprint (imports/duplicates.ts) of the file's row that created or matched this one: a
   * re-import finds it even after the user changed the date or the amount. Only imports read it.
   */
  @Column({ name: 'import_fingerprint', type: 'varchar', length: 64, nullable: true, select: false })
  importFingerprint!: string | null;
  /** The import that created the row or linked it to a row of its file. */
  @Column({ name: 'import_batch_id', type: 'integer', nullable: true })
  importBatchId!: number | null;
  @ManyToOne(() => ImportBatch, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'import_batch_id' })
  importBatch?: ImportBatch | null;

  /** The transfer this row is a leg of, as a whole (a split's part names its own). */
  @Column({ name: 'transfer_id', type: 'integer', nullable: true })
  transferId!: number | null;
  @ManyToOne(() => Transfer, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'transfer_id' })
  transfer?: Transfer | null;
  /** Split into parts (transaction_splits), which carry the categories; the row's own category is then empty. */
  @Column({ name: 'is_split', type: 'boolean', default: false })
  isSplit!: boolean;

  /** Which fields the user set by hand (HAND_SET bits, transaction.model.ts): no rule changes them. */
  @Column({ name: 'hand_set_fields', type: 'integer', default: 0 })
  handSetFields!: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
