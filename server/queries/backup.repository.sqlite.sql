-- BackupRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- BackupRepository.page (accounts)
SELECT
  "r"."id" AS "id",
  "r"."name" AS "name",
  "r"."currency" AS "currency",
  CAST("r"."opening_balance" AS TEXT) AS "openingBalance",
  "r"."archived" AS "archived",
  strftime('%Y-%m-%dT%H:%M:%fZ', "r"."created_at") AS "createdAt"
FROM
  "accounts" "r"
WHERE
  "r"."user_id" = ?
  AND "r"."id" > ?
ORDER BY
  "r"."id"
LIMIT
  ?;

-- BackupRepository.page (categories)
SELECT
  "r"."id" AS "id",
  "r"."name" AS "name",
  "r"."kind" AS "kind",
  "r"."color" AS "color",
  "r"."rollover" AS "rollover",
  strftime('%Y-%m-%dT%H:%M:%fZ', "r"."created_at") AS "createdAt"
FROM
  "categories" "r"
WHERE
  "r"."user_id" = ?
  AND "r"."id" > ?
ORDER BY
  "r"."id"
LIMIT
  ?;

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
  strftime('%Y-%m-%dT%H:%M:%fZ', "r"."created_at") AS "createdAt",
  strftime('%Y-%m-%dT%H:%M:%fZ', "r"."updated_at") AS "updatedAt"
FROM
  "transactions" "r"
WHERE
  "r"."user_id" = ?
  AND "r"."id" > ?
ORDER BY
  "r"."id"
LIMIT
  ?;

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
  "r"."user_id" = ?
  AND "r"."id" > ?
ORDER BY
  "r"."id"
LIMIT
  ?;

-- BackupRepository.page (transfers)
SELECT
  "r"."id" AS "id",
  "r"."outflow_transaction_id" AS "outflowTransactionId",
  "r"."inflow_transaction_id" AS "inflowTransactionId",
  "r"."origin" AS "origin",
  strftime('%Y-%m-%dT%H:%M:%fZ', "r"."created_at") AS "createdAt"
FROM
  "transfers" "r"
WHERE
  "r"."user_id" = ?
  AND "r"."id" > ?
ORDER BY
  "r"."id"
LIMIT
  ?;

-- BackupRepository.page (receipts)
SELECT
  "r"."id" AS "id",
  "r"."transaction_id" AS "transactionId",
  "r"."filename" AS "filename",
  "r"."content_type" AS "contentType",
  "r"."size" AS "size",
  strftime('%Y-%m-%dT%H:%M:%fZ', "r"."created_at") AS "createdAt",
  "r"."storage_key" AS "storageKey"
FROM
  "receipts" "r"
WHERE
  "r"."user_id" = ?
  AND "r"."id" > ?
ORDER BY
  "r"."id"
LIMIT
  ?;

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
  strftime('%Y-%m-%dT%H:%M:%fZ', "r"."last_applied_at") AS "lastAppliedAt",
  strftime('%Y-%m-%dT%H:%M:%fZ', "r"."created_at") AS "createdAt"
FROM
  "rules" "r"
WHERE
  "r"."user_id" = ?
  AND "r"."id" > ?
ORDER BY
  "r"."id"
LIMIT
  ?;

-- BackupRepository.page (budgets)
SELECT
  "r"."id" AS "id",
  "r"."category_id" AS "categoryId",
  "r"."month" AS "month",
  CAST("r"."amount" AS TEXT) AS "amount"
FROM
  "budgets" "r"
WHERE
  "r"."user_id" = ?
  AND "r"."id" > ?
ORDER BY
  "r"."id"
LIMIT
  ?;

-- BackupRepository.page (importProfiles)
SELECT
  "r"."id" AS "id",
  "r"."account_id" AS "accountId",
  "r"."mapping" AS "mapping",
  "r"."account_hint" AS "accountHint",
  strftime('%Y-%m-%dT%H:%M:%fZ', "r"."updated_at") AS "updatedAt"
FROM
  "import_csv_mappings" "r"
WHERE
  "r"."user_id" = ?
  AND "r"."id" > ?
ORDER BY
  "r"."id"
LIMIT
  ?;

-- BackupRepository.ownerCurrency
SELECT
  "u"."currency" AS "currency"
FROM
  "users" "u"
WHERE
  "u"."id" = ?;

-- BackupRepository.insertMany (budgets)
INSERT INTO
  "budgets" ("user_id", "category_id", "month", "amount")
VALUES
  (?, ?, ?, ?)
RETURNING
  "id";

-- BackupRepository.setTransfers (transactions)
UPDATE "transactions"
SET
  "transfer_id" = CASE "id"
    WHEN ? THEN CAST(? AS INTEGER)
  END
WHERE
  "transactions"."user_id" = ?
  AND "id" IN (?);
