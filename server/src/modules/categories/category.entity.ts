import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { CategoryKind } from './category.model';

@Entity('categories')
@Index('categories_user_idx', ['userId', 'id'])
export class Category {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: CategoryKind;

  @Column({ type: 'varchar', length: 7 })
  color!: string;

  /** Whether a month's available (surplus or deficit) carries into the next (issue 19). */
  @Column({ type: 'boolean', default: false })
  rollover!: boolean;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
