import { isCalendarDate } from '../../lib/dates';
import { badInput } from '../../lib/errors';
import type { Keyset } from '../../lib/keyset';
import { parseId } from './ids';

/** A Relay cursor: the keyset of a row, opaque to clients. */
export function encodeCursor(row: Keyset): string {
  return Buffer.from(`${row.date}|${row.id}`, 'utf8').toString('base64url');
}

/** The keyset a cursor names; BAD_USER_INPUT on `argument` for anything this server did not hand out. */
export function decodeCursor(value: string, argument = 'after'): Keyset {
  const [date, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const numericId = parseId(id ?? '');
  if (!date || !isCalendarDate(date) || numericId === null) throw badInput(argument, 'This page cursor is not valid.');
  return { date, id: numericId };
}
