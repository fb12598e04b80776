-- IdempotencyKeyRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- IdempotencyKeyRepository.claim
INSERT INTO
  "idempotency_keys" ("user_id", "key", "operation", "payload_hash")
VALUES
  (?, ?, ?, ?)
ON CONFLICT ("user_id", "key") DO NOTHING
RETURNING
  "id";

-- IdempotencyKeyRepository.complete
UPDATE "idempotency_keys"
SET
  "result_id" = ?
WHERE
  "idempotency_keys"."id" = ?
  AND "idempotency_keys"."user_id" = ?;

-- IdempotencyKeyRepository.earlier
SELECT
  "k"."operation",
  "k"."payload_hash",
  "k"."result_id"
FROM
  "idempotency_keys" "k"
WHERE
  "k"."user_id" = ?
  AND "k"."key" = ?;
