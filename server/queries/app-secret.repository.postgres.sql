-- AppSecretRepository: the SQL each method sends (postgresql). Do not edit: `npm run queries -w server` writes it.

-- AppSecretRepository.readOrCreate
INSERT INTO
  "app_secrets" ("name", "value")
VALUES
  ($1, $2)
ON CONFLICT ("name") DO NOTHING;
SELECT
  "value"
FROM
  "app_secrets"
WHERE
  "name" = $1;
