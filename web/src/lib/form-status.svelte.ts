import { toUserErrors, type UserErrors } from './errors';

const noErrors = (): UserErrors => ({ fields: {}, codes: [] });

/**
 * What a form shows about saving: busy while an attempt runs (its button disabled), and the errors
 * of the last attempt, each beside its field. Every form keeps one instead of its own try/catch.
 */
export class FormStatus {
  errors = $state<UserErrors>(noErrors());
  busy = $state(false);

  clear(): void {
    this.errors = noErrors();
  }

  /** A check made before asking the server: its message, beside its field. */
  reject(field: string, message: string): void {
    this.rejectAll({ [field]: message });
  }

  /** Several checks at once, each message beside its field. */
  rejectAll(fields: Record<string, string>): void {
    this.errors = { fields, codes: [] };
  }

  /** Busy while the action runs; a failure becomes the errors to show, unless `onerror` takes it. */
  async save(action: () => Promise<void>, onerror?: (error: unknown) => void | Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await action();
    } catch (error) {
      if (onerror) await onerror(error);
      else this.errors = toUserErrors(error);
    } finally {
      this.busy = false;
    }
  }
}
