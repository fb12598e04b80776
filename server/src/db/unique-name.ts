import type { EntityManager, EntityTarget } from 'typeorm';
import { conflict } from '../lib/errors';

type Named = { id: number; userId: number; name: string };

/** Names compare ignoring case and Unicode composition, in JavaScript so SQLite and Postgres agree. */
const nameKey = (name: string) => name.normalize('NFC').toLowerCase();

/**
 * Refuses (CONFLICT on `name`) a name another of the user's rows already has: two accounts or
 * categories called "Cash" and "cash" cannot be told apart in a picker. A user has tens of these rows.
 */
export async function assertNameFree<T extends Named>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  userId: number,
  name: string,
  exceptId: number | null,
  what: string,
): Promise<void> {
  const rows = (await manager.find(entity, { where: { userId } as never, select: { id: true, name: true } as never })) as Named[];
  const taken = rows.find((row) => row.id !== exceptId && nameKey(row.name) === nameKey(name));
  if (taken) throw conflict(`You already have ${what} called “${taken.name}”; choose another name.`, 'name');
}
