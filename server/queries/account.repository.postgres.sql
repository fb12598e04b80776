-- AccountRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

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
  "a"."user_id" = $1
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
  "a"."id" = $1
  AND "a"."user_id" = $2;

-- AccountRepository.lockForWrite
SELECT
  "a"."id"
FROM
  "accounts" "a"
WHERE
  "a"."id" = $1
  AND "a"."user_id" = $2
FOR UPDATE;

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
  "a"."user_id" = $1
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
  "a"."user_id" = $1;

-- AccountRepository.currencies
SELECT
  "a"."id" AS "id",
  "a"."currency" AS "currency"
FROM
  "accounts" "a"
WHERE
  "a"."user_id" = $1;

-- AccountRepository.ownerCurrency
SELECT
  "User"."id" AS "User_id",
  "User"."currency" AS "User_currency"
FROM
  "users" "User"
WHERE
  (("User"."id" = $1))
LIMIT
  1;

-- AccountRepository.insert
INSERT INTO
  "accounts" (
    "user_id",
    "name",
    "currency",
    "opening_balance",
    "archived",
    "created_at"
  )
VALUES
  ($1, $2, $3, $4, $5, DEFAULT)
RETURNING
  "id",
  "opening_balance",
  "archived",
  "created_at",
  "transaction_count",
  "transaction_total";
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
  "a"."id" = $1
  AND "a"."user_id" = $2;

-- AccountRepository.update
UPDATE "accounts"
SET
  "name" = $1,
  "archived" = $2
WHERE
  (
    "user_id" = $3
    AND "id" = $4
  );

-- AccountRepository.delete
DELETE FROM "accounts"
WHERE
  (
    "user_id" = $1
    AND "id" = $2
  );

-- AccountRepository.deleteAllOf
DELETE FROM "accounts"
WHERE
  "user_id" = $1;
