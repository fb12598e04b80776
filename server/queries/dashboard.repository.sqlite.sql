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

-- DashboardRepository.newestInPeriod (all accounts)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = ?
  AND "t"."date" >= ?
  AND "t"."date" <= ?
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  10;

-- DashboardRepository.newestInPeriod (some accounts)
SELECT
  "t"."id" AS "t_id",
  "t"."user_id" AS "t_user_id",
  "t"."account_id" AS "t_account_id",
  "t"."category_id" AS "t_category_id",
  "t"."date" AS "t_date",
  "t"."amount" AS "t_amount",
  "t"."description" AS "t_description",
  "t"."notes" AS "t_notes",
  "t"."created_at" AS "t_created_at",
  "t"."updated_at" AS "t_updated_at",
  "account"."id" AS "account_id",
  "account"."user_id" AS "account_user_id",
  "account"."name" AS "account_name",
  "account"."currency" AS "account_currency",
  "account"."opening_balance" AS "account_opening_balance",
  "account"."archived" AS "account_archived",
  "account"."created_at" AS "account_created_at",
  "account"."transaction_count" AS "account_transaction_count",
  "account"."transaction_total" AS "account_transaction_total",
  "category"."id" AS "category_id",
  "category"."user_id" AS "category_user_id",
  "category"."name" AS "category_name",
  "category"."kind" AS "category_kind",
  "category"."color" AS "category_color",
  "category"."created_at" AS "category_created_at"
FROM
  "transactions" "t"
  LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
  LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
WHERE
  "t"."user_id" = ?
  AND "t"."date" >= ?
  AND "t"."date" <= ?
  AND "t"."account_id" IN (?, ?)
ORDER BY
  "t"."date" DESC,
  "t"."id" DESC
LIMIT
  10;

-- DashboardRepository.categories
SELECT
  "c"."id" AS "c_id",
  "c"."user_id" AS "c_user_id",
  "c"."name" AS "c_name",
  "c"."kind" AS "c_kind",
  "c"."color" AS "c_color",
  "c"."created_at" AS "c_created_at"
FROM
  "categories" "c"
WHERE
  "c"."user_id" = ?;
