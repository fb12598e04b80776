import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

export enum CategoryKind {
  EXPENSE = 'EXPENSE',
  INCOME = 'INCOME',
}
registerEnumType(CategoryKind, { name: 'CategoryKind', description: 'Whether a category usually holds money out or money in.' });

@ObjectType({ simpleResolvers: true })
@Entity('categories')
@Index('categories_user_idx', ['userId', 'id'])
export class Category {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field(() => CategoryKind)
  @Column({ type: 'varchar', length: 10 })
  kind!: CategoryKind;

  @Field(() => String, { description: 'A CSS hex colour such as "#4caf50".' })
  @Column({ type: 'varchar', length: 7 })
  color!: string;

  @Field(() => Date)
  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
