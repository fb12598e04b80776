import { conflict } from './errors';

/** Names compare ignoring case and Unicode composition, in JavaScript so SQLite and Postgres agree. */
const nameKey = (name: string) => name.normalize('NFC').toLowerCase();

/**
 * Refuses (CONFLICT on `name`) a name another of the owner's rows already has: two accounts or
 * categories called "Cash" and "cash" cannot be told apart in a picker. An owner has tens of these
 * rows, so the repository hands them all over and they are compared here.
 */
export function assertNameFree(rows: readonly { id: number; name: string }[], name: string, exceptId: number | null, what: string): void {
  const taken = rows.find((row) => row.id !== exceptId && nameKey(row.name) === nameKey(name));
  if (taken) throw conflict(`You already have ${what} called “${taken.name}”; choose another name.`, 'name');
}
