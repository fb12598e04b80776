-- TransactionRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

-- TransactionRepository.page (unfiltered)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = $1
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  51;

-- TransactionRepository.page (by account)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = $1
  AND "t"."account_id" = $2
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  51;

-- TransactionRepository.page (by category and dates)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = $1
  AND "t"."category_id" = $2
  AND "t"."date" >= $3
  AND "t"."date" <= $4
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  51;

-- TransactionRepository.page (uncategorized)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = $1
  AND "t"."category_id" IS NULL
  AND "t"."transfer_id" IS NULL
  AND (
    NOT "t"."is_split"
    OR EXISTS (
      SELECT
        1
      FROM
        "transaction_splits" "s"
      WHERE
        "s"."transaction_id" = "t"."id"
        AND "s"."category_id" IS NULL
        AND "s"."transfer_id" IS NULL
    )
  )
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  51;

-- TransactionRepository.page (in a period, some accounts)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = $1
  AND "t"."date" >= $2
  AND "t"."date" <= $3
  AND "t"."account_id" IN ($4, $5)
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  51;

-- TransactionRepository.page (search)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = $1
  AND "t"."search_text" LIKE $2 ESCAPE '\'
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  51;

-- TransactionRepository.page (search with categories and amounts)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = $1
  AND (
    "t"."search_text" LIKE $2 ESCAPE '\'
    OR "t"."category_id" IN ($3)
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."category_id" IN ($4)
      )
    )
    OR (
      "t"."amount" IN ($5, $6)
      AND "t"."account_id" IN ($7)
    )
  )
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  51;

-- TransactionRepository.page (amounts)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = $1
  AND "t"."amount" >= $2
  AND "t"."amount" <= $3
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  51;

-- TransactionRepository.page (by a category with split parts)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = $1
  AND (
    "t"."category_id" = $2
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."category_id" = $3
      )
    )
  )
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  51;

-- TransactionRepository.page (transfers)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = $1
  AND (
    "t"."transfer_id" IS NOT NULL
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."transfer_id" IS NOT NULL
      )
    )
  )
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  51;

-- TransactionRepository.page (income, no transfers)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = $1
  AND "t"."transfer_id" IS NULL
  AND "t"."amount" > 0
  AND "t"."transfer_id" IS NULL
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  51;

-- TransactionRepository.page (after a cursor)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = $1
  AND "t"."date" <= $2
  AND (
    "t"."date" < $3
    OR "t"."id" < $4
  )
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  51;

-- TransactionRepository.findById
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = $1
  AND "t"."id" = $2
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  1;

-- TransactionRepository.findManyByIds
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."imported_description" AS "t_imported_description",
  "t"."external_id" AS "t_external_id",
  "t"."import_batch_id" AS "t_import_batch_id",
  "t"."transfer_id" AS "t_transfer_id",
  "t"."is_split" AS "t_is_split",
  "t"."hand_set_fields" AS "t_hand_set_fields",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."rollover" AS "category_rollover",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  + "t"."user_id" = $1
  AND "t"."id" IN ($2, $3)
LIMIT
  2;

-- TransactionRepository.count (unfiltered)
SELECT
  COALESCE(SUM("a"."transaction_count"), 0) AS "count"
FROM
  "accounts" "a"
WHERE
  "a"."user_id" = $1;

-- TransactionRepository.count (by account)
SELECT
  COALESCE(SUM("a"."transaction_count"), 0) AS "count"
FROM
  "accounts" "a"
WHERE
  "a"."user_id" = $1
  AND "a"."id" = $2;

-- TransactionRepository.count (by category and dates)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."category_id" = $2
  AND "t"."date" >= $3
  AND "t"."date" <= $4;

-- TransactionRepository.count (uncategorized)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."category_id" IS NULL
  AND "t"."transfer_id" IS NULL
  AND (
    NOT "t"."is_split"
    OR EXISTS (
      SELECT
        1
      FROM
        "transaction_splits" "s"
      WHERE
        "s"."transaction_id" = "t"."id"
        AND "s"."category_id" IS NULL
        AND "s"."transfer_id" IS NULL
    )
  );

-- TransactionRepository.count (in a period, some accounts)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."date" >= $2
  AND "t"."date" <= $3
  AND "t"."account_id" IN ($4, $5);

-- TransactionRepository.count (search)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."date" >= $2
  AND "t"."search_text" LIKE $3 ESCAPE '\';

-- TransactionRepository.count (search with categories and amounts)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."date" >= $2
  AND (
    "t"."search_text" LIKE $3 ESCAPE '\'
    OR "t"."category_id" IN ($4)
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."category_id" IN ($5)
      )
    )
    OR (
      "t"."amount" IN ($6, $7)
      AND "t"."account_id" IN ($8)
    )
  );

-- TransactionRepository.count (amounts)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."amount" >= $2
  AND "t"."amount" <= $3;

-- TransactionRepository.count (by a category with split parts)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND (
    "t"."category_id" = $2
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."category_id" = $3
      )
    )
  );

