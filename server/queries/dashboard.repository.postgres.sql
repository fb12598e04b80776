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
  "t"."user_id" = $1
  AND "t"."date" >= $2
  AND "t"."date" <= $3
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
  "t"."user_id" = $1
  AND "t"."date" >= $2
  AND "t"."date" <= $3
  AND "t"."account_id" IN ($4)
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
  "t"."user_id" = $1
  AND "t"."date" >= $2
  AND "t"."date" <= $3
  AND 1 = 0
GROUP BY
  "t"."category_id",
  SUBSTR("t"."date", 1, 7);
