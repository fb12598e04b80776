import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { notFound } from '../lib/errors';

/** GraphQL IDs arrive as strings; anything that is not a positive integer names nothing. */
export function parseId(value: string | number): number | null {
  const text = String(value);
  if (!/^[1-9]\d{0,15}$/.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * The one way to load a row by id: always together with its owner in the WHERE clause, so another
 * user's id answers exactly like an id that does not exist.
 */
export async function findOwned<T extends ObjectLiteral & { userId: number }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  userId: number,
  id: string | number,
  what: string,
  relations: string[] = [],
): Promise<T> {
  const found = await findOwnedOrNull(manager, entity, userId, id, relations);
  if (!found) throw notFound(what);
  return found;
}

export async function findOwnedOrNull<T extends ObjectLiteral & { userId: number }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  userId: number,
  id: string | number,
  relations: string[] = [],
): Promise<T | null> {
  const numericId = parseId(id);
  if (numericId === null) return null;
  return manager.findOne(entity, { where: { id: numericId, userId } as never, relations });
}
