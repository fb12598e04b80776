-- DashboardRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

-- DashboardRepository.currencies
SELECT
  "u"."currency" AS "currency",
  "a"."id" AS "accountId",
  "a"."currency" AS "accountCurrency"
FROM
  "users" "u"
  LEFT JOIN "accounts" "a" ON "a"."user_id" = $1
WHERE
  "u"."id" = $2;

-- DashboardRepository.sumsByCategoryAndMonth (all accounts)
SELECT
  "m"."category_id" AS "categoryId",
  SUBSTR("m"."date", 1, 7) AS "period",
  SUM(
    CASE
      WHEN "m"."amount" > 0 THEN "m"."amount"
      ELSE 0
    END
  ) AS "income",
  SUM(
    CASE
      WHEN "m"."amount" < 0 THEN - "m"."amount"
      ELSE 0
    END
  ) AS "expenses",
  COUNT(*) AS "count"
FROM
  (
    SELECT
      "t"."category_id" AS "category_id",
      "t"."date" AS "date",
      "t"."amount" AS "amount"
    FROM
      "transactions" "t"
    WHERE
      "t"."user_id" = $1
      AND "t"."date" >= $2
      AND "t"."date" <= $3
      AND "t"."transfer_id" IS NULL
      AND NOT "t"."is_split"
    UNION ALL
    SELECT
      "s"."category_id",
      "t"."date",
      "s"."amount"
    FROM
      "transactions" "t"
      INNER JOIN "transaction_splits" "s" ON "s"."transaction_id" = "t"."id"
    WHERE
      "t"."user_id" = $4
      AND "t"."date" >= $5
      AND "t"."date" <= $6
      AND "t"."is_split"
      AND "s"."transfer_id" IS NULL
  ) "m"
GROUP BY
  "m"."category_id",
  SUBSTR("m"."date", 1, 7);

-- DashboardRepository.sumsByCategoryAndMonth (some accounts)
SELECT
  "m"."category_id" AS "categoryId",
  SUBSTR("m"."date", 1, 7) AS "period",
  SUM(
    CASE
      WHEN "m"."amount" > 0 THEN "m"."amount"
      ELSE 0
    END
  ) AS "income",
  SUM(
    CASE
      WHEN "m"."amount" < 0 THEN - "m"."amount"
      ELSE 0
    END
  ) AS "expenses",
  COUNT(*) AS "count"
FROM
  (
    SELECT
      "t"."category_id" AS "category_id",
      "t"."date" AS "date",
      "t"."amount" AS "amount"
    FROM
      "transactions" "t"
    WHERE
      "t"."user_id" = $1
      AND "t"."date" >= $2
      AND "t"."date" <= $3
      AND "t"."account_id" IN ($4)
      AND "t"."transfer_id" IS NULL
      AND NOT "t"."is_split"
    UNION ALL
    SELECT
      "s"."category_id",
      "t"."date",
      "s"."amount"
    FROM
      "transactions" "t"
      INNER JOIN "transaction_splits" "s" ON "s"."transaction_id" = "t"."id"
    WHERE
      "t"."user_id" = $5
      AND "t"."date" >= $6
      AND "t"."date" <= $7
      AND "t"."account_id" IN ($8)
      AND "t"."is_split"
      AND "s"."transfer_id" IS NULL
  ) "m"
GROUP BY
  "m"."category_id",
  SUBSTR("m"."date", 1, 7);

-- DashboardRepository.sumsByCategoryAndMonth (no account in the currency)
SELECT
  "m"."category_id" AS "categoryId",
  SUBSTR("m"."date", 1, 7) AS "period",
  SUM(
    CASE
      WHEN "m"."amount" > 0 THEN "m"."amount"
      ELSE 0
    END
  ) AS "income",
  SUM(
    CASE
      WHEN "m"."amount" < 0 THEN - "m"."amount"
      ELSE 0
    END
  ) AS "expenses",
  COUNT(*) AS "count"
FROM
  (
    SELECT
      "t"."category_id" AS "category_id",
      "t"."date" AS "date",
      "t"."amount" AS "amount"
    FROM
      "transactions" "t"
    WHERE
      "t"."user_id" = $1
      AND "t"."date" >= $2
      AND "t"."date" <= $3
      AND 1 = 0
      AND "t"."transfer_id" IS NULL
      AND NOT "t"."is_split"
    UNION ALL
    SELECT
      "s"."category_id",
      "t"."date",
      "s"."amount"
    FROM
      "transactions" "t"
      INNER JOIN "transaction_splits" "s" ON "s"."transaction_id" = "t"."id"
    WHERE
      "t"."user_id" = $4
      AND "t"."date" >= $5
      AND "t"."date" <= $6
      AND 1 = 0
      AND "t"."is_split"
      AND "s"."transfer_id" IS NULL
  ) "m"
