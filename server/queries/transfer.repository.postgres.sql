-- TransferRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

-- TransferRepository.findManyByIds
SELECT
  "f"."id" AS "id",
  "f"."outflow_transaction_id" AS "outflow",
  "f"."inflow_transaction_id" AS "inflow",
  "f"."origin" AS "origin"
FROM
  "transfers" "f"
WHERE
  "f"."user_id" = $1
  AND "f"."id" IN ($2, $3)
ORDER BY
  "f"."id";

-- TransferRepository.findTouching
SELECT
  "f"."id" AS "id",
  "f"."outflow_transaction_id" AS "outflow",
  "f"."inflow_transaction_id" AS "inflow",
  "f"."origin" AS "origin"
FROM
  "transfers" "f"
WHERE
  "f"."user_id" = $1
  AND (
    "f"."outflow_transaction_id" IN ($2)
    OR "f"."inflow_transaction_id" IN ($3)
  )
ORDER BY
  "f"."id";

-- TransferRepository.insertMany
INSERT INTO
  "transfers" (
    "user_id",
    "outflow_transaction_id",
    "inflow_transaction_id",
    "origin"
  )
VALUES
  ($1, $2, $3, $4)
RETURNING
  "id";
UPDATE "transactions"
SET
  "transfer_id" = CASE "id"
    WHEN $1 THEN CAST($2 AS INTEGER)
    WHEN $3 THEN CAST($4 AS INTEGER)
  END,
  "category_id" = NULL
WHERE
  "user_id" = $5
  AND "id" IN ($6, $7);

-- TransferRepository.swapSides
UPDATE "transfers"
SET
  "outflow_transaction_id" = "inflow_transaction_id",
  "inflow_transaction_id" = "outflow_transaction_id"
WHERE
  "id" = $1
  AND "user_id" = $2;

-- TransferRepository.delete
UPDATE "transactions"
SET
  "transfer_id" = NULL
WHERE
  "transfer_id" = $1
  AND "user_id" = $2;
UPDATE "transaction_splits"
SET
  "transfer_id" = NULL
WHERE
  "transfer_id" = $1
  AND "user_id" = $2;
DELETE FROM "transfers"
WHERE
  "id" = $1
  AND "user_id" = $2
RETURNING
  "id";

-- TransferRepository.legCandidates
SELECT
  "t"."id" AS "id",
  "t"."account_id" AS "accountId",
  "t"."date" AS "date",
  CAST("t"."amount" AS TEXT) AS "amount"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."amount" IN ($2, $3)
  AND "t"."date" >= $4
  AND "t"."date" <= $5
  AND "t"."transfer_id" IS NULL
  AND NOT "t"."is_split";

-- TransferRepository.rejectedPairs
SELECT
  "r"."first_transaction_id" AS "first",
  "r"."second_transaction_id" AS "second"
FROM
  "transfer_rejections" "r"
WHERE
  "r"."user_id" = $1
  AND (
    "r"."first_transaction_id" IN ($2)
    OR "r"."second_transaction_id" IN ($3)
  );

-- TransferRepository.reject
INSERT INTO
  "transfer_rejections" (
    "user_id",
    "first_transaction_id",
    "second_transaction_id"
  )
VALUES
  ($1, $2, $3)
ON CONFLICT DO NOTHING;
