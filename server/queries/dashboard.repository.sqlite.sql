-- DashboardRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- DashboardRepository.currencies
SELECT
  "u"."currency" AS "currency",
  "a"."id" AS "accountId",
  "a"."currency" AS "accountCurrency"
FROM
  "users" "u"
  LEFT JOIN "accounts" "a" ON "a"."user_id" = ?
WHERE
  "u"."id" = ?;

-- DashboardRepository.sumsByCategoryAndMonth (all accounts)
SELECT
  "t"."category_id" AS "categoryId",
  SUBSTR("t"."date", 1, 7) AS "period",
  SUM(
    CASE
      WHEN "t"."amount" > 0 THEN "t"."amount"
      ELSE 0
    END
  ) AS "income",
  SUM(
    CASE
      WHEN "t"."amount" < 0 THEN - "t"."amount"
      ELSE 0
    END
  ) AS "expenses",
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = ?
  AND "t"."date" >= ?
  AND "t"."date" <= ?
GROUP BY
  "t"."category_id",
  SUBSTR("t"."date", 1, 7);

-- DashboardRepository.sumsByCategoryAndMonth (some accounts)
SELECT
  "t"."category_id" AS "categoryId",
  SUBSTR("t"."date", 1, 7) AS "period",
  SUM(
    CASE
      WHEN "t"."amount" > 0 THEN "t"."amount"
      ELSE 0
    END
  ) AS "income",
  SUM(
    CASE
      WHEN "t"."amount" < 0 THEN - "t"."amount"
      ELSE 0
    END
  ) AS "expenses",
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = ?
  AND "t"."date" >= ?
  AND "t"."date" <= ?
  AND "t"."account_id" IN (?)
GROUP BY
  "t"."category_id",
  SUBSTR("t"."date", 1, 7);

-- DashboardRepository.sumsByCategoryAndMonth (no account in the currency)
SELECT
  "t"."category_id" AS "categoryId",
  SUBSTR("t"."date", 1, 7) AS "period",
  SUM(
    CASE
      WHEN "t"."amount" > 0 THEN "t"."amount"
      ELSE 0
    END
  ) AS "income",
  SUM(
    CASE
      WHEN "t"."amount" < 0 THEN - "t"."amount"
      ELSE 0
    END
  ) AS "expenses",
  COUNT(*) AS "count"
FROM
  "transactions" "t"
WHERE
  "t"."user_id" = ?
  AND "t"."date" >= ?
  AND "t"."date" <= ?
  AND 1 = 0
GROUP BY
  "t"."category_id",
  SUBSTR("t"."date", 1, 7);
