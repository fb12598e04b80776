-- ImportBatchRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- ImportBatchRepository.batchIdsOfAccount
SELECT
  "b"."id"
FROM
  "import_batches" "b"
WHERE
  "b"."user_id" = ?
  AND "b"."account_id" = ?;

-- ImportBatchRepository.insertBatch
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

-- ImportBatchRepository.setBatchCounts
UPDATE "import_batches"
SET
  "created_count" = ?,
  "matched_count" = ?,
  "skipped_count" = ?
WHERE
  "id" = ?
  AND "import_batches"."user_id" = ?;

-- ImportBatchRepository.findBatch
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

-- ImportBatchRepository.listBatches (all)
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

-- ImportBatchRepository.listBatches (of an account)
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

-- ImportBatchRepository.markBatchUndone
UPDATE "import_batches"
SET
  "undone_at" = CURRENT_TIMESTAMP
WHERE
  "id" = ?
  AND "import_batches"."user_id" = ?
  AND "undone_at" IS NULL
RETURNING
  "id";

-- ImportBatchRepository.insertMatches
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

-- ImportBatchRepository.listMatches
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

-- ImportBatchRepository.restoreMatches
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

-- ImportBatchRepository.createdTransactionIds
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
