-- ImportRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- ImportRepository.insertPreview
INSERT INTO
  "import_previews" (
    "user_id",
    "account_id",
    "format",
    "encoding",
    "filename",
    "statement_index",
    "details",
    "expires_at"
  )
VALUES
  (?, ?, ?, ?, ?, ?, ?, datetime('now', ?))
RETURNING
  "id";
INSERT INTO
  "import_preview_rows" (
    "preview_id",
    "position",
    "line",
    "date",
    "amount",
    "description",
    "notes",
    "external_id",
    "fingerprint",
    "status",
    "matched_transaction_id",
    "error",
    "included"
  )
VALUES
  (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?),
  (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- ImportRepository.findPreview
SELECT
  "p"."id" AS "p_id",
  "p"."user_id" AS "p_user_id",
  "p"."account_id" AS "p_account_id",
  "p"."format" AS "p_format",
  "p"."encoding" AS "p_encoding",
  "p"."filename" AS "p_filename",
  "p"."statement_index" AS "p_statement_index",
  "p"."created_at" AS "p_created_at",
  "p"."expires_at" AS "p_expires_at",
  "p"."details" AS "p_details"
FROM
  "import_previews" "p"
WHERE
  "p"."id" = ?
  AND "p"."user_id" = ?
  AND "p"."expires_at" > datetime('now');

-- ImportRepository.previewRows (first page)
SELECT
  "r"."position",
  "r"."line",
  "r"."date",
  "r"."amount",
  "r"."description",
  "r"."notes",
  "r"."external_id",
  "r"."fingerprint",
  "r"."status",
  "r"."matched_transaction_id",
  "r"."error",
  "r"."included"
FROM
  "import_preview_rows" "r"
  INNER JOIN "import_previews" "p" ON "p"."id" = "r"."preview_id"
WHERE
  "p"."id" = ?
  AND "p"."user_id" = ?
ORDER BY
  "r"."position"
LIMIT
  51;

-- ImportRepository.previewRows (of a status, after a cursor)
SELECT
  "r"."position",
  "r"."line",
  "r"."date",
  "r"."amount",
  "r"."description",
  "r"."notes",
  "r"."external_id",
  "r"."fingerprint",
  "r"."status",
  "r"."matched_transaction_id",
  "r"."error",
  "r"."included"
FROM
  "import_preview_rows" "r"
  INNER JOIN "import_previews" "p" ON "p"."id" = "r"."preview_id"
WHERE
  "p"."id" = ?
  AND "p"."user_id" = ?
  AND "r"."status" = ?
  AND "r"."position" > ?
ORDER BY
  "r"."position"
LIMIT
  51;

-- ImportRepository.countPreviewRows
SELECT
  "r"."status" AS "status",
  COUNT(*) AS "count"
FROM
  "import_preview_rows" "r"
  INNER JOIN "import_previews" "p" ON "p"."id" = "r"."preview_id"
WHERE
  "p"."id" = ?
  AND "p"."user_id" = ?
GROUP BY
  "r"."status";

-- ImportRepository.deletePreview
DELETE FROM "import_previews"
WHERE
  "id" = ?
  AND "import_previews"."user_id" = ?
RETURNING
  "id";

-- ImportRepository.deleteExpiredPreviews
DELETE FROM "import_previews"
WHERE
  "import_previews"."user_id" = ?
  AND "expires_at" <= datetime('now')
RETURNING
  "id";

-- ImportRepository.candidatesByExternalId
SELECT
  "t"."id" AS "id",
  "t"."date" AS "date",
  "t"."amount" AS "amount",
  CASE
    WHEN (
      "t"."import_batch_id" IS NOT NULL
      OR "t"."external_id" IS NOT NULL
      OR "t"."import_fingerprint" IS NOT NULL
      OR "t"."imported_description" <> ''
    ) THEN ''
    ELSE "t"."description"
  END AS "description",
  CASE
    WHEN "t"."import_fingerprint" IS NULL THEN "t"."imported_description"
    ELSE ''
  END AS "imported_description",
  "t"."external_id" AS "external_id",
  "t"."import_fingerprint" AS "import_fingerprint",
  CASE
    WHEN (
      "t"."import_batch_id" IS NOT NULL
      OR "t"."external_id" IS NOT NULL
      OR "t"."import_fingerprint" IS NOT NULL
      OR "t"."imported_description" <> ''
    ) THEN 1
    ELSE 0
  END AS "claimed"
FROM
  "transactions" "t" INDEXED BY "transactions_account_external_idx"
WHERE
  "t"."user_id" = ?
  AND "t"."account_id" = ?
  AND "t"."external_id" IS NOT NULL
  AND "t"."external_id" IN (
    SELECT
      "value"
    FROM
      json_each(?)
  );

-- ImportRepository.candidatesByFingerprint
SELECT
  "t"."id" AS "id",
  "t"."date" AS "date",
  "t"."amount" AS "amount",
  CASE
    WHEN (
      "t"."import_batch_id" IS NOT NULL
      OR "t"."external_id" IS NOT NULL
      OR "t"."import_fingerprint" IS NOT NULL
      OR "t"."imported_description" <> ''
    ) THEN ''
    ELSE "t"."description"
  END AS "description",
  CASE
    WHEN "t"."import_fingerprint" IS NULL THEN "t"."imported_description"
    ELSE ''
  END AS "imported_description",
  "t"."external_id" AS "external_id",
  "t"."import_fingerprint" AS "import_fingerprint",
  CASE
    WHEN (
      "t"."import_batch_id" IS NOT NULL
      OR "t"."external_id" IS NOT NULL
      OR "t"."import_fingerprint" IS NOT NULL
      OR "t"."imported_description" <> ''
    ) THEN 1
    ELSE 0
  END AS "claimed"
FROM
  "transactions" "t" INDEXED BY "transactions_account_fingerprint_idx"
WHERE
  "t"."user_id" = ?
  AND "t"."account_id" = ?
  AND "t"."import_fingerprint" IS NOT NULL
  AND "t"."import_fingerprint" IN (
    SELECT
      "value"
    FROM
      json_each(?)
  );

-- ImportRepository.candidatesByFingerprint (without a bank id)
SELECT
  "t"."id" AS "id",
  "t"."date" AS "date",
  "t"."amount" AS "amount",
  CASE
    WHEN (
      "t"."import_batch_id" IS NOT NULL
      OR "t"."external_id" IS NOT NULL
      OR "t"."import_fingerprint" IS NOT NULL
      OR "t"."imported_description" <> ''
    ) THEN ''
    ELSE "t"."description"
  END AS "description",
  CASE
    WHEN "t"."import_fingerprint" IS NULL THEN "t"."imported_description"
    ELSE ''
  END AS "imported_description",
  "t"."external_id" AS "external_id",
  "t"."import_fingerprint" AS "import_fingerprint",
  CASE
    WHEN (
      "t"."import_batch_id" IS NOT NULL
      OR "t"."external_id" IS NOT NULL
      OR "t"."import_fingerprint" IS NOT NULL
      OR "t"."imported_description" <> ''
    ) THEN 1
    ELSE 0
  END AS "claimed"
FROM
  "transactions" "t" INDEXED BY "transactions_account_fingerprint_idx"
WHERE
  "t"."user_id" = ?
  AND "t"."account_id" = ?
  AND "t"."import_fingerprint" IS NOT NULL
  AND "t"."import_fingerprint" IN (
    SELECT
      "value"
    FROM
      json_each(?)
  )
  AND "t"."external_id" IS NULL;

-- ImportRepository.candidatesInDateRange
SELECT
  "t"."id" AS "id",
  "t"."date" AS "date",
  "t"."amount" AS "amount",
  CASE
    WHEN (
      "t"."import_batch_id" IS NOT NULL
      OR "t"."external_id" IS NOT NULL
      OR "t"."import_fingerprint" IS NOT NULL
      OR "t"."imported_description" <> ''
    ) THEN ''
    ELSE "t"."description"
  END AS "description",
  CASE
    WHEN "t"."import_fingerprint" IS NULL THEN "t"."imported_description"
    ELSE ''
  END AS "imported_description",
  "t"."external_id" AS "external_id",
  "t"."import_fingerprint" AS "import_fingerprint",
  CASE
    WHEN (
      "t"."import_batch_id" IS NOT NULL
      OR "t"."external_id" IS NOT NULL
      OR "t"."import_fingerprint" IS NOT NULL
      OR "t"."imported_description" <> ''
    ) THEN 1
    ELSE 0
  END AS "claimed"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = ?
  AND "t"."account_id" = ?
  AND "t"."date" >= ?
  AND "t"."date" <= ?
  AND "t"."import_fingerprint" IS NULL;

-- ImportRepository.candidatesImportedSince
SELECT
  "t"."id" AS "id",
  "t"."date" AS "date",
  "t"."amount" AS "amount",
  CASE
    WHEN (
      "t"."import_batch_id" IS NOT NULL
      OR "t"."external_id" IS NOT NULL
      OR "t"."import_fingerprint" IS NOT NULL
      OR "t"."imported_description" <> ''
    ) THEN ''
    ELSE "t"."description"
  END AS "description",
  CASE
    WHEN "t"."import_fingerprint" IS NULL THEN "t"."imported_description"
    ELSE ''
  END AS "imported_description",
  "t"."external_id" AS "external_id",
  "t"."import_fingerprint" AS "import_fingerprint",
  CASE
    WHEN (
      "t"."import_batch_id" IS NOT NULL
      OR "t"."external_id" IS NOT NULL
      OR "t"."import_fingerprint" IS NOT NULL
      OR "t"."imported_description" <> ''
    ) THEN 1
    ELSE 0
  END AS "claimed"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = ?
  AND "t"."account_id" = ?
  AND "t"."import_batch_id" IS NOT NULL
  AND NOT "t"."import_batch_id" IN (
    SELECT
      "value"
    FROM
      json_each(?)
  )
  AND (
    "t"."external_id" IN (
      SELECT
        "value"
      FROM
        json_each(?)
    )
    OR "t"."import_fingerprint" IN (
      SELECT
        "value"
      FROM
        json_each(?)
    )
  );

-- ImportRepository.batchIdsOfAccount
SELECT
  "b"."id"
FROM
  "import_batches" "b"
WHERE
  "b"."user_id" = ?
  AND "b"."account_id" = ?;

-- ImportRepository.insertBatch
INSERT INTO
  "import_batches" (
    "user_id",
    "account_id",
    "format",
    "filename",
    "created_count",
    "matched_count",
    "skipped_count"
  )
VALUES
  (?, ?, ?, ?, ?, ?, ?)
RETURNING
  "id";

-- ImportRepository.setBatchCounts
UPDATE "import_batches"
SET
  "created_count" = ?,
  "matched_count" = ?,
  "skipped_count" = ?
WHERE
  "id" = ?
  AND "import_batches"."user_id" = ?;

-- ImportRepository.findBatch
SELECT
  "b"."id" AS "b_id",
  "b"."user_id" AS "b_user_id",
  "b"."account_id" AS "b_account_id",
  "b"."format" AS "b_format",
  "b"."filename" AS "b_filename",
  "b"."created_at" AS "b_created_at",
  "b"."created_count" AS "b_created_count",
  "b"."matched_count" AS "b_matched_count",
  "b"."skipped_count" AS "b_skipped_count",
  "b"."undone_at" AS "b_undone_at"
FROM
  "import_batches" "b"
WHERE
  "b"."id" = ?
  AND "b"."user_id" = ?;

-- ImportRepository.listBatches (all)
SELECT
  "b"."id" AS "b_id",
  "b"."user_id" AS "b_user_id",
  "b"."account_id" AS "b_account_id",
  "b"."format" AS "b_format",
  "b"."filename" AS "b_filename",
  "b"."created_at" AS "b_created_at",
  "b"."created_count" AS "b_created_count",
  "b"."matched_count" AS "b_matched_count",
  "b"."skipped_count" AS "b_skipped_count",
  "b"."undone_at" AS "b_undone_at"
FROM
  "import_batches" "b"
WHERE
  "b"."user_id" = ?
ORDER BY
  "b"."id" DESC;

-- ImportRepository.listBatches (of an account)
SELECT
  "b"."id" AS "b_id",
  "b"."user_id" AS "b_user_id",
  "b"."account_id" AS "b_account_id",
  "b"."format" AS "b_format",
  "b"."filename" AS "b_filename",
  "b"."created_at" AS "b_created_at",
  "b"."created_count" AS "b_created_count",
  "b"."matched_count" AS "b_matched_count",
  "b"."skipped_count" AS "b_skipped_count",
  "b"."undone_at" AS "b_undone_at"
FROM
  "import_batches" "b"
WHERE
  "b"."user_id" = ?
  AND "b"."account_id" = ?
ORDER BY
  "b"."id" DESC;

-- ImportRepository.markBatchUndone
UPDATE "import_batches"
SET
  "undone_at" = CURRENT_TIMESTAMP
WHERE
  "id" = ?
  AND "import_batches"."user_id" = ?
  AND "undone_at" IS NULL
RETURNING
  "id";

-- ImportRepository.insertMatches
INSERT INTO
  "import_batch_matches" (
    "batch_id",
    "transaction_id",
    "previous_imported_description",
    "previous_external_id"
  )
SELECT
  "b"."id",
  "t"."id",
  "t"."imported_description",
  "t"."external_id"
FROM
  "transactions" "t"
  INNER JOIN "import_batches" "b" ON "b"."id" = ?
  AND "b"."user_id" = ?
WHERE
  "t"."user_id" = ?
  AND "t"."id" IN (
    SELECT
      "value"
    FROM
      json_each(?)
  )
  AND NOT (
    "t"."import_batch_id" IS NOT NULL
    OR "t"."external_id" IS NOT NULL
    OR "t"."import_fingerprint" IS NOT NULL
    OR "t"."imported_description" <> ''
  )
RETURNING
  "transaction_id";
UPDATE "transactions" AS "t"
SET
  "import_batch_id" = ?,
  "external_id" = "m"."column2",
  "imported_description" = "m"."column3",
  "import_fingerprint" = "m"."column4"
FROM
  (
    VALUES
      (?, ?, ?, ?)
  ) AS "m"
WHERE
  "t"."id" = "m"."column1"
  AND "t"."user_id" = ?
  AND EXISTS (
    SELECT
      1
    FROM
      "import_batch_matches" "bm"
    WHERE
      "bm"."batch_id" = ?
      AND "bm"."transaction_id" = "t"."id"
  );

-- ImportRepository.listMatches
SELECT
  "m"."transaction_id",
  "m"."previous_imported_description",
  "m"."previous_external_id"
FROM
  "import_batch_matches" "m"
  INNER JOIN "import_batches" "b" ON "b"."id" = "m"."batch_id"
WHERE
  "b"."id" = ?
  AND "b"."user_id" = ?
ORDER BY
  "m"."transaction_id";

-- ImportRepository.restoreMatches
UPDATE "transactions" AS "t"
SET
  "imported_description" = "m"."previous_imported_description",
  "external_id" = "m"."previous_external_id",
  "import_fingerprint" = NULL,
  "import_batch_id" = NULL
FROM
  "import_batch_matches" "m"
WHERE
  "m"."batch_id" = ?
  AND "t"."id" = "m"."transaction_id"
  AND "t"."import_batch_id" = ?
  AND "t"."user_id" = ?
RETURNING
  "id";

-- ImportRepository.createdTransactionIds
SELECT
  "t"."id"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = ?
  AND "t"."import_batch_id" = ?
  AND NOT EXISTS (
    SELECT
      1
    FROM
      "import_batch_matches" "m"
    WHERE
      "m"."batch_id" = ?
      AND "m"."transaction_id" = "t"."id"
  )
ORDER BY
  "t"."id";

-- ImportRepository.findSettings
SELECT
  "s"."mapping",
  "s"."account_hint"
FROM
  "import_csv_mappings" "s"
WHERE
  "s"."user_id" = ?
  AND "s"."account_id" = ?;

-- ImportRepository.saveCsvMapping
INSERT INTO
  "import_csv_mappings" ("user_id", "account_id", "mapping")
VALUES
  (?, ?, ?)
ON CONFLICT ("account_id") DO UPDATE
SET
  "mapping" = "excluded"."mapping",
  "updated_at" = CURRENT_TIMESTAMP
WHERE
  "import_csv_mappings"."user_id" = ?;

-- ImportRepository.saveAccountHint
INSERT INTO
  "import_csv_mappings" ("user_id", "account_id", "account_hint")
VALUES
  (?, ?, ?)
ON CONFLICT ("account_id") DO UPDATE
SET
  "account_hint" = "excluded"."account_hint",
  "updated_at" = CURRENT_TIMESTAMP
WHERE
  "import_csv_mappings"."user_id" = ?;
