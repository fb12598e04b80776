/** One confirmation dialog for the whole app: `await confirmAction({...})` resolves true on "yes". */
export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
}

export const pendingConfirm = $state<{ request: ConfirmRequest | null; resolve: (answer: boolean) => void }>({
  request: null,
  resolve: () => {},
});

export function confirmAction(request: ConfirmRequest): Promise<boolean> {
  pendingConfirm.resolve(false);
  return new Promise((resolve) => {
    pendingConfirm.request = request;
    pendingConfirm.resolve = (answer) => {
      pendingConfirm.request = null;
      pendingConfirm.resolve = () => {};
      resolve(answer);
    };
  });
}
