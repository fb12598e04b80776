-- SplitRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- SplitRepository.listForTransactions
SELECT
  "s"."id" AS "id",
  "s"."transaction_id" AS "transactionId",
  "s"."position" AS "position",
  CAST("s"."amount" AS TEXT) AS "amount",
  "s"."category_id" AS "categoryId",
  "s"."notes" AS "notes",
  "s"."transfer_id" AS "transferId",
  "a"."currency" AS "currency"
FROM
  "transaction_splits" "s"
  INNER JOIN "transactions" "t" ON "t"."id" = "s"."transaction_id"
  INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
WHERE
  "s"."user_id" = ?
  AND "s"."transaction_id" IN (?)
ORDER BY
  "s"."transaction_id",
  "s"."position";

-- SplitRepository.listForTransfers
SELECT
  "s"."id" AS "id",
  "s"."transaction_id" AS "transactionId",
  "s"."position" AS "position",
  CAST("s"."amount" AS TEXT) AS "amount",
  "s"."category_id" AS "categoryId",
  "s"."notes" AS "notes",
  "s"."transfer_id" AS "transferId",
  "a"."currency" AS "currency"
FROM
  "transaction_splits" "s"
  INNER JOIN "transactions" "t" ON "t"."id" = "s"."transaction_id"
  INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
WHERE
  "s"."user_id" = ?
  AND "s"."transfer_id" IN (?, ?)
ORDER BY
  "s"."transaction_id",
  "s"."position";

-- SplitRepository.categoryHasParts
SELECT
  1 AS "found"
FROM
  "transaction_splits" "s"
WHERE
  "s"."category_id" = ?
  AND "s"."user_id" = ?
LIMIT
  1;

-- SplitRepository.insertMany
INSERT INTO
  "transaction_splits" (
    "user_id",
    "transaction_id",
    "position",
    "amount",
    "category_id",
    "notes"
  )
VALUES
  (?, ?, ?, ?, ?, ?)
RETURNING
  "id";

-- SplitRepository.setTransfer
UPDATE "transaction_splits"
SET
  "transfer_id" = 2
WHERE
  (
    "user_id" = 1
    AND "id" = 1
  );

-- SplitRepository.deleteForTransaction
DELETE FROM "transaction_splits"
WHERE
  (
    "user_id" = 1
    AND "transaction_id" = 1
  );