-- TransactionRepository.count (transfers)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND (
    "t"."transfer_id" IS NOT NULL
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."transfer_id" IS NOT NULL
      )
    )
  );

-- TransactionRepository.count (income, no transfers)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."transfer_id" IS NULL
  AND "t"."amount" > 0
  AND "t"."transfer_id" IS NULL;

-- TransactionRepository.totals (unfiltered)
SELECT
  "a"."currency" AS "currency",
  CAST(SUM("a"."transaction_total") AS TEXT) AS "sum",
  SUM("a"."transaction_count") AS "count"
FROM
  "accounts" "a"
WHERE
  "a"."user_id" = $1
GROUP BY
  "a"."currency"
HAVING
  SUM("a"."transaction_count") > 0
ORDER BY
  "a"."currency";

-- TransactionRepository.totals (by account)
SELECT
  "a"."currency" AS "currency",
  CAST(SUM("a"."transaction_total") AS TEXT) AS "sum",
  SUM("a"."transaction_count") AS "count"
FROM
  "accounts" "a"
WHERE
  "a"."user_id" = $1
  AND "a"."id" = $2
GROUP BY
  "a"."currency"
HAVING
  SUM("a"."transaction_count") > 0
ORDER BY
  "a"."currency";

-- TransactionRepository.totals (by category and dates)
SELECT
  "a"."currency" AS "currency",
  CAST(SUM("t"."amount") AS TEXT) AS "sum",
  COUNT(*) AS "count"
FROM
  "transactions" "t"
  INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
WHERE
  "t"."user_id" = $1
  AND "t"."category_id" = $2
  AND "t"."date" >= $3
  AND "t"."date" <= $4
GROUP BY
  "a"."currency"
ORDER BY
  "a"."currency";

-- TransactionRepository.totals (uncategorized)
SELECT
  "a"."currency" AS "currency",
  CAST(SUM("t"."amount") AS TEXT) AS "sum",
  COUNT(*) AS "count"
FROM
  "transactions" "t"
  INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
WHERE
  "t"."user_id" = $1
  AND "t"."category_id" IS NULL
  AND "t"."transfer_id" IS NULL
  AND (
    NOT "t"."is_split"
    OR EXISTS (
      SELECT
        1
      FROM
        "transaction_splits" "s"
      WHERE
        "s"."transaction_id" = "t"."id"
        AND "s"."category_id" IS NULL
        AND "s"."transfer_id" IS NULL
    )
  )
GROUP BY
  "a"."currency"
ORDER BY
  "a"."currency";

-- TransactionRepository.totals (in a period, some accounts)
SELECT
  "a"."currency" AS "currency",
  CAST(SUM("t"."amount") AS TEXT) AS "sum",
  COUNT(*) AS "count"
FROM
  "transactions" "t"
  INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
WHERE
  "t"."user_id" = $1
  AND "t"."date" >= $2
  AND "t"."date" <= $3
  AND "t"."account_id" IN ($4, $5)
GROUP BY
  "a"."currency"
ORDER BY
  "a"."currency";

-- TransactionRepository.totals (search)
SELECT
  "a"."currency" AS "currency",
  CAST(SUM("t"."amount") AS TEXT) AS "sum",
  COUNT(*) AS "count"
FROM
  "transactions" "t"
  INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
WHERE
  "t"."user_id" = $1
  AND "t"."date" >= $2
  AND "t"."search_text" LIKE $3 ESCAPE '\'
GROUP BY
  "a"."currency"
ORDER BY
  "a"."currency";

-- TransactionRepository.totals (search with categories and amounts)
SELECT
  "a"."currency" AS "currency",
  CAST(SUM("t"."amount") AS TEXT) AS "sum",
  COUNT(*) AS "count"
FROM
  "transactions" "t"
  INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
WHERE
  "t"."user_id" = $1
  AND "t"."date" >= $2
  AND (
    "t"."search_text" LIKE $3 ESCAPE '\'
    OR "t"."category_id" IN ($4)
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."category_id" IN ($5)
      )
    )
    OR (
      "t"."amount" IN ($6, $7)
      AND "t"."account_id" IN ($8)
    )
  )
GROUP BY
  "a"."currency"
ORDER BY
  "a"."currency";

-- TransactionRepository.totals (amounts)
SELECT
  "a"."currency" AS "currency",
  CAST(SUM("t"."amount") AS TEXT) AS "sum",
  COUNT(*) AS "count"
FROM
  "transactions" "t"
  INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
WHERE
  "t"."user_id" = $1
  AND "t"."amount" >= $2
  AND "t"."amount" <= $3
GROUP BY
  "a"."currency"
ORDER BY
  "a"."currency";

