import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Category } from '../categories/category.entity';
import { User } from '../users/user.entity';

/** A rule of the owner's: conditions and actions (JSON, rule.model.ts), run in position order. */
@Entity('rules')
@Index('rules_user_position_idx', ['userId', 'position'])
export class Rule {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 100 })
  name!: string;
  /** 0-based; the order rules run in. */
  @Column({ type: 'integer' })
  position!: number;
  @Column({ type: 'boolean', default: true })
  enabled!: boolean;
  @Column({ name: 'match_all', type: 'boolean', default: true })
  matchAll!: boolean;
  @Column({ name: 'stop_processing', type: 'boolean', default: false })
  stopProcessing!: boolean;
  @Column({ type: 'boolean', default: false })
  override!: boolean;
  /** RuleConditionData[] as JSON. */
  @Column({ type: 'text' })
  conditions!: string;
  /** RuleActionData[] as JSON. */
  @Column({ type: 'text' })
  actions!: string;
  @Column({ name: 'applied_count', type: 'integer', default: 0 })
  appliedCount!: number;
  @Column({ name: 'last_applied_at', type: Date, nullable: true })
  lastAppliedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}

/**
 * What learning knows of one description and category: how often the user gave that category by
 * hand, and whether the rule was offered (OPEN), taken (ACCEPTED) or refused for good (DISMISSED).
 */
@Entity('rule_suggestions')
@Index('rule_suggestions_key_idx', ['userId', 'descriptionKey', 'categoryId'], { unique: true })
@Index('rule_suggestions_category_idx', ['categoryId'])
export class RuleSuggestion {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'description_key', type: 'varchar', length: 200 })
  descriptionKey!: string;
  @Column({ name: 'category_id', type: 'integer' })
  categoryId!: number;
  @ManyToOne(() => Category, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'category_id' })
  category?: Category;
  @Column({ name: 'times_categorised', type: 'integer', default: 0 })
  timesCategorised!: number;
  /** COUNTING | OPEN | ACCEPTED | DISMISSED */
  @Column({ type: 'varchar', length: 10 })
  status!: string;
}
