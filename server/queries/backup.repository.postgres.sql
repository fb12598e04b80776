-- BackupRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

-- BackupRepository.page (accounts)
SELECT
  "r"."id" AS "id",
  "r"."name" AS "name",
  "r"."currency" AS "currency",
  CAST("r"."opening_balance" AS TEXT) AS "openingBalance",
  "r"."archived" AS "archived",
  to_char("r"."created_at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
FROM
  "accounts" "r"
WHERE
  "r"."user_id" = $1
  AND "r"."id" > $2
ORDER BY
  "r"."id"
LIMIT
  $3;

-- BackupRepository.page (categories)
SELECT
  "r"."id" AS "id",
  "r"."name" AS "name",
  "r"."kind" AS "kind",
  "r"."color" AS "color",
  "r"."rollover" AS "rollover",
  to_char("r"."created_at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
FROM
  "categories" "r"
WHERE
  "r"."user_id" = $1
  AND "r"."id" > $2
ORDER BY
  "r"."id"
LIMIT
  $3;

-- BackupRepository.page (transactions)
SELECT
  "r"."id" AS "id",
  "r"."account_id" AS "accountId",
  "r"."category_id" AS "categoryId",
  "r"."date" AS "date",
  CAST("r"."amount" AS TEXT) AS "amount",
  "r"."description" AS "description",
  "r"."notes" AS "notes",
  "r"."imported_description" AS "importedDescription",
  "r"."external_id" AS "externalId",
  "r"."import_fingerprint" AS "importFingerprint",
  "r"."transfer_id" AS "transferId",
  "r"."is_split" AS "isSplit",
  "r"."hand_set_fields" AS "handSetFields",
  to_char("r"."created_at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char("r"."updated_at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"
FROM
  "transactions" "r"
WHERE
  "r"."user_id" = $1
  AND "r"."id" > $2
ORDER BY
  "r"."id"
LIMIT
  $3;

-- BackupRepository.page (splits)
SELECT
  "r"."id" AS "id",
  "r"."transaction_id" AS "transactionId",
  "r"."position" AS "position",
  CAST("r"."amount" AS TEXT) AS "amount",
  "r"."category_id" AS "categoryId",
  "r"."notes" AS "notes",
  "r"."transfer_id" AS "transferId"
FROM
  "transaction_splits" "r"
WHERE
  "r"."user_id" = $1
  AND "r"."id" > $2
ORDER BY
  "r"."id"
LIMIT
  $3;

-- BackupRepository.page (transfers)
SELECT
  "r"."id" AS "id",
  "r"."outflow_transaction_id" AS "outflowTransactionId",
  "r"."inflow_transaction_id" AS "inflowTransactionId",
  "r"."origin" AS "origin",
  to_char("r"."created_at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
FROM
  "transfers" "r"
WHERE
  "r"."user_id" = $1
  AND "r"."id" > $2
ORDER BY
  "r"."id"
LIMIT
  $3;

-- BackupRepository.page (receipts)
SELECT
  "r"."id" AS "id",
  "r"."transaction_id" AS "transactionId",
  "r"."filename" AS "filename",
  "r"."content_type" AS "contentType",
  "r"."size" AS "size",
  to_char("r"."created_at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  "r"."storage_key" AS "storageKey"
FROM
  "receipts" "r"
WHERE
  "r"."user_id" = $1
  AND "r"."id" > $2
ORDER BY
  "r"."id"
LIMIT
  $3;

-- BackupRepository.page (rules)
SELECT
  "r"."id" AS "id",
  "r"."name" AS "name",
  "r"."position" AS "position",
  "r"."enabled" AS "enabled",
  "r"."match_all" AS "matchAll",
  "r"."stop_processing" AS "stopProcessing",
  "r"."override" AS "override",
  "r"."conditions" AS "conditions",
  "r"."actions" AS "actions",
  "r"."applied_count" AS "appliedCount",
  to_char(
    "r"."last_applied_at",
    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'
  ) AS "lastAppliedAt",
  to_char("r"."created_at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
FROM
  "rules" "r"
WHERE
  "r"."user_id" = $1
  AND "r"."id" > $2
ORDER BY
  "r"."id"
LIMIT
  $3;

-- BackupRepository.page (budgets)
SELECT
  "r"."id" AS "id",
  "r"."category_id" AS "categoryId",
  "r"."month" AS "month",
  CAST("r"."amount" AS TEXT) AS "amount"
FROM
  "budgets" "r"
WHERE
  "r"."user_id" = $1
  AND "r"."id" > $2
ORDER BY
  "r"."id"
LIMIT
  $3;

-- BackupRepository.page (importProfiles)
SELECT
  "r"."id" AS "id",
  "r"."account_id" AS "accountId",
  "r"."mapping" AS "mapping",
  "r"."account_hint" AS "accountHint",
  to_char("r"."updated_at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"
FROM
  "import_csv_mappings" "r"
WHERE
  "r"."user_id" = $1
  AND "r"."id" > $2
ORDER BY
  "r"."id"
LIMIT
  $3;

-- BackupRepository.ownerCurrency
SELECT
  "u"."currency" AS "currency"
FROM
  "users" "u"
WHERE
  "u"."id" = $1;

-- BackupRepository.insertMany (budgets)
INSERT INTO
  "budgets" ("user_id", "category_id", "month", "amount")
VALUES
  ($1, $2, $3, $4)
RETURNING
  "id";

-- BackupRepository.setTransfers (transactions)
UPDATE "transactions"
SET
  "transfer_id" = CASE "id"
    WHEN $1 THEN CAST($2 AS INTEGER)
  END
WHERE
  "transactions"."user_id" = $3
  AND "id" IN ($4);
