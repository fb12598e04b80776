import type { starterCategories } from '../categories/starter-categories';
import type { User } from './user.entity';

/** What sign-up asks for. */
export interface RegisterData {
  email: string;
  password: string;
  name: string;
  currency?: string | null;
}

/** A profile edit: a field left out (or null) stays as it is. */
export interface ProfileChanges {
  name?: string | null;
  currency?: string | null;
}

/** Where a request comes from, for the per-IP limits. */
export interface ClientInfo {
  ip: string;
}

/** What an authenticator app needs to add the account. */
export interface TwoFactorSetup {
  secret: string;
  otpauthUrl: string;
}

/** The columns a new user row is inserted with; the database sets the rest. */
export type NewUser = Pick<User, 'email' | 'emailKey' | 'passwordHash' | 'name' | 'currency'>;

/** Checked profile columns to write. */
export type ProfileColumns = Partial<Pick<User, 'name' | 'currency'>>;

/** The rows a new user starts with. */
export interface StarterRows {
  accountName: string;
  currency: string;
  categories: typeof starterCategories;
}

/** Two-factor sign-in as enable() turns it on: the secret, its first used step, the recovery codes' hashes (JSON). */
export interface EnabledTwoFactor {
  secret: string;
  lastStep: number;
  recoveryCodes: string;
}

/** The two-factor columns a sign-in code is checked against. */
export type TwoFactorState = Pick<User, 'totpSecret' | 'totpLastStep' | 'recoveryCodes'>;
