// Saving the detail form: a plain row, a leg of a transfer, or a change of one into the other.
import type { TransactionDraft, TransactionValues } from '../../lib/transfer-form';
import {
  CreateTransactionDocument, DeleteTransactionDocument, LinkTransferDocument, UnlinkTransferDocument, UpdateTransactionDocument,
  type TransactionQuery, type TransferLegAction, type UpdateTransactionInput,
} from '../../graphql/generated/graphql';
import { client } from '../../lib/apollo';
import { chooseAction } from '../../lib/confirm.svelte';
import { absolute, isNegative } from '../../lib/money';
import { otherLeg, transferLabel } from '../../lib/transfers';

export type Detail = NonNullable<TransactionQuery['transaction']>;

/** The form's starting values: a leg shows the whole transfer (from, to, both amounts, both dates). */
export function draftOf(transaction: Detail): TransactionDraft {
  const common = { description: transaction.description, notes: transaction.notes, categoryId: transaction.category?.id ?? '' };
  const leg = transaction.transfer;
  if (!leg) {
    return { ...common, date: transaction.date, amount: absolute(transaction.amount), direction: isNegative(transaction.amount) ? 'out' : 'in', accountId: transaction.account.id };
  }
  const across = leg.outflow.account.currency !== leg.inflow.account.currency;
  return {
    ...common, direction: 'transfer', date: leg.outflow.date, amount: absolute(leg.outflow.amount), accountId: leg.outflow.account.id,
    toAccountId: leg.inflow.account.id, inflowAmount: across ? absolute(leg.inflow.amount) : '',
    inflowDate: leg.inflow.date !== leg.outflow.date ? leg.inflow.date : '',
  };
}

/** Asks what happens to the other leg; null when the user cancels. */
export function askOtherLeg(transaction: Detail, action: 'delete' | 'unlink'): Promise<TransferLegAction | null> {
  const leg = transaction.transfer;
  if (!leg) return Promise.resolve(null);
  const other = otherLeg(leg, transaction.id);
  const receipts = transaction.receipts.length;
  const alsoReceipts = action === 'delete' && receipts ? ` This row's ${receipts} receipt${receipts === 1 ? '' : 's'} will be deleted with it.` : '';
  // The other side is a part of a split transaction: that part stays (it is only unlinked).
  if (leg.outflowSplit || leg.inflowSplit) {
    return chooseAction<TransferLegAction>({
      title: action === 'delete' ? 'Delete this transfer leg?' : 'Make this a plain transaction?',
      message: `The other side is a part of a split transaction on ${other.account.name}: it stays, as a plain part.${alsoReceipts}`,
      choices: [{ value: 'UNLINK', label: action === 'delete' ? 'Delete this row' : 'Make it plain', danger: action === 'delete' }],
    });
  }
  return chooseAction<TransferLegAction>({
    title: action === 'delete' ? 'Delete this transfer?' : 'Make this a plain transaction?',
    message: `This row is one leg of the transfer ${transferLabel(leg)}. What happens to the other leg, on ${other.account.name}?${alsoReceipts}`,
    choices: [
      { value: 'DELETE', label: action === 'delete' ? 'Delete both' : 'Delete the other', danger: true },
      { value: 'UNLINK', label: 'Keep the other as a plain transaction' },
    ],
  });
}

async function update(id: string, input: UpdateTransactionInput) {
  if (Object.keys(input).length) await client.mutate({ mutation: UpdateTransactionDocument, variables: { id, input } });
}

export async function saveTransaction(transaction: Detail, { transfer, ...values }: TransactionValues): Promise<void> {
  const leg = transaction.transfer;
  if (!transfer) {
    if (leg) {
      const choice = await askOtherLeg(transaction, 'unlink');
      if (!choice) throw new Error('Nothing was changed: the transfer stays as it was.');
      const other = otherLeg(leg, transaction.id);
      // Deleting the other leg with UNLINK keeps this one, now plain, in the same request.
      if (choice === 'DELETE') await client.mutate({ mutation: DeleteTransactionDocument, variables: { id: other.id, otherLeg: 'UNLINK' } });
      else await client.mutate({ mutation: UnlinkTransferDocument, variables: { id: leg.id } });
    }
    // A split row's amount and categories belong to its parts (setSplits).
    const { amount, categoryId, ...rest } = values;
    await update(transaction.id, transaction.splits.length ? rest : { ...rest, amount, categoryId });
    return;
  }

  const { date, amount: size, description, notes } = values;
  const arrives = transfer.inflowDate ?? date;
  // This row stays itself: the outflow when the money leaves its account (or, moved, when it was money out).
  const isOut = leg
    ? leg.outflow.id === transaction.id
    : values.accountId === transaction.account.id || (transfer.toAccountId !== transaction.account.id && isNegative(transaction.amount));
  const sides = {
    out: { accountId: values.accountId, amount: `-${size}`, date },
    in: { accountId: transfer.toAccountId, amount: transfer.inflowAmount ?? size, date: arrives },
  };
  const mine = isOut ? sides.out : sides.in;
  const theirs = isOut ? sides.in : sides.out;
  await update(transaction.id, { ...mine, description, notes });

  if (leg) {
    // Text changes this leg only; a same-currency amount is mirrored by the server; the rest is sent when it changed.
    if (leg.outflowSplit || leg.inflowSplit) return;
    const other = otherLeg(leg, transaction.id);
    const changes: UpdateTransactionInput = {};
    if (other.account.id !== theirs.accountId) changes.accountId = theirs.accountId;
    if (transfer.inflowAmount && other.amount !== theirs.amount) changes.amount = theirs.amount;
    if (other.date !== theirs.date) changes.date = theirs.date;
    await update(other.id, changes);
    return;
  }

  // A plain row becomes a transfer: its other leg is created on the other account, then the two are linked.
  const created = await client.mutate({ mutation: CreateTransactionDocument, variables: { input: { ...theirs, description, notes } } });
  const otherId = created.data?.createTransaction.id;
  if (!otherId) throw new Error('The other leg was not created.');
  try {
    await client.mutate({
      mutation: LinkTransferDocument,
      variables: isOut ? { outflowId: transaction.id, inflowId: otherId } : { outflowId: otherId, inflowId: transaction.id },
    });
  } catch (error) {
    await client.mutate({ mutation: DeleteTransactionDocument, variables: { id: otherId } }).catch(() => undefined);
    throw error;
  }
}
