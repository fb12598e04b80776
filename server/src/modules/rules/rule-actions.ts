import { LIMITS } from '@finance-tracker/common';
import type { RuleActionData, RulePart, RuleSubject } from './rule.model';
import { decimalInMinor, decimalValue, idValue, RuleValueError } from './rule-values';
import { isCleanText } from '../../lib/text';

/**
 * What an action changes. A transaction is categorised, split or a transfer leg: those three share
 * the CATEGORY slot, so one rule's choice of them wins over another's (rule-runner.ts).
 */
export type RuleSlot = 'CATEGORY' | 'DESCRIPTION' | 'NOTES';

/** An action's change on one subject; null when it does not apply to it. */
type ActionChange =
  | { kind: 'category'; categoryId: number }
  | { kind: 'splits'; parts: RulePart[] }
  | { kind: 'transfer'; accountId: number }
  | { kind: 'description'; description: string }
  | { kind: 'notes'; notes: string };

export interface CompiledAction {
  slot: RuleSlot;
  change(subject: RuleSubject): ActionChange | null;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z]*)\s*\}\}/g;
const PLACEHOLDERS = new Set(['description', 'importedDescription']);

/** The action with its value read once; throws RuleValueError when the value does not fit its type. */
export function compileAction(action: RuleActionData): CompiledAction {
  const value = action.value ?? '';
  switch (action.type) {
    case 'SET_CATEGORY': {
      const categoryId = idValue(value);
      return { slot: 'CATEGORY', change: () => ({ kind: 'category', categoryId }) };
    }
    case 'LINK_TRANSFER_TO_ACCOUNT': {
      const accountId = idValue(value);
      return { slot: 'CATEGORY', change: (subject) => (subject.accountId === accountId || subject.amount === 0n ? null : { kind: 'transfer', accountId }) };
    }
    case 'SET_DESCRIPTION': {
      const render = template(value, LIMITS.description);
      return { slot: 'DESCRIPTION', change: (subject) => ({ kind: 'description', description: render(subject).slice(0, LIMITS.description) }) };
    }
    case 'APPEND_NOTES': {
      const render = template(value, LIMITS.notes);
      return {
        slot: 'NOTES',
        change: (subject) => {
          const text = render(subject);
          // Appended once: applying the rule again leaves the notes as they are.
          if (!text || subject.notes.endsWith(text)) return null;
          return { kind: 'notes', notes: (subject.notes ? `${subject.notes} ${text}` : text).slice(0, LIMITS.notes) };
        },
      };
    }
    case 'SPLIT_BY_PERCENT': {
      const shares = splitEntries(value).map((entry) => ({ ...entry, percent: percentOf(entry.percent) }));
      const total = shares.reduce((sum, share) => sum + share.percent, 0n);
      if (total !== 10_000n) throw new RuleValueError('the percents do not add up to 100');
      return { slot: 'CATEGORY', change: (subject) => partsChange(byPercent(subject.amount, shares)) };
    }
    case 'SPLIT_FIXED': {
      const entries = splitEntries(value).map((entry) => ({ ...entry, amount: entry.amount === undefined ? null : positiveDecimal(entry.amount) }));
      if (entries.filter((entry) => entry.amount === null).length > 1) throw new RuleValueError('at most one part can take the rest (no amount)');
      return { slot: 'CATEGORY', change: (subject) => partsChange(fixedParts(subject, entries)) };
    }
  }
}

/** The ids an action names, for the service to check they are the owner's. */
export function idsOfAction(action: RuleActionData): { categoryIds: number[]; accountIds: number[] } {
  const value = action.value ?? '';
  if (action.type === 'SET_CATEGORY') return { categoryIds: [idValue(value)], accountIds: [] };
  if (action.type === 'LINK_TRANSFER_TO_ACCOUNT') return { categoryIds: [], accountIds: [idValue(value)] };
  if (action.type === 'SPLIT_BY_PERCENT' || action.type === 'SPLIT_FIXED') {
    return { categoryIds: splitEntries(value).flatMap((entry) => (entry.categoryId === null ? [] : [entry.categoryId])), accountIds: [] };
  }
  return { categoryIds: [], accountIds: [] };
}

