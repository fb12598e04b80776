-- SplitRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

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
  "s"."user_id" = $1
  AND "s"."transaction_id" IN ($2)
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
  "s"."user_id" = $1
  AND "s"."transfer_id" IN ($2, $3)
ORDER BY
  "s"."transaction_id",
  "s"."position";

-- SplitRepository.categoryHasParts
SELECT
  1 AS "found"
FROM
  "transaction_splits" "s"
WHERE
  "s"."category_id" = $1
  AND "s"."user_id" = $2
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
  ($1, $2, $3, $4, $5, $6)
RETURNING
  "id";

-- SplitRepository.setTransfer
UPDATE "transaction_splits"
SET
  "transfer_id" = $1
WHERE
  (
    "user_id" = $2
    AND "id" = $3
  );

-- SplitRepository.deleteForTransaction
DELETE FROM "transaction_splits"
WHERE
  (
    "user_id" = $1
    AND "transaction_id" = $2
  );
