import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { badInput, conflict } from '../lib/errors';
import type { IdempotencyKeyRepository } from './idempotency-key.repository';
import type { OwnerScope } from './owner-scope';

const MAX_KEY_LENGTH = 255;

/**
 * Idempotency keys of creates (a client's `clientMutationId`). Claimed inside the create's own
 * database transaction: the key and the row commit together or not at all, so a create that
 * committed is found again by its retry, and a concurrent retry waits on the unique (user_id, key)
 * index until the first one has committed or rolled back.
 */
export class IdempotencyKeys {
  constructor(private readonly keys: IdempotencyKeyRepository) {}

  /**
   * Runs `create` inside the caller's database transaction, once per key: a key seen before
   * answers what it created (read by `find`, in the same transaction). Without a key, just creates.
   * A key sent before with another operation or payload is a CONFLICT.
   */
  async createOnce<T extends { id: number }>(
    manager: EntityManager,
    scope: OwnerScope,
    key: string | null | undefined,
    request: { operation: string; payload: unknown },
    create: () => Promise<T>,
    find: (id: number) => Promise<T>,
  ): Promise<T> {
    if (key == null) return create();
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) throw badInput('clientMutationId', `Send a clientMutationId of 1 to ${MAX_KEY_LENGTH} characters.`);
    const keys = this.keys.within(manager);
    const payloadHash = hashOf({ operation: request.operation, payload: request.payload });
    const claimId = await keys.claim(scope, key, request.operation, payloadHash);
    if (claimId === null) {
      const earlier = await keys.earlier(scope, key);
      if (!earlier || earlier.payloadHash !== payloadHash || earlier.resultId === null) {
        throw conflict('This clientMutationId was already used for a different change; send a new one for a new change.', 'clientMutationId');
      }
      return find(earlier.resultId);
    }
    const created = await create();
    await keys.complete(scope, claimId, created.id);
    return created;
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