/** Text with {{description}} and {{importedDescription}} filled in; any other placeholder is refused. */
function template(text: string, maxLength: number): (subject: RuleSubject) => string {
  if (!text.trim()) throw new RuleValueError('give the text');
  if (text.length > maxLength) throw new RuleValueError(`the text is longer than ${maxLength} characters`);
  if (!isCleanText(text)) throw new RuleValueError('the text has control characters or is not valid Unicode');
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!PLACEHOLDERS.has(name)) throw new RuleValueError(`{{${name}}} is not a placeholder: use {{description}} or {{importedDescription}}`);
  }
  if (/\{\{|\}\}/.test(text.replace(PLACEHOLDER, ''))) throw new RuleValueError('a placeholder is not closed: write {{importedDescription}}');
  return (subject) => text.replace(PLACEHOLDER, (_, name: string) => (name === 'description' ? subject.description : subject.importedDescription)).trim();
}

interface SplitEntry {
  percent?: string;
  amount?: string;
  categoryId: number | null;
  notes: string;
}

function splitEntries(value: string): SplitEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new RuleValueError('give the parts as a JSON list, like [{"percent":"50","categoryId":"3"},{"percent":"50","categoryId":"4"}]');
  }
  if (!Array.isArray(parsed) || parsed.length < 2 || parsed.length > LIMITS.splits) throw new RuleValueError(`give between 2 and ${LIMITS.splits} parts`);
  return parsed.map((entry: unknown, index) => {
    if (!entry || typeof entry !== 'object') throw new RuleValueError(`part ${index + 1} is not an object`);
    const { percent, amount, categoryId, notes } = entry as Record<string, unknown>;
    const text = (item: unknown, name: string) => {
      if (item === undefined || item === null) return undefined;
      if (typeof item !== 'string' && typeof item !== 'number') throw new RuleValueError(`part ${index + 1}: ${name} is not text`);
      return String(item);
    };
    const note = text(notes, 'notes') ?? '';
    if (note.length > LIMITS.notes) throw new RuleValueError(`part ${index + 1}: the notes are too long`);
    if (!isCleanText(note)) throw new RuleValueError(`part ${index + 1}: the notes have control characters or are not valid Unicode`);
    const category = text(categoryId, 'categoryId');
    return { percent: text(percent, 'percent'), amount: text(amount, 'amount'), categoryId: category === undefined ? null : idValue(category), notes: note };
  });
}

/** A percent with up to 2 decimals, in hundredths of a percent. */
function percentOf(text: string | undefined): bigint {
  if (text === undefined) throw new RuleValueError('every part needs a percent');
  const percent = decimalValue(text, 2);
  if (percent.units <= 0n) throw new RuleValueError(`the percent ${text} is not above 0`);
  return percent.units * 10n ** BigInt(2 - percent.scale);
}

function positiveDecimal(text: string) {
  const decimal = decimalValue(text);
  if (decimal.units <= 0n) throw new RuleValueError(`the amount ${text} is not above 0 (give it unsigned: it takes the transaction's sign)`);
  return decimal;
}

/** Shares of the amount, truncated toward zero; the last part takes what rounding left, so they add up exactly. */
function byPercent(amount: bigint, shares: readonly { percent: bigint; categoryId: number | null; notes: string }[]): RulePart[] {
  const parts = shares.map((share) => ({ amount: (amount * share.percent) / 10_000n, categoryId: share.categoryId, notes: share.notes }));
  const rest = amount - parts.reduce((sum, part) => sum + part.amount, 0n);
  parts[parts.length - 1].amount += rest;
  return parts;
}

/** Fixed amounts with the row's sign; the part without one takes the rest. Null when they do not fit the row. */
function fixedParts(subject: RuleSubject, entries: readonly { amount: ReturnType<typeof positiveDecimal> | null; categoryId: number | null; notes: string }[]): RulePart[] | null {
  const sign = subject.amount < 0n ? -1n : 1n;
  const parts: RulePart[] = [];
  for (const entry of entries) {
    const minor = entry.amount === null ? 0n : decimalInMinor(entry.amount, subject.digits);
    if (minor === null) return null;
    parts.push({ amount: minor * sign, categoryId: entry.categoryId, notes: entry.notes });
  }
  const fixed = parts.reduce((sum, part) => sum + part.amount, 0n);
  const restIndex = entries.findIndex((entry) => entry.amount === null);
  if (restIndex < 0) return fixed === subject.amount ? parts : null;
  const rest = subject.amount - fixed;
  // The rest keeps the row's sign: fixed parts larger than the row do not split it.
  if (rest === 0n || (rest < 0n) !== (subject.amount < 0n)) return null;
  parts[restIndex].amount = rest;
  return parts;
}

/** Parts of 0 are left out (a part says an amount); fewer than two parts is no split. */
function partsChange(parts: RulePart[] | null): ActionChange | null {
  const kept = parts?.filter((part) => part.amount !== 0n) ?? [];
  return kept.length >= 2 ? { kind: 'splits', parts: kept } : null;
}
