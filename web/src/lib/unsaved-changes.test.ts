import { afterEach, describe, expect, it } from 'vitest';
import { hasUnsavedChanges, registerUnsavedChanges, warnBeforeUnload } from './unsaved-changes';

describe('unsaved changes', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('is dirty while any registered form says so, and no longer once it unregisters', () => {
    let edited = false;
    cleanups.push(registerUnsavedChanges(() => false));
    const unregister = registerUnsavedChanges(() => edited);
    expect(hasUnsavedChanges()).toBe(false);
    edited = true;
    expect(hasUnsavedChanges()).toBe(true);
    unregister();
    expect(hasUnsavedChanges()).toBe(false);
  });

  it('asks the browser to confirm closing the tab only when something is unsaved', () => {
    let edited = false;
    cleanups.push(registerUnsavedChanges(() => edited));
    const event = () => {
      const fake = { prevented: false, returnValue: undefined as unknown, preventDefault() { this.prevented = true; } };
      warnBeforeUnload(fake as unknown as BeforeUnloadEvent);
      return fake.prevented;
    };
    expect(event()).toBe(false);
    edited = true;
    expect(event()).toBe(true);
  });
});
