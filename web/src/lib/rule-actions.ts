// A rule's actions as the editor holds them. A split's parts travel as one JSON string (SDL-18):
// SPLIT_BY_PERCENT [{"percent":"60","categoryId":"3"},…] adding to 100; SPLIT_FIXED
// [{"amount":"10.00","categoryId":"3"},{"categoryId":"4"}], unsigned, one part at most taking the rest.
import type { RuleActionInput, RuleActionType } from '../graphql/generated/graphql';

export const ACTIONS: { type: RuleActionType; label: string }[] = [
  { type: 'SET_CATEGORY', label: 'Set category' }, { type: 'SET_DESCRIPTION', label: 'Rename to' }, { type: 'APPEND_NOTES', label: 'Add to notes' },
  { type: 'LINK_TRANSFER_TO_ACCOUNT', label: 'Make a transfer with' }, { type: 'SPLIT_BY_PERCENT', label: 'Split by percentage' },
  { type: 'SPLIT_FIXED', label: 'Split by amounts' },
];
export const isSplit = (type: RuleActionType): boolean => type === 'SPLIT_BY_PERCENT' || type === 'SPLIT_FIXED';

/** One part of a split action: its share (a percentage, or an amount), its category, a note. */
export interface SplitShare { key: number; share: string; categoryId: string; notes: string }
export interface ActionDraft { key: number; type: RuleActionType; value: string; parts: SplitShare[] }

let keys = 0;
export const blankShare = (): SplitShare => ({ key: ++keys, share: '', categoryId: '', notes: '' });

interface WireShare { percent?: unknown; amount?: unknown; categoryId?: unknown; notes?: unknown }
function wireShares(value: string): WireShare[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((item): item is WireShare => typeof item === 'object' && item !== null) : [];
  } catch {
    return [];
  }
}
const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** The editor's form of an action the API gave (a split's JSON as parts; a new split starts with two). */
export function decodeAction(type: RuleActionType, value: string): Omit<ActionDraft, 'key'> {
  if (!isSplit(type)) return { type, value, parts: [] };
  const parts = wireShares(value).map((item) => ({
    key: ++keys, share: text(type === 'SPLIT_BY_PERCENT' ? item.percent : item.amount), categoryId: text(item.categoryId), notes: text(item.notes),
  }));
  return { type, value: '', parts: parts.length ? parts : [blankShare(), blankShare()] };
}

export function encodeAction({ type, value, parts }: ActionDraft): RuleActionInput {
  if (!isSplit(type)) return { type, value: value.trim() };
  const key = type === 'SPLIT_BY_PERCENT' ? 'percent' : 'amount';
  const shares = parts.map(({ share, categoryId, notes }) => ({
    ...(share.trim() ? { [key]: share.trim() } : {}), ...(categoryId ? { categoryId } : {}), ...(notes.trim() ? { notes: notes.trim() } : {}),
  }));
  return { type, value: JSON.stringify(shares) };
}

const UNSIGNED = /^\d+(\.\d+)?$/;
/** "33.25" → 332500 (millionths), exact: percentages are added without floats. */
const millionths = (percent: string): number => {
  const [whole, fraction = ''] = percent.split('.');
  return Number(whole) * 1_000_000 + Number(fraction.slice(0, 6).padEnd(6, '0'));
};
const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** What is wrong with an action before the server is asked, in a sentence; null when nothing. */
export function actionProblem({ type, value, parts }: ActionDraft): string | null {
  switch (type) {
    case 'SET_CATEGORY': return value ? null : 'Pick a category.';
    case 'LINK_TRANSFER_TO_ACCOUNT': return value ? null : 'Pick the account of the other leg.';
    case 'SET_DESCRIPTION':
    case 'APPEND_NOTES': {
      if (!value.trim()) return type === 'SET_DESCRIPTION' ? 'Type the new description.' : 'Type the notes to add.';
      const unknown = [...value.matchAll(PLACEHOLDER)].find(([, name]) => name !== 'description' && name !== 'importedDescription');
      return unknown ? `Only {{description}} and {{importedDescription}} can be filled in, not {{${unknown[1]}}}.` : null;
    }
  }
  if (parts.length < 2) return 'A split needs at least two parts.';
  const shares = parts.map((part) => part.share.trim());
  if (type === 'SPLIT_BY_PERCENT') {
    if (!shares.every((share) => UNSIGNED.test(share) && millionths(share) > 0)) return 'Give each part a percentage, like 60.';
    const total = shares.reduce((sum, share) => sum + millionths(share), 0);
    return total === 100_000_000 ? null : `The percentages add up to ${total / 1_000_000}, not 100.`;
  }
  if (shares.filter((share) => !share).length > 1) return 'Leave at most one amount empty: that part takes the rest.';
  return shares.every((share) => !share || UNSIGNED.test(share)) ? null : 'Write each amount without a sign, with a dot, like 10.00.';
}
