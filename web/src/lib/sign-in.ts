import { toUserErrors, type UserErrors } from './errors';

/** Sign-in asks for the password first; with two-factor sign-in on, for a code next. */
export type SignInStep = 'password' | 'code';

export const WRONG_CODE = 'That code is not right, or it was used already. Enter the next code from your app, or a recovery code.';

/**
 * What the form shows after a failed sign-in: TWO_FACTOR_REQUIRED moves on to the code step, and
 * in that step the password was right already, so UNAUTHENTICATED means the code was not.
 */
export function afterFailedSignIn(error: unknown, step: SignInStep): { step: SignInStep; errors: UserErrors } {
  const errors = toUserErrors(error);
  if (errors.codes.includes('TWO_FACTOR_REQUIRED')) return { step: 'code', errors: { fields: {}, codes: errors.codes } };
  if (step === 'code' && errors.codes.includes('UNAUTHENTICATED')) {
    return { step, errors: { fields: { otp: WRONG_CODE }, codes: errors.codes } };
  }
  return { step, errors };
}
