-- ImportPreviewRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

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
    "included",
    "category",
    "splits",
    "rule_outcome"
  )
VALUES
  (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?),
  (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

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
  "p"."id" = ?
  AND "p"."user_id" = ?
  AND "p"."expires_at" > datetime('now');

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
  "p"."id" = ?
  AND "p"."user_id" = ?
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
  "p"."id" = ?
  AND "p"."user_id" = ?
  AND "r"."status" = ?
  AND "r"."position" > ?
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
  "p"."id" = ?
  AND "p"."user_id" = ?
GROUP BY
  "r"."status";

-- ImportPreviewRepository.claimPreview
UPDATE "import_previews"
SET
  "expires_at" = "expires_at"
WHERE
  "id" = ?
  AND "import_previews"."user_id" = ?
  AND "expires_at" > datetime('now')
RETURNING
  "id";

-- ImportPreviewRepository.deletePreview
DELETE FROM "import_previews"
WHERE
  "id" = ?
  AND "import_previews"."user_id" = ?
RETURNING
  "id";

-- ImportPreviewRepository.deleteExpiredPreviews
DELETE FROM "import_previews"
WHERE
  "import_previews"."user_id" = ?
  AND "expires_at" <= datetime('now')
RETURNING
  "id";
