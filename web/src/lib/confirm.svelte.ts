/** One confirmation dialog for the whole app: `await confirmAction({...})` resolves true on "yes". */
export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
}

/** One of several answers besides Cancel, such as "Delete both" and "Keep the other". */
export interface Choice<T extends string = string> {
  value: T;
  label: string;
  danger?: boolean;
}

interface ChoiceRequest {
  title: string;
  message: string;
  choices: Choice[];
}

export const pendingConfirm = $state<{ request: ChoiceRequest | null; resolve: (answer: string | null) => void }>({
  request: null,
  resolve: () => {},
});

/** Asks which of `choices` to do; resolves its value, or null on Cancel (or Escape). */
export function chooseAction<T extends string>(request: { title: string; message: string; choices: Choice<T>[] }): Promise<T | null> {
  pendingConfirm.resolve(null);
  return new Promise((resolve) => {
    pendingConfirm.request = request;
    pendingConfirm.resolve = (answer) => {
      pendingConfirm.request = null;
      pendingConfirm.resolve = () => {};
      resolve(answer as T | null);
    };
  });
}

export async function confirmAction(request: ConfirmRequest): Promise<boolean> {
  const { confirmLabel, danger, ...text } = request;
  return (await chooseAction({ ...text, choices: [{ value: 'yes', label: confirmLabel, danger }] })) === 'yes';
}
