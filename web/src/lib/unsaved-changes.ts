// Unsaved changes: any form can say it holds edits; leaving the page (closing the tab, reloading,
// following a link, going back) then asks first. Generic on purpose: a form only says "dirty".

const dirtySources = new Set<() => boolean>();

/** Registers a check that says whether some form holds unsaved edits; returns the function that unregisters it. */
export function registerUnsavedChanges(isDirty: () => boolean): () => void {
  dirtySources.add(isDirty);
  return () => dirtySources.delete(isDirty);
}

export function hasUnsavedChanges(): boolean {
  for (const isDirty of dirtySources) if (isDirty()) return true;
  return false;
}

/** The browser's own "Leave site?" prompt on closing or reloading the tab while something is unsaved. */
export function warnBeforeUnload(event: BeforeUnloadEvent): void {
  if (!hasUnsavedChanges()) return;
  event.preventDefault();
  event.returnValue = '';
}

/** The values of every field inside `root`, as one string to compare. */
function fieldSnapshot(root: ParentNode): string {
  const fields = root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea');
  return JSON.stringify(
    [...fields]
      .filter((field) => !(field instanceof HTMLInputElement && field.type === 'file'))
      .map((field) => (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio') ? field.checked : field.value)),
  );
}

/**
 * Watches the fields inside an element (a form of any kind, without changing it): it is dirty when
 * a field differs from what it held when the user first went into it. `saved()` takes the current
 * values as the new starting point, after a save.
 */
export function watchFields(root: HTMLElement): { saved(): void; isDirty(): boolean; stop(): void } {
  // The starting point is taken on the first focus, not at once: selects fill in as their options load.
  let start: string | null = null;
  const onFocus = () => void (start ??= fieldSnapshot(root));
  root.addEventListener('focusin', onFocus);
  const isDirty = () => start !== null && fieldSnapshot(root) !== start;
  const unregister = registerUnsavedChanges(isDirty);
  return {
    saved: () => void (start = root.contains(document.activeElement) ? fieldSnapshot(root) : null),
    isDirty,
    stop: () => {
      root.removeEventListener('focusin', onFocus);
      unregister();
    },
  };
}
