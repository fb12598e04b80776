-- AppSecretRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- AppSecretRepository.readOrCreate
INSERT INTO
  "app_secrets" ("name", "value")
VALUES
  (?, ?)
ON CONFLICT ("name") DO NOTHING;
SELECT
  "value"
FROM
  "app_secrets"
WHERE
  "name" = ?;
