-- TransactionRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

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
  "t"."user_id" = ?
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
  "t"."user_id" = ?
  AND "t"."account_id" = ?
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
  "t"."user_id" = ?
  AND "t"."category_id" = ?
  AND "t"."date" >= ?
  AND "t"."date" <= ?
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
  "t"."user_id" = ?
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
  "t"."user_id" = ?
  AND "t"."date" >= ?
  AND "t"."date" <= ?
  AND "t"."account_id" IN (?, ?)
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
  "t"."user_id" = ?
  AND "t"."search_text" LIKE ? ESCAPE '\'
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
  "t"."user_id" = ?
  AND (
    "t"."search_text" LIKE ? ESCAPE '\'
    OR "t"."category_id" IN (?)
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."category_id" IN (?)
      )
    )
    OR (
      "t"."amount" IN (?, ?)
      AND "t"."account_id" IN (?)
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
  "t"."user_id" = ?
  AND "t"."amount" >= ?
  AND "t"."amount" <= ?
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
  "t"."user_id" = ?
  AND (
    "t"."category_id" = ?
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."category_id" = ?
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
  "t"."user_id" = ?
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
  "t"."user_id" = ?
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
  "t"."user_id" = ?
  AND "t"."date" <= ?
  AND (
    "t"."date" < ?
    OR "t"."id" < ?
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
  "t"."user_id" = ?
  AND "t"."id" = ?
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
  + "t"."user_id" = ?
  AND "t"."id" IN (?, ?)
LIMIT
  2;

-- TransactionRepository.count (unfiltered)
SELECT
  COALESCE(SUM("a"."transaction_count"), 0) AS "count"
FROM
  "accounts" "a"
WHERE
  "a"."user_id" = ?;

-- TransactionRepository.count (by account)
SELECT
  COALESCE(SUM("a"."transaction_count"), 0) AS "count"
FROM
  "accounts" "a"
WHERE
  "a"."user_id" = ?
  AND "a"."id" = ?;

-- TransactionRepository.count (by category and dates)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = ?
  AND "t"."category_id" = ?
  AND "t"."date" >= ?
  AND "t"."date" <= ?;

-- TransactionRepository.count (uncategorized)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = ?
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
  "t"."user_id" = ?
  AND "t"."date" >= ?
  AND "t"."date" <= ?
  AND "t"."account_id" IN (?, ?);

-- TransactionRepository.count (search)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = ?
  AND "t"."date" >= ?
  AND "t"."search_text" LIKE ? ESCAPE '\';

-- TransactionRepository.count (search with categories and amounts)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = ?
  AND "t"."date" >= ?
  AND (
    "t"."search_text" LIKE ? ESCAPE '\'
    OR "t"."category_id" IN (?)
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."category_id" IN (?)
      )
    )
    OR (
      "t"."amount" IN (?, ?)
      AND "t"."account_id" IN (?)
    )
  );

-- TransactionRepository.count (amounts)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = ?
  AND "t"."amount" >= ?
  AND "t"."amount" <= ?;

-- TransactionRepository.count (by a category with split parts)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = ?
  AND (
    "t"."category_id" = ?
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."category_id" = ?
      )
    )
  );

-- TransactionRepository.count (transfers)
SELECT
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = ?
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
  "t"."user_id" = ?
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
  "a"."user_id" = ?
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
  "a"."user_id" = ?
  AND "a"."id" = ?
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
  "t"."user_id" = ?
  AND "t"."category_id" = ?
  AND "t"."date" >= ?
  AND "t"."date" <= ?
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
  "t"."user_id" = ?
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
  "t"."user_id" = ?
  AND "t"."date" >= ?
  AND "t"."date" <= ?
  AND "t"."account_id" IN (?, ?)
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
  "t"."user_id" = ?
  AND "t"."date" >= ?
  AND "t"."search_text" LIKE ? ESCAPE '\'
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
  "t"."user_id" = ?
  AND "t"."date" >= ?
  AND (
    "t"."search_text" LIKE ? ESCAPE '\'
    OR "t"."category_id" IN (?)
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."category_id" IN (?)
      )
    )
    OR (
      "t"."amount" IN (?, ?)
      AND "t"."account_id" IN (?)
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
  "t"."user_id" = ?
  AND "t"."amount" >= ?
  AND "t"."amount" <= ?
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
            AND "s"."category_id" = ?
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
  "t"."user_id" = ?
  AND (
    "t"."category_id" = ?
    OR (
      "t"."is_split"
      AND EXISTS (
        SELECT
          1
        FROM
          "transaction_splits" "s"
        WHERE
          "s"."transaction_id" = "t"."id"
          AND "s"."category_id" = ?
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
  "t"."user_id" = ?
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
  "t"."user_id" = ?
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
VALUES
  (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING
  "id";

-- TransactionRepository.update
UPDATE "transactions"
SET
  "account_id" = 2,
  "category_id" = ?,
  "date" = ?,
  "amount" = ?,
  "description" = ?,
  "notes" = ?,
  "search_text" = ?,
  "updated_at" = CURRENT_TIMESTAMP
WHERE
  (
    "user_id" = 1
    AND "id" = 1
  );

-- TransactionRepository.setSplit
UPDATE "transactions"
SET
  "is_split" = 1,
  "search_text" = ?,
  "category_id" = ?,
  "updated_at" = CURRENT_TIMESTAMP
WHERE
  (
    "user_id" = 1
    AND "id" = 1
  );

-- TransactionRepository.markHandSet
UPDATE "transactions"
SET
  "hand_set_fields" = "hand_set_fields" | ?
WHERE
  "transactions"."user_id" = ?
  AND "id" = ?;

-- TransactionRepository.setCategory
UPDATE "transactions"
SET
  "category_id" = 1,
  "updated_at" = CURRENT_TIMESTAMP
WHERE
  (
    "user_id" = 1
    AND "id" IN (1)
  );

-- TransactionRepository.lockForWrite
-- (no SQL)

-- TransactionRepository.delete
DELETE FROM "transactions"
WHERE
  (
    "user_id" = 1
    AND "id" = 1
  );

-- TransactionRepository.deleteMany
DELETE FROM "transactions"
WHERE
  (
    "user_id" = 1
    AND "id" IN (1, 2)
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
        ("Transaction"."user_id" = 1)
        AND ("Transaction"."account_id" = 1)
      )
  )
LIMIT
  1;

-- TransactionRepository.deleteInAccount
DELETE FROM "transactions"
WHERE
  (
    "user_id" = 1
    AND "account_id" = 2
  );

-- TransactionRepository.deleteAllOf
DELETE FROM "transactions"
WHERE
  "user_id" = 1;

-- TransactionRepository.uncategorize
UPDATE "transactions"
SET
  "category_id" = ?,
  "updated_at" = CURRENT_TIMESTAMP
WHERE
  (
    "user_id" = 1
    AND "category_id" = 1
  );
