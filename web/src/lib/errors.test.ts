import { CombinedGraphQLErrors } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { GraphQLRequestError, errorSentence, fromGraphQLErrors, hasCode, isRetryable, toUserErrors, tooManyAttempts } from './errors';

describe('API errors as sentences', () => {
  it('puts a BAD_USER_INPUT message next to its field', () => {
    const mapped = fromGraphQLErrors([{ message: 'Enter a valid email address.', extensions: { code: 'BAD_USER_INPUT', field: 'email' } }]);
    expect(mapped.fields).toEqual({ email: 'Enter a valid email address.' });
    expect(mapped.form).toBeUndefined();
  });

  it('keeps only the human part of a variable error', () => {
    const mapped = fromGraphQLErrors([{
      message: 'Variable "$input" got invalid value "abc" at "input.amount"; "abc" is not an amount; write it like -12.34.',
      extensions: { code: 'BAD_USER_INPUT', field: 'amount' },
    }]);
    expect(mapped.fields.amount).toBe('"abc" is not an amount; write it like -12.34.');
  });

  it('says what a code means when there is no field', () => {
    expect(fromGraphQLErrors([{ message: 'Transaction not found.', extensions: { code: 'NOT_FOUND' } }]).form).toMatch(/no longer exists/);
    expect(fromGraphQLErrors([{ message: 'x', extensions: { code: 'PAYLOAD_TOO_LARGE', field: 'file' } }]).fields.file).toBe('The file is too large.');
    expect(fromGraphQLErrors([{ message: 'The email or password is not right.', extensions: { code: 'UNAUTHENTICATED' } }]).form)
      .toBe('The email or password is not right.');
  });

  it('reads Apollo errors, upload errors and network failures', () => {
    const apollo = new CombinedGraphQLErrors({ data: null, errors: [{ message: 'An account with this email already exists.', extensions: { code: 'CONFLICT', field: 'email' } }] });
    expect(toUserErrors(apollo).fields.email).toBe('An account with this email already exists.');
    expect(hasCode(apollo, 'CONFLICT')).toBe(true);
    expect(errorSentence(new GraphQLRequestError([{ message: 'The file is empty.', extensions: { code: 'BAD_USER_INPUT', field: 'file' } }]))).toBe('The file is empty.');
    expect(errorSentence(new TypeError('Failed to fetch'))).toMatch(/cannot be reached/);
  });

  it('says how long to wait after too many attempts', () => {
    expect(fromGraphQLErrors([{ message: 'Please wait 900 seconds', extensions: { code: 'TOO_MANY_REQUESTS', retryAfter: 900 } }]).form)
      .toBe('Too many attempts. Please wait about 15 minutes and try again.');
    expect(tooManyAttempts(61)).toBe('Too many attempts. Please wait about 2 minutes and try again.');
    expect(tooManyAttempts(1)).toBe('Too many attempts. Please wait 1 second and try again.');
    expect(tooManyAttempts(undefined)).toBe('Too many attempts. Please wait a few minutes and try again.');
  });
});

describe('isRetryable', () => {
  const graphql = (code: string) => new GraphQLRequestError([{ message: 'x', extensions: { code } }]);
  it('offers "Try again" only where trying again can work', () => {
    expect(isRetryable(graphql('SERVICE_UNAVAILABLE'))).toBe(true);
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
    expect(isRetryable(graphql('NOT_FOUND'))).toBe(false); // a deleted transaction stays deleted
    expect(isRetryable(graphql('BAD_USER_INPUT'))).toBe(false); // a bad date in the address stays bad
    expect(isRetryable(graphql('CONFLICT'))).toBe(false);
    expect(isRetryable('Could not load')).toBe(false);
  });
});
