-- ImportRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

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
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."account_id" = $2
  AND "t"."id" = ANY ($3::INT[]);

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
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."account_id" = $2
  AND "t"."external_id" IS NOT NULL
  AND "t"."external_id" = ANY ($3::VARCHAR[]);

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
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."account_id" = $2
  AND "t"."import_fingerprint" IS NOT NULL
  AND "t"."import_fingerprint" = ANY ($3::VARCHAR[]);

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
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."account_id" = $2
  AND "t"."import_fingerprint" IS NOT NULL
  AND "t"."import_fingerprint" = ANY ($3::VARCHAR[])
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
  "t"."user_id" = $1
  AND "t"."account_id" = $2
  AND "t"."date" >= $3
  AND "t"."date" <= $4
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
  "t"."user_id" = $1
  AND "t"."account_id" = $2
  AND "t"."import_batch_id" IS NOT NULL
  AND NOT "t"."import_batch_id" = ANY ($3::INT[])
  AND (
    "t"."external_id" = ANY ($4::VARCHAR[])
    OR "t"."import_fingerprint" = ANY ($5::VARCHAR[])
  );

-- ImportRepository.findSettings
SELECT
  "s"."mapping",
  "s"."account_hint"
FROM
  "import_csv_mappings" "s"
WHERE
  "s"."user_id" = $1
  AND "s"."account_id" = $2;

-- ImportRepository.saveCsvMapping
INSERT INTO
  "import_csv_mappings" ("user_id", "account_id", "mapping")
VALUES
  ($1, $2, $3)
ON CONFLICT ("account_id") DO UPDATE
SET
  "mapping" = "excluded"."mapping",
  "updated_at" = CURRENT_TIMESTAMP
WHERE
  "import_csv_mappings"."user_id" = $4;

-- ImportRepository.saveAccountHint
INSERT INTO
  "import_csv_mappings" ("user_id", "account_id", "account_hint")
VALUES
  ($1, $2, $3)
ON CONFLICT ("account_id") DO UPDATE
SET
  "account_hint" = "excluded"."account_hint",
  "updated_at" = CURRENT_TIMESTAMP
WHERE
  "import_csv_mappings"."user_id" = $4;
