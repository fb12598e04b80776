import { dictionary } from '@zxcvbn-ts/language-common';

/** The 10 000 most common passwords (zxcvbn-ts's ranked list), compared without regard to case. */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  (dictionary['passwords-common']).slice(0, 10_000).map((password) => password.toLowerCase()),
);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
