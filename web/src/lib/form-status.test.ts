import { describe, expect, it } from 'vitest';
import { FormStatus } from './form-status.svelte';
import { GraphQLRequestError } from './errors';

describe('FormStatus', () => {
  it('is busy while saving, and clear after a save that worked', async () => {
    const form = new FormStatus();
    form.reject('name', 'Give it a name.');
    form.clear();
    let busyDuring = false;
    await form.save(async () => {
      busyDuring = form.busy;
    });
    expect(busyDuring).toBe(true);
    expect(form.busy).toBe(false);
    expect(form.errors).toEqual({ fields: {}, codes: [] });
  });

  it('shows a failed save beside its field, and lets a form take the error itself', async () => {
    const form = new FormStatus();
    const failure = new GraphQLRequestError([{ message: 'That email is taken.', extensions: { code: 'CONFLICT', field: 'email' } }]);
    await form.save(async () => {
      throw failure;
    });
    expect(form.busy).toBe(false);
    expect(form.errors.fields.email).toBe('That email is taken.');

    let taken: unknown = null;
    await form.save(
      async () => {
        throw failure;
      },
      (error) => {
        taken = error;
      },
    );
    expect(taken).toBe(failure);
  });

  it('puts a check made before saving beside its field', () => {
    const form = new FormStatus();
    form.reject('amount', 'Enter an amount.');
    expect(form.errors).toEqual({ fields: { amount: 'Enter an amount.' }, codes: [] });
  });
});
