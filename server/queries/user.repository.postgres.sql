-- UserRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

-- UserRepository.findByEmailBeforeSignIn
SELECT
  "User"."id" AS "User_id",
  "User"."email" AS "User_email",
  "User"."email_key" AS "User_email_key",
  "User"."password_hash" AS "User_password_hash",
  "User"."session_version" AS "User_session_version",
  "User"."totp_secret" AS "User_totp_secret",
  "User"."totp_pending_secret" AS "User_totp_pending_secret",
  "User"."totp_last_step" AS "User_totp_last_step",
  "User"."recovery_codes" AS "User_recovery_codes",
  "User"."name" AS "User_name",
  "User"."currency" AS "User_currency",
  "User"."created_at" AS "User_created_at"
FROM
  "users" "User"
WHERE
  (("User"."email_key" = $1))
LIMIT
  1;

-- UserRepository.emailTakenBeforeSignIn
SELECT
  1 AS "row_exists"
FROM
  (
    SELECT
      1 AS dummy_column
  ) "dummy_table"
WHERE
  EXISTS (
    SELECT
      1
    FROM
      "users" "User"
    WHERE
      (("User"."email_key" = $1))
  )
LIMIT
  1;

-- UserRepository.insertBeforeSignIn
INSERT INTO
  "users" (
    "email",
    "email_key",
    "password_hash",
    "session_version",
    "totp_secret",
    "totp_pending_secret",
    "totp_last_step",
    "recovery_codes",
    "name",
    "currency",
    "created_at"
  )
VALUES
  (
    $1,
    $2,
    $3,
    DEFAULT,
    DEFAULT,
    DEFAULT,
    DEFAULT,
    DEFAULT,
    $4,
    $5,
    DEFAULT
  )
RETURNING
  "id",
  "session_version",
  "created_at";

-- UserRepository.find
SELECT
  "User"."id" AS "User_id",
  "User"."email" AS "User_email",
  "User"."email_key" AS "User_email_key",
  "User"."password_hash" AS "User_password_hash",
  "User"."session_version" AS "User_session_version",
  "User"."totp_secret" AS "User_totp_secret",
  "User"."totp_pending_secret" AS "User_totp_pending_secret",
  "User"."totp_last_step" AS "User_totp_last_step",
  "User"."recovery_codes" AS "User_recovery_codes",
  "User"."name" AS "User_name",
  "User"."currency" AS "User_currency",
  "User"."created_at" AS "User_created_at"
FROM
  "users" "User"
WHERE
  (("User"."id" = $1))
LIMIT
  1;

-- UserRepository.sessionVersionOf
SELECT
  "session_version"
FROM
  "users" "u"
WHERE
  "u"."id" = $1;

-- UserRepository.bumpSessionVersion
UPDATE "users"
SET
  "session_version" = "session_version" + 1
WHERE
  "id" = $1;

-- UserRepository.setPassword
UPDATE "users"
SET
  "password_hash" = $1,
  "session_version" = "session_version" + 1
WHERE
  "id" = $2;

-- UserRepository.updateProfile
UPDATE "users"
SET
  "name" = $1,
  "currency" = $2
WHERE
  "id" = $3;

-- UserRepository.offerTotpSecret
UPDATE "users"
SET
  "totp_pending_secret" = $1
WHERE
  "id" = $2;

-- UserRepository.enableTotp
UPDATE "users"
SET
  "totp_secret" = $1,
  "totp_pending_secret" = $2,
  "totp_last_step" = $3,
  "recovery_codes" = $4,
  "session_version" = "session_version" + 1
WHERE
  "id" = $5;

-- UserRepository.disableTotp
UPDATE "users"
SET
  "totp_secret" = $1,
  "totp_pending_secret" = $2,
  "totp_last_step" = $3,
  "recovery_codes" = $4,
  "session_version" = "session_version" + 1
WHERE
  "id" = $5;

-- UserRepository.spendTotpStep
UPDATE "users"
SET
  "totp_last_step" = $1
WHERE
  "id" = $2
  AND (
    "totp_last_step" IS NULL
    OR "totp_last_step" < $3
  );

-- UserRepository.spendRecoveryCode
UPDATE "users"
SET
  "recovery_codes" = $1
WHERE
  "id" = $2
  AND "recovery_codes" = $3;

-- UserRepository.delete
DELETE FROM "users"
WHERE
  "id" = $1;
