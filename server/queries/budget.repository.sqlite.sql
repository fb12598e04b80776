-- BudgetRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- BudgetRepository.closingOf
SELECT
  'mark' AS "kind",
  CAST(NULL AS integer) AS "categoryId",
  CAST(NULL AS bigint) AS "amount",
  "c"."valid_before" AS "validBefore"
FROM
  "budget_caches" "c"
WHERE
  "c"."user_id" = ?
UNION ALL
SELECT
  'month',
  CAST(NULL AS integer),
  "m"."to_budget",
  CAST(NULL AS varchar)
FROM
  "budget_closings" "m"
WHERE
  "m"."user_id" = ?
  AND "m"."month" = ?
UNION ALL
SELECT
  'category',
  "k"."category_id",
  "k"."available",
  CAST(NULL AS varchar)
FROM
  "budget_category_closings" "k"
WHERE
  "k"."user_id" = ?
  AND "k"."month" = ?;

-- BudgetRepository.ensureMark
INSERT INTO
  "budget_caches" ("user_id", "valid_before")
VALUES
  (?, ?)
ON CONFLICT DO NOTHING;

-- BudgetRepository.lockMark
SELECT
  "c"."valid_before" AS "validBefore"
FROM
  "budget_caches" "c"
WHERE
  "c"."user_id" = ?;

-- BudgetRepository.firstMonth
SELECT
  MIN("x"."month") AS "month"
FROM
  (
    SELECT
      SUBSTR(MIN("t"."date"), 1, 7) AS "month"
    FROM
      "transactions" "t"
    WHERE
      "t"."user_id" = ?
    UNION ALL
    SELECT
      MIN("b"."month")
    FROM
      "budgets" "b"
    WHERE
      "b"."user_id" = ?
  ) "x";

-- BudgetRepository.writeClosings
DELETE FROM "budget_category_closings"
WHERE
  "user_id" = ?
  AND "month" >= ?;
DELETE FROM "budget_closings"
WHERE
  "user_id" = ?
  AND "month" >= ?;
INSERT INTO
  "budget_closings" ("user_id", "month", "to_budget")
VALUES
  (?, ?, ?);
INSERT INTO
  "budget_category_closings" ("user_id", "month", "category_id", "available")
VALUES
  (?, ?, ?, ?);
UPDATE "budget_caches"
SET
  "valid_before" = ?
WHERE
  "user_id" = ?
  AND "valid_before" = ?;

-- BudgetRepository.amountsIn
SELECT
  "b"."category_id" AS "categoryId",
  "b"."month" AS "month",
  "b"."amount" AS "amount"
FROM
  "budgets" "b"
WHERE
  "b"."user_id" = ?
  AND "b"."month" >= ?
  AND "b"."month" <= ?;

-- BudgetRepository.set
INSERT INTO
  "budgets" ("user_id", "category_id", "month", "amount")
VALUES
  (?, ?, ?, ?)
ON CONFLICT ("user_id", "month", "category_id") DO UPDATE
SET
  "amount" = excluded."amount";

-- BudgetRepository.addMissing
INSERT INTO
  "budgets" ("user_id", "category_id", "month", "amount")
VALUES
  (?, ?, ?, ?)
ON CONFLICT DO NOTHING;