-- TransactionRepository.totals (by a category with split parts)
SELECT
  "a"."currency" AS "currency",
  CAST(
    SUM(
      CASE
        WHEN "t"."is_split" THEN (
          SELECT
            SUM("s"."amount")
          FROM
            "transaction_splits" "s"
          WHERE
            "s"."transaction_id" = "t"."id"
            AND "s"."category_id" = $1
        )
        ELSE "t"."amount"
      END
    ) AS TEXT
  ) AS "sum",
  COUNT(*) AS "count"
FROM
  "transactions" "t"
  INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
WHERE
  "t"."user_id" = $2
  AND (
    "t"."category_id" = $3
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."category_id" = $4
      )
    )
  )
GROUP BY
  "a"."currency"
ORDER BY
  "a"."currency";

-- TransactionRepository.totals (transfers)
SELECT
  "a"."currency" AS "currency",
  CAST(SUM("t"."amount") AS TEXT) AS "sum",
  COUNT(*) AS "count"
FROM
  "transactions" "t"
  INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
WHERE
  "t"."user_id" = $1
  AND (
    "t"."transfer_id" IS NOT NULL
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."transfer_id" IS NOT NULL
      )
    )
  )
GROUP BY
  "a"."currency"
ORDER BY
  "a"."currency";

-- TransactionRepository.totals (income, no transfers)
SELECT
  "a"."currency" AS "currency",
  CAST(SUM("t"."amount") AS TEXT) AS "sum",
  COUNT(*) AS "count"
FROM
  "transactions" "t"
  INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
WHERE
  "t"."user_id" = $1
  AND "t"."transfer_id" IS NULL
  AND "t"."amount" > 0
  AND "t"."transfer_id" IS NULL
GROUP BY
  "a"."currency"
ORDER BY
  "a"."currency";

-- TransactionRepository.insertMany
INSERT INTO
  "transactions" (
    "user_id",
    "account_id",
    "category_id",
    "date",
    "amount",
    "description",
    "notes",
    "search_text",
    "imported_description",
    "external_id",
    "import_fingerprint",
    "import_batch_id",
    "is_split",
    "hand_set_fields"
  )
SELECT
  $1,
  *
FROM
  unnest(
    $2::INT[],
    $3::INT[],
    $4::VARCHAR[],
    $5::BIGINT[],
    $6::VARCHAR[],
    $7::TEXT[],
    $8::TEXT[],
    $9::TEXT[],
    $10::VARCHAR[],
    $11::VARCHAR[],
    $12::INT[],
    $13::BOOLEAN[],
    $14::INT[]
  )
RETURNING
  "id";

-- TransactionRepository.update
UPDATE "transactions"
SET
  "account_id" = $1,
  "category_id" = $2,
  "date" = $3,
  "amount" = $4,
  "description" = $5,
  "notes" = $6,
  "search_text" = $7,
  "updated_at" = CURRENT_TIMESTAMP
WHERE
  (
    "user_id" = $8
    AND "id" = $9
  );

-- TransactionRepository.setSplit
UPDATE "transactions"
SET
  "is_split" = $1,
  "search_text" = $2,
  "category_id" = $3,
  "updated_at" = CURRENT_TIMESTAMP
WHERE
  (
    "user_id" = $4
    AND "id" = $5
  );

-- TransactionRepository.markHandSet
UPDATE "transactions"
SET
  "hand_set_fields" = "hand_set_fields" | $1
WHERE
  "transactions"."user_id" = $2
  AND "id" = $3;

-- TransactionRepository.setCategory
UPDATE "transactions"
SET
  "category_id" = $1,
  "updated_at" = CURRENT_TIMESTAMP
WHERE
  (
    "user_id" = $2
    AND "id" IN ($3)
  );

-- TransactionRepository.lockForWrite
SELECT
  "t"."id"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."id" IN ($2)
ORDER BY
  "t"."id"
FOR UPDATE;

-- TransactionRepository.delete
DELETE FROM "transactions"
WHERE
  (
    "user_id" = $1
    AND "id" = $2
  );

-- TransactionRepository.deleteMany
DELETE FROM "transactions"
WHERE
  (
    "user_id" = $1
    AND "id" IN ($2, $3)
  );

-- TransactionRepository.existsInAccount
SELECT
  1 AS "row_exists"
FROM
  (
    SELECT
      1 AS dummy_column
  ) "dummy_table"
WHERE
  EXISTS (
    SELECT
      1
    FROM
      "transactions" "Transaction"
    WHERE
      (
        ("Transaction"."user_id" = $1)
        AND ("Transaction"."account_id" = $2)
      )
  )
LIMIT
  1;

-- TransactionRepository.deleteInAccount
DELETE FROM "transactions"
WHERE
  (
    "user_id" = $1
    AND "account_id" = $2
  );

-- TransactionRepository.deleteAllOf
DELETE FROM "transactions"
WHERE
  "user_id" = $1;

-- TransactionRepository.uncategorize
UPDATE "transactions"
SET
  "category_id" = $1,
  "updated_at" = CURRENT_TIMESTAMP
WHERE
  (
    "user_id" = $2
    AND "category_id" = $3
  );
