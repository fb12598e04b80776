/** Short notices read out by screen readers ("Transaction added"); the newest replaces the last. */
export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
}

export const toasts = $state<Toast[]>([]);
let nextId = 1;

export function notify(message: string, tone: Toast['tone'] = 'info'): void {
  const id = nextId++;
  toasts.splice(0, toasts.length, { id, message, tone });
  setTimeout(() => dismiss(id), tone === 'error' ? 8000 : 4000);
}

export function dismiss(id: number): void {
  const index = toasts.findIndex((toast) => toast.id === id);
  if (index >= 0) toasts.splice(index, 1);
}
