import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person's account row. The GraphQL view of it is `User` in user.type.ts, which leaves the secrets out. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

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

  /** The TOTP secret (base32) once two-factor sign-in is on; null when it is off. */
  @Column({ name: 'totp_secret', type: 'varchar', length: 64, nullable: true })
  totpSecret!: string | null;

  /** A secret offered by startTwoFactorSetup, waiting for a first valid code. */
  @Column({ name: 'totp_pending_secret', type: 'varchar', length: 64, nullable: true })
  totpPendingSecret!: string | null;

  /** The time step of the last code accepted: a code works once. */
  @Column({ name: 'totp_last_step', type: 'integer', nullable: true })
  totpLastStep!: number | null;

  /** JSON array of SHA-256 hashes of the unused recovery codes. */
  @Column({ name: 'recovery_codes', type: 'text', nullable: true })
  recoveryCodes!: string | null;

  /** Read by the GraphQL `User.twoFactorEnabled` field. */
  get twoFactorEnabled(): boolean {
    return this.totpSecret !== null && this.totpSecret !== undefined;
  }

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** ISO-4217 code; the dashboard sums accounts in this currency. */
  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
