import argon2 from 'argon2';
import { badInput } from '../../lib/errors';
import { isCommonPassword } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * How much work a new password hash takes (PASSWORD_HASH_COST). `default`: argon2id with the
 * library's defaults (64 MiB, 3 passes, 4 lanes), above OWASP's recommendation. `minimum`: OWASP's
 * minimum for argon2id (19 MiB, 2 passes, 1 lane), for small machines where 64 MiB and four threads
 * per sign-in are too much, and for the test suites, which sign up thousands of users. A hash
 * records its own parameters, so hashes made under either verify under both.
 */
export type PasswordHashCost = 'default' | 'minimum';

const HASH_OPTIONS = {
  default: { type: argon2.argon2id },
  minimum: { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 },
} as const;

export function hashPassword(password: string, cost: PasswordHashCost = 'default'): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS[cost]);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export function checkNewPassword(password: string, field = 'password'): void {
  // Count code points, not UTF-16 units, so a password of emoji is measured as a person sees it.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) throw badInput(field, `Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (length > PASSWORD_MAX_LENGTH) throw badInput(field, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  if (!password.isWellFormed()) throw badInput(field, 'This is not valid Unicode text.');
  if (isCommonPassword(password)) throw badInput(field, 'This password is one of the most common ones; choose another.');
}
