-- TransferRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- TransferRepository.findManyByIds
SELECT
  "f"."id" AS "id",
  "f"."outflow_transaction_id" AS "outflow",
  "f"."inflow_transaction_id" AS "inflow",
  "f"."origin" AS "origin"
FROM
  "transfers" "f"
WHERE
  "f"."user_id" = ?
  AND "f"."id" IN (?, ?)
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
  "f"."user_id" = ?
  AND (
    "f"."outflow_transaction_id" IN (?)
    OR "f"."inflow_transaction_id" IN (?)
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
  (?, ?, ?, ?)
RETURNING
  "id";
UPDATE "transactions"
SET
  "transfer_id" = CASE "id"
    WHEN ? THEN CAST(? AS INTEGER)
    WHEN ? THEN CAST(? AS INTEGER)
  END,
  "category_id" = NULL
WHERE
  "user_id" = ?
  AND "id" IN (?, ?);

-- TransferRepository.swapSides
UPDATE "transfers"
SET
  "outflow_transaction_id" = "inflow_transaction_id",
  "inflow_transaction_id" = "outflow_transaction_id"
WHERE
  "id" = ?
  AND "user_id" = ?;

-- TransferRepository.delete
UPDATE "transactions"
SET
  "transfer_id" = NULL
WHERE
  "transfer_id" = ?
  AND "user_id" = ?;
UPDATE "transaction_splits"
SET
  "transfer_id" = NULL
WHERE
  "transfer_id" = ?
  AND "user_id" = ?;
DELETE FROM "transfers"
WHERE
  "id" = ?
  AND "user_id" = ?
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
  "t"."user_id" = ?
  AND "t"."amount" IN (?, ?)
  AND "t"."date" >= ?
  AND "t"."date" <= ?
  AND "t"."transfer_id" IS NULL
  AND NOT "t"."is_split";

-- TransferRepository.rejectedPairs
SELECT
  "r"."first_transaction_id" AS "first",
  "r"."second_transaction_id" AS "second"
FROM
  "transfer_rejections" "r"
WHERE
  "r"."user_id" = ?
  AND (
    "r"."first_transaction_id" IN (?)
    OR "r"."second_transaction_id" IN (?)
  );

-- TransferRepository.reject
INSERT INTO
  "transfer_rejections" (
    "user_id",
    "first_transaction_id",
    "second_transaction_id"
  )
VALUES
  (?, ?, ?)
ON CONFLICT DO NOTHING;
