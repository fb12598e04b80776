import type { SqlParameters } from './sql-parameters';

/**
 * Whose rows a repository reads and writes. Today it is one user; when rows come to belong to a
 * shared household, this type and the two functions below are the one place that changes.
 */
export interface OwnerScope {
  readonly userId: number;
}

export const ownerScope = (userId: number): OwnerScope => ({ userId });

/** The SQL condition that keeps a statement to the scope's rows of the table aliased `alias`. */
export function ownerCondition(scope: OwnerScope, alias: string, parameters: SqlParameters): string {
  return `"${alias}"."user_id" = ${parameters.add(scope.userId)}`;
}

/**
 * The same condition for rows already picked by primary key (`id IN (...)`): the unary plus keeps
 * SQLite's planner from reading the owner's rows through an (owner, ...) index and filtering the
 * ids out of them, which it otherwise does, in milliseconds per 100 k rows. Postgres ignores it.
 */
export function ownerCheckOfPicked(scope: OwnerScope, alias: string, parameters: SqlParameters): string {
  return `+"${alias}"."user_id" = ${parameters.add(scope.userId)}`;
}

/**
 * The owner's own row in "users" (its currency, its sessions' version), as a TypeORM `where`: the
 * owner is not a row it owns, so this is the one place that names it by id.
 */
export function ownerRow(scope: OwnerScope): { id: number } {
  return { id: scope.userId };
}

/** The SQL condition for the owner's own row of "users" aliased `alias`. */
export function ownerRowCondition(scope: OwnerScope, alias: string, parameters: SqlParameters): string {
  return `"${alias}"."id" = ${parameters.add(scope.userId)}`;
}

/** The scope as TypeORM `where` and insert columns: `{ ...ownedBy(scope), id }`. */
export function ownedBy(scope: OwnerScope): { userId: number } {
  return { userId: scope.userId };
}
