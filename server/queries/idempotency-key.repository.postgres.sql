-- IdempotencyKeyRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

-- IdempotencyKeyRepository.claim
INSERT INTO
  "idempotency_keys" ("user_id", "key", "operation", "payload_hash")
VALUES
  ($1, $2, $3, $4)
ON CONFLICT ("user_id", "key") DO NOTHING
RETURNING
  "id";

-- IdempotencyKeyRepository.complete
UPDATE "idempotency_keys"
SET
  "result_id" = $1
WHERE
  "idempotency_keys"."id" = $2
  AND "idempotency_keys"."user_id" = $3;

-- IdempotencyKeyRepository.earlier
SELECT
  "k"."operation",
  "k"."payload_hash",
  "k"."result_id"
FROM
  "idempotency_keys" "k"
WHERE
  "k"."user_id" = $1
  AND "k"."key" = $2;