GROUP BY
  "m"."category_id",
  SUBSTR("m"."date", 1, 7);

-- DashboardRepository.sumsByCategoryAndMonth (a whole year)
SELECT
  NULLIF("ms"."category_key", 0) AS "categoryId",
  "ms"."month" AS "period",
  SUM("ms"."income") AS "income",
  SUM("ms"."expenses") AS "expenses",
  SUM("ms"."count") AS "count"
FROM
  "monthly_sums" "ms"
WHERE
  "ms"."user_id" = $1
  AND "ms"."month" >= $2
  AND "ms"."month" <= $3
GROUP BY
  "ms"."category_key",
  "ms"."month"
HAVING
  SUM("ms"."count") <> 0;

-- DashboardRepository.sumsByCategoryAndMonth (months and days, some accounts)
SELECT
  "m"."category_id" AS "categoryId",
  SUBSTR("m"."date", 1, 7) AS "period",
  SUM(
    CASE
      WHEN "m"."amount" > 0 THEN "m"."amount"
      ELSE 0
    END
  ) AS "income",
  SUM(
    CASE
      WHEN "m"."amount" < 0 THEN - "m"."amount"
      ELSE 0
    END
  ) AS "expenses",
  COUNT(*) AS "count"
FROM
  (
    SELECT
      "t"."category_id" AS "category_id",
      "t"."date" AS "date",
      "t"."amount" AS "amount"
    FROM
      "transactions" "t"
    WHERE
      "t"."user_id" = $1
      AND "t"."date" >= $2
      AND "t"."date" <= $3
      AND "t"."account_id" IN ($4)
      AND "t"."transfer_id" IS NULL
      AND NOT "t"."is_split"
    UNION ALL
    SELECT
      "s"."category_id",
      "t"."date",
      "s"."amount"
    FROM
      "transactions" "t"
      INNER JOIN "transaction_splits" "s" ON "s"."transaction_id" = "t"."id"
    WHERE
      "t"."user_id" = $5
      AND "t"."date" >= $6
      AND "t"."date" <= $7
      AND "t"."account_id" IN ($8)
      AND "t"."is_split"
      AND "s"."transfer_id" IS NULL
  ) "m"
GROUP BY
  "m"."category_id",
  SUBSTR("m"."date", 1, 7)
UNION ALL
SELECT
  "m"."category_id" AS "categoryId",
  SUBSTR("m"."date", 1, 7) AS "period",
  SUM(
    CASE
      WHEN "m"."amount" > 0 THEN "m"."amount"
      ELSE 0
    END
  ) AS "income",
  SUM(
    CASE
      WHEN "m"."amount" < 0 THEN - "m"."amount"
      ELSE 0
    END
  ) AS "expenses",
  COUNT(*) AS "count"
FROM
  (
    SELECT
      "t"."category_id" AS "category_id",
      "t"."date" AS "date",
      "t"."amount" AS "amount"
    FROM
      "transactions" "t"
    WHERE
      "t"."user_id" = $9
      AND "t"."date" >= $10
      AND "t"."date" <= $11
      AND "t"."account_id" IN ($12)
      AND "t"."transfer_id" IS NULL
      AND NOT "t"."is_split"
    UNION ALL
    SELECT
      "s"."category_id",
      "t"."date",
      "s"."amount"
    FROM
      "transactions" "t"
      INNER JOIN "transaction_splits" "s" ON "s"."transaction_id" = "t"."id"
    WHERE
      "t"."user_id" = $13
      AND "t"."date" >= $14
      AND "t"."date" <= $15
      AND "t"."account_id" IN ($16)
      AND "t"."is_split"
      AND "s"."transfer_id" IS NULL
  ) "m"
GROUP BY
  "m"."category_id",
  SUBSTR("m"."date", 1, 7)
UNION ALL
SELECT
  NULLIF("ms"."category_key", 0) AS "categoryId",
  "ms"."month" AS "period",
  SUM("ms"."income") AS "income",
  SUM("ms"."expenses") AS "expenses",
  SUM("ms"."count") AS "count"
FROM
  "monthly_sums" "ms"
WHERE
  "ms"."user_id" = $17
  AND "ms"."month" >= $18
  AND "ms"."month" <= $19
  AND "ms"."account_id" IN ($20)
GROUP BY
  "ms"."category_key",
  "ms"."month"
HAVING
  SUM("ms"."count") <> 0;
