-- CategoryRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- CategoryRepository.list
SELECT
  "c"."id" AS "c_id",
  "c"."user_id" AS "c_user_id",
  "c"."name" AS "c_name",
  "c"."kind" AS "c_kind",
  "c"."color" AS "c_color",
  "c"."rollover" AS "c_rollover",
  "c"."created_at" AS "c_created_at"
FROM
  "categories" "c"
WHERE
  "c"."user_id" = ?
ORDER BY
  "c"."kind" ASC,
  "c"."name" ASC,
  "c"."id" ASC;

-- CategoryRepository.names
SELECT
  "c"."id" AS "id",
  "c"."name" AS "name"
FROM
  "categories" "c"
WHERE
  "c"."user_id" = ?;

-- CategoryRepository.findById
SELECT
  "c"."id" AS "c_id",
  "c"."user_id" AS "c_user_id",
  "c"."name" AS "c_name",
  "c"."kind" AS "c_kind",
  "c"."color" AS "c_color",
  "c"."rollover" AS "c_rollover",
  "c"."created_at" AS "c_created_at"
FROM
  "categories" "c"
WHERE
  "c"."id" = ?
  AND "c"."user_id" = ?;

-- CategoryRepository.exists
SELECT
  1 AS "found"
FROM
  "categories" "c"
WHERE
  "c"."user_id" = ?
  AND "c"."id" = ?;

-- CategoryRepository.insert
INSERT INTO
  "categories" (
    "id",
    "user_id",
    "name",
    "kind",
    "color",
    "rollover",
    "created_at"
  )
VALUES
  (NULL, 1, ?, ?, ?, 0, datetime('now'));
SELECT
  "Category"."id" AS "Category_id",
  "Category"."rollover" AS "Category_rollover",
  "Category"."created_at" AS "Category_created_at"
FROM
  "categories" "Category"
WHERE
  "Category"."id" = 2;
SELECT
  "c"."id" AS "c_id",
  "c"."user_id" AS "c_user_id",
  "c"."name" AS "c_name",
  "c"."kind" AS "c_kind",
  "c"."color" AS "c_color",
  "c"."rollover" AS "c_rollover",
  "c"."created_at" AS "c_created_at"
FROM
  "categories" "c"
WHERE
  "c"."id" = ?
  AND "c"."user_id" = ?;

-- CategoryRepository.insertMany
INSERT INTO
  "categories" (
    "id",
    "user_id",
    "name",
    "kind",
    "color",
    "rollover",
    "created_at"
  )
VALUES
  (NULL, 1, ?, ?, ?, 0, datetime('now')),
  (NULL, 1, ?, ?, ?, 0, datetime('now'));
SELECT
  "Category"."id" AS "Category_id",
  "Category"."rollover" AS "Category_rollover",
  "Category"."created_at" AS "Category_created_at"
FROM
  "categories" "Category"
WHERE
  (
    "Category"."id" = 2
    OR "Category"."id" = 3
  );

-- CategoryRepository.update
UPDATE "categories"
SET
  "color" = ?
WHERE
  (
    "user_id" = 1
    AND "id" = 1
  );

-- CategoryRepository.delete
DELETE FROM "categories"
WHERE
  (
    "user_id" = 1
    AND "id" = 1
  );

-- CategoryRepository.deleteAllOf
DELETE FROM "categories"
WHERE
  "user_id" = 1;
