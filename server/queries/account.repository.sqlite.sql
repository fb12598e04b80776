-- AccountRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- AccountRepository.list
SELECT
  "Account"."id" AS "Account_id",
  "Account"."user_id" AS "Account_user_id",
  "Account"."name" AS "Account_name",
  "Account"."currency" AS "Account_currency",
  "Account"."opening_balance" AS "Account_opening_balance",
  "Account"."archived" AS "Account_archived",
  "Account"."created_at" AS "Account_created_at",
  "Account"."transaction_count" AS "Account_transaction_count",
  "Account"."transaction_total" AS "Account_transaction_total"
FROM
  "accounts" "Account"
WHERE
  (("Account"."user_id" = 1))
ORDER BY
  "Account"."id" ASC;

-- AccountRepository.findById
SELECT
  "Account"."id" AS "Account_id",
  "Account"."user_id" AS "Account_user_id",
  "Account"."name" AS "Account_name",
  "Account"."currency" AS "Account_currency",
  "Account"."opening_balance" AS "Account_opening_balance",
  "Account"."archived" AS "Account_archived",
  "Account"."created_at" AS "Account_created_at",
  "Account"."transaction_count" AS "Account_transaction_count",
  "Account"."transaction_total" AS "Account_transaction_total"
FROM
  "accounts" "Account"
WHERE
  (
    ("Account"."user_id" = 1)
    AND ("Account"."id" = 1)
  )
LIMIT
  1;

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
  "Account"."id" AS "Account_id",
  "Account"."user_id" AS "Account_user_id",
  "Account"."name" AS "Account_name",
  "Account"."currency" AS "Account_currency",
  "Account"."opening_balance" AS "Account_opening_balance",
  "Account"."archived" AS "Account_archived",
  "Account"."created_at" AS "Account_created_at",
  "Account"."transaction_count" AS "Account_transaction_count",
  "Account"."transaction_total" AS "Account_transaction_total"
FROM
  "accounts" "Account"
WHERE
  (("Account"."user_id" = 1))
ORDER BY
  "Account"."archived" ASC,
  "Account"."id" ASC
LIMIT
  1;

-- AccountRepository.names
SELECT
  "Account"."id" AS "Account_id",
  "Account"."name" AS "Account_name"
FROM
  "accounts" "Account"
WHERE
  (("Account"."user_id" = 1));

-- AccountRepository.currencies
SELECT
  "Account"."id" AS "Account_id",
  "Account"."currency" AS "Account_currency"
FROM
  "accounts" "Account"
WHERE
  (("Account"."user_id" = 1));

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
  "Account"."id" AS "Account_id",
  "Account"."user_id" AS "Account_user_id",
  "Account"."name" AS "Account_name",
  "Account"."currency" AS "Account_currency",
  "Account"."opening_balance" AS "Account_opening_balance",
  "Account"."archived" AS "Account_archived",
  "Account"."created_at" AS "Account_created_at",
  "Account"."transaction_count" AS "Account_transaction_count",
  "Account"."transaction_total" AS "Account_transaction_total"
FROM
  "accounts" "Account"
WHERE
  (
    ("Account"."user_id" = 1)
    AND ("Account"."id" = 3)
  )
LIMIT
  1;

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
