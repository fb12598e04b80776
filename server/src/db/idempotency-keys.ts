import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { badInput, conflict } from '../lib/errors';
import { SqlParameters } from './sql-parameters';

const MAX_KEY_LENGTH = 255;

/** What a key held by an earlier request says: run the create, or return the row it made. */
export type IdempotencyClaim = { created: null; complete(resultId: number): Promise<void> } | { created: number };

/**
 * Idempotency keys of creates (a client's `clientMutationId`), one table for every kind of create.
 * Claimed inside the create's own database transaction: the key and the row commit together or
 * not at all, so a create that committed is found again by its retry, and a concurrent retry
 * waits on the unique (user_id, key) index until the first one has committed or rolled back.
 */
export class IdempotencyKeys {
  /**
   * Runs `create` inside the caller's database transaction, once per key: a key seen before
   * answers what it created (read by `find`, in the same transaction). Without a key, just creates.
   */
  async createOnce<T extends { id: number }>(
    manager: EntityManager,
    userId: number,
    key: string | null | undefined,
    request: { operation: string; payload: unknown },
    create: () => Promise<T>,
    find: (id: number) => Promise<T>,
  ): Promise<T> {
    if (key == null) return create();
    const claim = await this.claim(manager, userId, key, request.operation, request.payload);
    if (claim.created !== null) return find(claim.created);
    const created = await create();
    await claim.complete(created.id);
    return created;
  }

  /**
   * Claims the key for this operation and payload. A key seen before answers the id it created,
   * or CONFLICT when it was sent with another operation or payload.
   */
  private async claim(manager: EntityManager, userId: number, key: string, operation: string, payload: unknown): Promise<IdempotencyClaim> {
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) throw badInput('clientMutationId', `Send a clientMutationId of 1 to ${MAX_KEY_LENGTH} characters.`);
    const payloadHash = hashOf({ operation, payload });
    const insert = SqlParameters.for(manager.connection);
    const claimed: { id: number }[] = await manager.query(
      `INSERT INTO "idempotency_keys" ("user_id", "key", "operation", "payload_hash") VALUES (${insert.add(userId)}, ${insert.add(key)}, ${insert.add(operation)}, ${insert.add(payloadHash)})
        ON CONFLICT ("user_id", "key") DO NOTHING RETURNING "id"`,
      insert.values,
    );
    if (claimed.length) {
      const claimId = Number(claimed[0].id);
      return {
        created: null,
        complete: async (resultId) => {
          const update = SqlParameters.for(manager.connection);
          await manager.query(`UPDATE "idempotency_keys" SET "result_id" = ${update.add(resultId)} WHERE "id" = ${update.add(claimId)}`, update.values);
        },
      };
    }
    const select = SqlParameters.for(manager.connection);
    const [earlier]: { operation: string; payload_hash: string; result_id: number | null }[] = await manager.query(
      `SELECT "operation", "payload_hash", "result_id" FROM "idempotency_keys" WHERE "user_id" = ${select.add(userId)} AND "key" = ${select.add(key)}`,
      select.values,
    );
    if (!earlier || earlier.payload_hash !== payloadHash || earlier.result_id === null) {
      throw conflict('This clientMutationId was already used for a different change; send a new one for a new change.', 'clientMutationId');
    }
    return { created: Number(earlier.result_id) };
  }
}

/** SHA-256 of the payload as canonical JSON: keys sorted, nulls left out (as if not sent). */
function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, child]) => child !== null && child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, child]) => [name, canonical(child)]),
  );
}
