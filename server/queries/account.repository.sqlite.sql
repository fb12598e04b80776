-- AccountRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- AccountRepository.list
SELECT
  "a"."id" AS "a_id",
  "a"."user_id" AS "a_user_id",
  "a"."name" AS "a_name",
  "a"."currency" AS "a_currency",
  "a"."opening_balance" AS "a_opening_balance",
  "a"."archived" AS "a_archived",
  "a"."created_at" AS "a_created_at",
  "a"."transaction_count" AS "a_transaction_count",
  "a"."transaction_total" AS "a_transaction_total"
FROM
  "accounts" "a"
WHERE
  "a"."user_id" = ?
ORDER BY
  "a"."id" ASC;

-- AccountRepository.findById
SELECT
  "a"."id" AS "a_id",
  "a"."user_id" AS "a_user_id",
  "a"."name" AS "a_name",
  "a"."currency" AS "a_currency",
  "a"."opening_balance" AS "a_opening_balance",
  "a"."archived" AS "a_archived",
  "a"."created_at" AS "a_created_at",
  "a"."transaction_count" AS "a_transaction_count",
  "a"."transaction_total" AS "a_transaction_total"
FROM
  "accounts" "a"
WHERE
  "a"."id" = ?
  AND "a"."user_id" = ?;

-- AccountRepository.lockForWrite
SELECT
  "a"."id"
FROM
  "accounts" "a"
WHERE
  "a"."id" = ?
  AND "a"."user_id" = ?;

-- AccountRepository.findDefault
SELECT
  "a"."id" AS "a_id",
  "a"."user_id" AS "a_user_id",
  "a"."name" AS "a_name",
  "a"."currency" AS "a_currency",
  "a"."opening_balance" AS "a_opening_balance",
  "a"."archived" AS "a_archived",
  "a"."created_at" AS "a_created_at",
  "a"."transaction_count" AS "a_transaction_count",
  "a"."transaction_total" AS "a_transaction_total"
FROM
  "accounts" "a"
WHERE
  "a"."user_id" = ?
ORDER BY
  "a"."archived" ASC,
  "a"."id" ASC
LIMIT
  1;

-- AccountRepository.names
SELECT
  "a"."id" AS "id",
  "a"."name" AS "name"
FROM
  "accounts" "a"
WHERE
  "a"."user_id" = ?;

-- AccountRepository.currencies
SELECT
  "a"."id" AS "id",
  "a"."currency" AS "currency"
FROM
  "accounts" "a"
WHERE
  "a"."user_id" = ?;

-- AccountRepository.ownerCurrency
SELECT
  "User"."id" AS "User_id",
  "User"."currency" AS "User_currency"
FROM
  "users" "User"
WHERE
  (("User"."id" = 1))
LIMIT
  1;

-- AccountRepository.insert
INSERT INTO
  "accounts" (
    "id",
    "user_id",
    "name",
    "currency",
    "opening_balance",
    "archived",
    "created_at"
  )
VALUES
  (NULL, 1, ?, ?, ?, 0, datetime('now'));
SELECT
  "Account"."id" AS "Account_id",
  "Account"."opening_balance" AS "Account_opening_balance",
  "Account"."archived" AS "Account_archived",
  "Account"."created_at" AS "Account_created_at",
  "Account"."transaction_count" AS "Account_transaction_count",
  "Account"."transaction_total" AS "Account_transaction_total"
FROM
  "accounts" "Account"
WHERE
  "Account"."id" = 3;
SELECT
  "a"."id" AS "a_id",
  "a"."user_id" AS "a_user_id",
  "a"."name" AS "a_name",
  "a"."currency" AS "a_currency",
  "a"."opening_balance" AS "a_opening_balance",
  "a"."archived" AS "a_archived",
  "a"."created_at" AS "a_created_at",
  "a"."transaction_count" AS "a_transaction_count",
  "a"."transaction_total" AS "a_transaction_total"
FROM
  "accounts" "a"
WHERE
  "a"."id" = ?
  AND "a"."user_id" = ?;

-- AccountRepository.update
UPDATE "accounts"
SET
  "name" = ?,
  "archived" = 0
WHERE
  (
    "user_id" = 1
    AND "id" = 1
  );

-- AccountRepository.delete
DELETE FROM "accounts"
WHERE
  (
    "user_id" = 1
    AND "id" = 2
  );

-- AccountRepository.deleteAllOf
DELETE FROM "accounts"
WHERE
  "user_id" = 1;
