import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { nullableMoneyTransformer } from '../../db/columns';
import type { MinorUnits } from '../../lib/money';
import { Account } from '../accounts/account.entity';
import { User } from '../users/user.entity';

/**
 * A parsed file waiting for its commit, kept in the database (the commit may reach another
 * replica) until it expires.
 */
@Entity('import_previews')
@Index('import_previews_user_expires_idx', ['userId', 'expiresAt'])
export class ImportPreview {
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
  @Column({ type: 'varchar', length: 40 })
  encoding!: string;
  @Column({ type: 'varchar', length: 255 })
  filename!: string;
  @Column({ name: 'statement_index', type: 'integer', default: 0 })
  statementIndex!: number;
  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;
  /** ImportPreviewDetails as JSON (import.model.ts). */
  @Column({ type: 'text', default: '{}' })
  details!: string;
}

/**
 * One row of a preview, in file order. `position` (0-based) is its identity and keyset: `line`
 * alone is not unique (a CAMT batch entry gives several rows on one line).
 */
@Entity('import_preview_rows')
@Index('import_preview_rows_status_idx', ['previewId', 'status', 'position'])
export class ImportPreviewRow {
  @PrimaryColumn({ name: 'preview_id', type: 'integer' })
  previewId!: number;
  @ManyToOne(() => ImportPreview, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'preview_id' })
  preview?: ImportPreview;

  @PrimaryColumn({ type: 'integer' })
  position!: number;

  @Column({ type: 'integer' })
  line!: number;
  @Column({ type: 'varchar', length: 10, nullable: true })
  date!: string | null;
  /** Minor units of the account's currency; null when the row is invalid. */
  @Column({ type: 'bigint', nullable: true, transformer: nullableMoneyTransformer })
  amount!: MinorUnits | null;
  @Column({ type: 'text', default: '' })
  description!: string;
  @Column({ type: 'text', default: '' })
  notes!: string;
  @Column({ name: 'external_id', type: 'varchar', length: 255, nullable: true })
  externalId!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true })
  fingerprint!: string | null;
  /** NEW | DUPLICATE | MATCHED | INVALID */
  @Column({ type: 'varchar', length: 10 })
  status!: string;
  /** The transaction a MATCHED row links to, or the one a DUPLICATE repeats (no foreign key: the commit checks it again). */
  @Column({ name: 'matched_transaction_id', type: 'integer', nullable: true })
  matchedTransactionId!: number | null;
  @Column({ type: 'text', nullable: true })
  error!: string | null;
  @Column({ type: 'boolean' })
  included!: boolean;
  /** The category the file names for the row (QIF `L`, a CSV category column), as written; null when none. */
  @Column({ type: 'text', nullable: true })
  category!: string | null;
  /** The row's split lines (PreviewSplit[] as JSON, import.model.ts); null when it has none. */
  @Column({ type: 'text', nullable: true })
  splits!: string | null;
  /** What the rules give the row (RuleOutcome as JSON, rules/rule.model.ts); null when none changes it. */
  @Column({ name: 'rule_outcome', type: 'text', nullable: true })
  ruleOutcome!: string | null;
}
