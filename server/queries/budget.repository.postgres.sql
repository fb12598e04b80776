-- BudgetRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

-- BudgetRepository.closingOf
SELECT
  'mark' AS "kind",
  CAST(NULL AS integer) AS "categoryId",
  CAST(NULL AS bigint) AS "amount",
  "c"."valid_before" AS "validBefore"
FROM
  "budget_caches" "c"
WHERE
  "c"."user_id" = $1
UNION ALL
SELECT
  'month',
  CAST(NULL AS integer),
  "m"."to_budget",
  CAST(NULL AS varchar)
FROM
  "budget_closings" "m"
WHERE
  "m"."user_id" = $2
  AND "m"."month" = $3
UNION ALL
SELECT
  'category',
  "k"."category_id",
  "k"."available",
  CAST(NULL AS varchar)
FROM
  "budget_category_closings" "k"
WHERE
  "k"."user_id" = $4
  AND "k"."month" = $5;

-- BudgetRepository.ensureMark
INSERT INTO
  "budget_caches" ("user_id", "valid_before")
VALUES
  ($1, $2)
ON CONFLICT DO NOTHING;

-- BudgetRepository.lockMark
SELECT
  "c"."valid_before" AS "validBefore"
FROM
  "budget_caches" "c"
WHERE
  "c"."user_id" = $1
FOR UPDATE;

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
      "t"."user_id" = $1
    UNION ALL
    SELECT
      MIN("b"."month")
    FROM
      "budgets" "b"
    WHERE
      "b"."user_id" = $2
  ) "x";

-- BudgetRepository.writeClosings
DELETE FROM "budget_category_closings"
WHERE
  "user_id" = $1
  AND "month" >= $2;
DELETE FROM "budget_closings"
WHERE
  "user_id" = $1
  AND "month" >= $2;
INSERT INTO
  "budget_closings" ("user_id", "month", "to_budget")
VALUES
  ($1, $2, $3);
INSERT INTO
  "budget_category_closings" ("user_id", "month", "category_id", "available")
VALUES
  ($1, $2, $3, $4);
UPDATE "budget_caches"
SET
  "valid_before" = $1
WHERE
  "user_id" = $2
  AND "valid_before" = $3;

-- BudgetRepository.amountsIn
SELECT
  "b"."category_id" AS "categoryId",
  "b"."month" AS "month",
  "b"."amount" AS "amount"
FROM
  "budgets" "b"
WHERE
  "b"."user_id" = $1
  AND "b"."month" >= $2
  AND "b"."month" <= $3;

-- BudgetRepository.set
INSERT INTO
  "budgets" ("user_id", "category_id", "month", "amount")
VALUES
  ($1, $2, $3, $4)
ON CONFLICT ("user_id", "month", "category_id") DO UPDATE
SET
  "amount" = excluded."amount";

-- BudgetRepository.addMissing
INSERT INTO
  "budgets" ("user_id", "category_id", "month", "amount")
VALUES
  ($1, $2, $3, $4)
ON CONFLICT DO NOTHING;
