-- ImportRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- ImportRepository.candidatesById
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
  "transactions" "t" NOT INDEXED
WHERE
  "t"."user_id" = ?
  AND "t"."account_id" = ?
  AND "t"."id" IN (
    SELECT
      "value"
    FROM
      json_each(?)
  );

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
