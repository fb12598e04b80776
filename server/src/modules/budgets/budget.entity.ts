import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { moneyTransformer } from '../../db/columns';
import type { MinorUnits } from '../../lib/money';
import { Category } from '../categories/category.entity';
import { User } from '../users/user.entity';

/** What the owner plans for one expense category in one month, in minor units of their currency. */
@Entity('budgets')
@Index('budgets_user_month_category_idx', ['userId', 'month', 'categoryId'], { unique: true })
@Index('budgets_category_month_idx', ['categoryId', 'month'])
export class Budget {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'category_id', type: 'integer' })
  categoryId!: number;
  @ManyToOne(() => Category, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'category_id' })
  category?: Category;

  /** "YYYY-MM". */
  @Column({ type: 'varchar', length: 7 })
  month!: string;
  @Column({ type: 'bigint', transformer: moneyTransformer })
  amount!: MinorUnits;
}

/**
 * How far the owner's closings hold: every month before `validBefore` ("YYYY-MM"; "0000-00" when
 * none does). Database triggers lower it on any change to an earlier month (see the migration).
 */
@Entity('budget_caches')
export class BudgetCache {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId!: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'valid_before', type: 'varchar', length: 7 })
  validBefore!: string;
}

/** The owner's to-budget at the end of a month: what the next month starts from. */
@Entity('budget_closings')
export class BudgetClosing {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId!: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;
  @Column({ name: 'to_budget', type: 'bigint', transformer: moneyTransformer })
  toBudget!: MinorUnits;
}

/** A rolling category's available at the end of a month (none kept when it is 0). */
@Entity('budget_category_closings')
@Index('budget_category_closings_category_idx', ['categoryId'])
export class BudgetCategoryClosing {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId!: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;

  @PrimaryColumn({ name: 'category_id', type: 'integer' })
  categoryId!: number;
  @ManyToOne(() => Category, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'category_id' })
  category?: Category;

  @Column({ type: 'bigint', transformer: moneyTransformer })
  available!: MinorUnits;
}
