import { GenerateSql } from './generate-sql';
import { ownedBy, ownerCondition, type OwnerScope } from './owner-scope';
import { Repository } from './repository';

/** What an earlier request under the same key was, and what it created (null while it runs). */
export interface EarlierClaim {
  operation: string;
  payloadHash: string;
  resultId: number | null;
}

/** The idempotency keys of creates, one table for every kind of create. */
export class IdempotencyKeyRepository extends Repository {
  /** Claims the key: the claim's id, or null when the owner has used the key before. */
  @GenerateSql({ params: (f) => [f.scope, 'catalogue-key', 'createTransaction', 'a'.repeat(64)] })
  async claim(scope: OwnerScope, key: string, operation: string, payloadHash: string): Promise<number | null> {
    const parameters = this.parameters();
    const claimed = await this.query<{ id: unknown }>(
      `INSERT INTO "idempotency_keys" ("user_id", "key", "operation", "payload_hash")
        VALUES (${parameters.add(ownedBy(scope).userId)}, ${parameters.add(key)}, ${parameters.add(operation)}, ${parameters.add(payloadHash)})
        ON CONFLICT ("user_id", "key") DO NOTHING RETURNING "id"`,
      parameters,
    );
    return claimed.length ? Number(claimed[0].id) : null;
  }

  /** Records the row the claim's create made. */
  @GenerateSql({ params: (f) => [f.scope, 1, f.transactionId] })
  async complete(scope: OwnerScope, claimId: number, resultId: number): Promise<void> {
    const parameters = this.parameters();
    await this.query(
      `UPDATE "idempotency_keys" SET "result_id" = ${parameters.add(resultId)}
        WHERE "idempotency_keys"."id" = ${parameters.add(claimId)} AND ${ownerCondition(scope, 'idempotency_keys', parameters)}`,
      parameters,
    );
  }

  @GenerateSql({ params: (f) => [f.scope, 'catalogue-key'] })
  async earlier(scope: OwnerScope, key: string): Promise<EarlierClaim | null> {
    const parameters = this.parameters();
    const [row] = await this.query<{ operation: string; payload_hash: string; result_id: unknown }>(
      `SELECT "k"."operation", "k"."payload_hash", "k"."result_id" FROM "idempotency_keys" "k"
        WHERE ${ownerCondition(scope, 'k', parameters)} AND "k"."key" = ${parameters.add(key)}`,
      parameters,
    );
    if (!row) return null;
    return { operation: row.operation, payloadHash: row.payload_hash, resultId: row.result_id == null ? null : Number(row.result_id) };
  }
}
