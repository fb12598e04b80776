-- ReceiptRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

-- ReceiptRepository.ownsTransaction
SELECT
  1 AS "found"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = $1
  AND "t"."id" = $2;

-- ReceiptRepository.listForTransactions
SELECT
  "r"."id" AS "r_id",
  "r"."user_id" AS "r_user_id",
  "r"."transaction_id" AS "r_transaction_id",
  "r"."filename" AS "r_filename",
  "r"."content_type" AS "r_content_type",
  "r"."size" AS "r_size",
  "r"."storage_key" AS "r_storage_key",
  "r"."created_at" AS "r_created_at"
FROM
  "receipts" "r"
WHERE
  "r"."user_id" = $1
  AND "r"."transaction_id" IN ($2)
ORDER BY
  "r"."id" ASC;

-- ReceiptRepository.find
SELECT
  "Receipt"."id" AS "Receipt_id",
  "Receipt"."user_id" AS "Receipt_user_id",
  "Receipt"."transaction_id" AS "Receipt_transaction_id",
  "Receipt"."filename" AS "Receipt_filename",
  "Receipt"."content_type" AS "Receipt_content_type",
  "Receipt"."size" AS "Receipt_size",
  "Receipt"."storage_key" AS "Receipt_storage_key",
  "Receipt"."created_at" AS "Receipt_created_at"
FROM
  "receipts" "Receipt"
WHERE
  (
    ("Receipt"."user_id" = $1)
    AND ("Receipt"."id" = $2)
  )
LIMIT
  1;

-- ReceiptRepository.insert
INSERT INTO
  "receipts" (
    "user_id",
    "transaction_id",
    "filename",
    "content_type",
    "size",
    "storage_key",
    "created_at"
  )
VALUES
  ($1, $2, $3, $4, $5, $6, DEFAULT)
RETURNING
  "id",
  "created_at";

-- ReceiptRepository.insertMany
INSERT INTO
  "receipts" (
    "user_id",
    "transaction_id",
    "filename",
    "content_type",
    "size",
    "storage_key",
    "created_at"
  )
VALUES
  ($1, $2, $3, $4, $5, $6, DEFAULT)
RETURNING
  "id",
  "created_at";

-- ReceiptRepository.delete
DELETE FROM "receipts"
WHERE
  (
    "user_id" = $1
    AND "id" = $2
  );

-- ReceiptRepository.deleteAllOf
DELETE FROM "receipts"
WHERE
  "user_id" = $1;

-- ReceiptRepository.storageKeysOfTransaction
SELECT
  "r"."storage_key" AS "storageKey"
FROM
  "receipts" "r"
WHERE
  "r"."user_id" = $1
  AND "r"."transaction_id" = $2;

-- ReceiptRepository.storageKeysOfTransactions
SELECT
  "r"."storage_key" AS "storageKey"
FROM
  "receipts" "r"
WHERE
  "r"."user_id" = $1
  AND "r"."transaction_id" IN ($2, $3);

-- ReceiptRepository.storageKeysOfAccount
SELECT
  "r"."storage_key" AS "storageKey"
FROM
  "receipts" "r"
  INNER JOIN "transactions" "t" ON "t"."id" = "r"."transaction_id"
WHERE
  "r"."user_id" = $1
  AND "t"."account_id" = $2;

-- ReceiptRepository.storageKeysOfOwner
SELECT
  "r"."storage_key" AS "storageKey"
FROM
  "receipts" "r"
WHERE
  "r"."user_id" = $1;

-- ReceiptRepository.storageKeysInUseOfAnyOwner
SELECT
  "r"."storage_key" AS "storageKey"
FROM
  "receipts" "r"
WHERE
  "r"."storage_key" IN ($1, $2);
