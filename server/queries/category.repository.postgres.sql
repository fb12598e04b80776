-- CategoryRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

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
  "c"."user_id" = $1
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
  "c"."user_id" = $1;

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
  "c"."id" = $1
  AND "c"."user_id" = $2;

-- CategoryRepository.exists
SELECT
  1 AS "found"
FROM
  "categories" "c"
WHERE
  "c"."user_id" = $1
  AND "c"."id" = $2;

-- CategoryRepository.insert
INSERT INTO
  "categories" (
    "user_id",
    "name",
    "kind",
    "color",
    "rollover",
    "created_at"
  )
VALUES
  ($1, $2, $3, $4, DEFAULT, DEFAULT)
RETURNING
  "id",
  "rollover",
  "created_at";
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
  "c"."id" = $1
  AND "c"."user_id" = $2;

-- CategoryRepository.insertMany
INSERT INTO
  "categories" (
    "user_id",
    "name",
    "kind",
    "color",
    "rollover",
    "created_at"
  )
VALUES
  ($1, $2, $3, $4, DEFAULT, DEFAULT),
  ($5, $6, $7, $8, DEFAULT, DEFAULT)
RETURNING
  "id",
  "rollover",
  "created_at";

-- CategoryRepository.update
UPDATE "categories"
SET
  "color" = $1
WHERE
  (
    "user_id" = $2
    AND "id" = $3
  );

-- CategoryRepository.delete
DELETE FROM "categories"
WHERE
  (
    "user_id" = $1
    AND "id" = $2
  );

-- CategoryRepository.deleteAllOf
DELETE FROM "categories"
WHERE
  "user_id" = $1;
