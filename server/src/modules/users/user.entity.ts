import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'The signed-in person.' })
@Entity('users')
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Field(() => String)
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  /** Lower-cased email: the unique key, so "Ann@x.org" and "ann@x.org" are one person. */
  @Column({ name: 'email_key', type: 'varchar', length: 254, unique: true })
  emailKey!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  /** Bumped when the password changes: sessions started under an older version end. */
  @Column({ name: 'session_version', type: 'integer', default: 1 })
  sessionVersion!: number;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field(() => String, { description: 'ISO-4217 code; the dashboard sums accounts in this currency.' })
  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Field(() => Date)
  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
