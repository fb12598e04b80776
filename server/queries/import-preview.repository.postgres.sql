-- ImportPreviewRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

-- ImportPreviewRepository.insertPreview
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
  (
    $1,
    $2,
    $3,
    $4,
    $5,
    $6,
    $7,
    LOCALTIMESTAMP + make_interval(secs => $8)
  )
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
    "included",
    "category",
    "splits",
    "rule_outcome"
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
    $6::TEXT[],
    $7::TEXT[],
    $8::VARCHAR[],
    $9::VARCHAR[],
    $10::VARCHAR[],
    $11::INT[],
    $12::TEXT[],
    $13::BOOLEAN[],
    $14::TEXT[],
    $15::TEXT[],
    $16::TEXT[]
  );

-- ImportPreviewRepository.findPreview
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
  "p"."id" = $1
  AND "p"."user_id" = $2
  AND "p"."expires_at" > LOCALTIMESTAMP;

-- ImportPreviewRepository.previewRows (first page)
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
  "r"."included",
  "r"."category",
  "r"."splits",
  "r"."rule_outcome"
FROM
  "import_preview_rows" "r"
  INNER JOIN "import_previews" "p" ON "p"."id" = "r"."preview_id"
WHERE
  "p"."id" = $1
  AND "p"."user_id" = $2
ORDER BY
  "r"."position"
LIMIT
  51;

-- ImportPreviewRepository.previewRows (of a status, after a cursor)
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
  "r"."included",
  "r"."category",
  "r"."splits",
  "r"."rule_outcome"
FROM
  "import_preview_rows" "r"
  INNER JOIN "import_previews" "p" ON "p"."id" = "r"."preview_id"
WHERE
  "p"."id" = $1
  AND "p"."user_id" = $2
  AND "r"."status" = $3
  AND "r"."position" > $4
ORDER BY
  "r"."position"
LIMIT
  51;

-- ImportPreviewRepository.countPreviewRows
SELECT
  "r"."status" AS "status",
  COUNT(*) AS "count"
FROM
  "import_preview_rows" "r"
  INNER JOIN "import_previews" "p" ON "p"."id" = "r"."preview_id"
WHERE
  "p"."id" = $1
  AND "p"."user_id" = $2
GROUP BY
  "r"."status";

-- ImportPreviewRepository.claimPreview
UPDATE "import_previews"
SET
  "expires_at" = "expires_at"
WHERE
  "id" = $1
  AND "import_previews"."user_id" = $2
  AND "expires_at" > LOCALTIMESTAMP
RETURNING
  "id";

-- ImportPreviewRepository.deletePreview
DELETE FROM "import_previews"
WHERE
  "id" = $1
  AND "import_previews"."user_id" = $2
RETURNING
  "id";

-- ImportPreviewRepository.deleteExpiredPreviews
DELETE FROM "import_previews"
WHERE
  "import_previews"."user_id" = $1
  AND "expires_at" <= LOCALTIMESTAMP
RETURNING
  "id";
