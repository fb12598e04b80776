import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { User } from '../users/user.entity';

/** Per account: the CSV mapping that worked last, and the statement's account hint last imported into it. */
@Entity('import_csv_mappings')
@Index('import_csv_mappings_account_idx', ['accountId'], { unique: true })
@Index('import_csv_mappings_user_idx', ['userId'])
export class ImportCsvMapping {
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

  /** The CsvMappingInput as JSON; null when only the hint is known. */
  @Column({ type: 'text', nullable: true })
  mapping!: string | null;
  @Column({ name: 'account_hint', type: 'varchar', length: 255, nullable: true })
  accountHint!: string | null;
  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
