import { CombinedGraphQLErrors } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { WRONG_CODE, afterFailedSignIn } from './sign-in';

const graphQLError = (message: string, extensions: Record<string, unknown>) => new CombinedGraphQLErrors({ data: null, errors: [{ message, extensions }] });
const twoFactorRequired = graphQLError('Enter the code from your authenticator app, or a recovery code.', { code: 'TWO_FACTOR_REQUIRED', field: 'otp' });
const wrong = graphQLError('The email or password is not right.', { code: 'UNAUTHENTICATED' });

describe('a failed sign-in', () => {
  it('asks for a code when two-factor sign-in is on, without showing an error', () => {
    const outcome = afterFailedSignIn(twoFactorRequired, 'password');
    expect(outcome.step).toBe('code');
    expect(outcome.errors.form).toBeUndefined();
    expect(outcome.errors.fields).toEqual({});
  });

  it('blames the password in the first step and the code in the second', () => {
    expect(afterFailedSignIn(wrong, 'password')).toMatchObject({ step: 'password', errors: { form: 'The email or password is not right.', fields: {} } });
    expect(afterFailedSignIn(wrong, 'code')).toMatchObject({ step: 'code', errors: { fields: { otp: WRONG_CODE } } });
  });

  it('says how long to wait after too many attempts, in either step', () => {
    const limited = graphQLError('Too many attempts. Please wait 840 seconds and try again.', { code: 'TOO_MANY_REQUESTS', retryAfter: 840 });
    expect(afterFailedSignIn(limited, 'code').errors.form).toBe('Too many attempts. Please wait about 14 minutes and try again.');
  });
});
