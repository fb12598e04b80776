-- RuleRepository: the SQL each method sends (sqlite). Do not edit: `npm run queries -w server` writes it.

-- RuleRepository.list
SELECT
  "r"."id" AS "r_id",
  "r"."user_id" AS "r_user_id",
  "r"."name" AS "r_name",
  "r"."position" AS "r_position",
  "r"."enabled" AS "r_enabled",
  "r"."match_all" AS "r_match_all",
  "r"."stop_processing" AS "r_stop_processing",
  "r"."override" AS "r_override",
  "r"."conditions" AS "r_conditions",
  "r"."actions" AS "r_actions",
  "r"."applied_count" AS "r_applied_count",
  "r"."last_applied_at" AS "r_last_applied_at",
  "r"."created_at" AS "r_created_at"
FROM
  "rules" "r"
WHERE
  "r"."user_id" = ?
ORDER BY
  "r"."position" ASC,
  "r"."id" ASC;

-- RuleRepository.findById
SELECT
  "Rule"."id" AS "Rule_id",
  "Rule"."user_id" AS "Rule_user_id",
  "Rule"."name" AS "Rule_name",
  "Rule"."position" AS "Rule_position",
  "Rule"."enabled" AS "Rule_enabled",
  "Rule"."match_all" AS "Rule_match_all",
  "Rule"."stop_processing" AS "Rule_stop_processing",
  "Rule"."override" AS "Rule_override",
  "Rule"."conditions" AS "Rule_conditions",
  "Rule"."actions" AS "Rule_actions",
  "Rule"."applied_count" AS "Rule_applied_count",
  "Rule"."last_applied_at" AS "Rule_last_applied_at",
  "Rule"."created_at" AS "Rule_created_at"
FROM
  "rules" "Rule"
WHERE
  (
    ("Rule"."user_id" = 1)
    AND ("Rule"."id" = 1)
  )
LIMIT
  1;

-- RuleRepository.count
SELECT
  COUNT(1) AS "cnt"
FROM
  "rules" "Rule"
WHERE
  (("Rule"."user_id" = 1));

-- RuleRepository.insert
INSERT INTO
  "rules" (
    "id",
    "user_id",
    "name",
    "position",
    "enabled",
    "match_all",
    "stop_processing",
    "override",
    "conditions",
    "actions",
    "applied_count",
    "last_applied_at",
    "created_at"
  )
VALUES
  (
    NULL,
    1,
    ?,
    0,
    1,
    1,
    0,
    0,
    ?,
    ?,
    0,
    NULL,
    datetime('now')
  );
SELECT
  "Rule"."id" AS "Rule_id",
  "Rule"."enabled" AS "Rule_enabled",
  "Rule"."match_all" AS "Rule_match_all",
  "Rule"."stop_processing" AS "Rule_stop_processing",
  "Rule"."override" AS "Rule_override",
  "Rule"."applied_count" AS "Rule_applied_count",
  "Rule"."created_at" AS "Rule_created_at"
FROM
  "rules" "Rule"
WHERE
  "Rule"."id" = 1;

-- RuleRepository.update
UPDATE "rules"
SET
  "name" = ?,
  "enabled" = 1,
  "match_all" = 1,
  "conditions" = ?,
  "actions" = ?,
  "stop_processing" = 0,
  "override" = 0
WHERE
  (
    "user_id" = 1
    AND "id" = 1
  );

-- RuleRepository.delete
DELETE FROM "rules"
WHERE
  (
    "user_id" = 1
    AND "id" = 1
  );

-- RuleRepository.setPositions
UPDATE "rules"
SET
  "position" = CASE "id"
    WHEN ? THEN CAST(? AS integer)
    WHEN ? THEN CAST(? AS integer)
  END
WHERE
  "rules"."user_id" = ?
  AND "id" IN (?, ?);

-- RuleRepository.recordApplied
UPDATE "rules"
SET
  "applied_count" = "applied_count" + ?,
  "last_applied_at" = CURRENT_TIMESTAMP
WHERE
  "rules"."user_id" = ?
  AND "id" = ?;

-- RuleRepository.countCategorising
INSERT INTO
  "rule_suggestions" (
    "user_id",
    "description_key",
    "category_id",
    "times_categorised",
    "status"
  )
VALUES
  (?, ?, ?, 1, 'COUNTING')
ON CONFLICT ("user_id", "description_key", "category_id") DO UPDATE
SET
  "times_categorised" = "rule_suggestions"."times_categorised" + 1
RETURNING
  "id" AS "id",
  "times_categorised" AS "times",
  "status" AS "status";

-- RuleRepository.setSuggestionStatus
UPDATE "rule_suggestions"
SET
  "status" = ?
WHERE
  (
    "user_id" = 1
    AND "id" = 1
    AND "status" IN (?)
  );

-- RuleRepository.openSuggestions
SELECT
  "RuleSuggestion"."id" AS "RuleSuggestion_id",
  "RuleSuggestion"."user_id" AS "RuleSuggestion_user_id",
  "RuleSuggestion"."description_key" AS "RuleSuggestion_description_key",
  "RuleSuggestion"."category_id" AS "RuleSuggestion_category_id",
  "RuleSuggestion"."times_categorised" AS "RuleSuggestion_times_categorised",
  "RuleSuggestion"."status" AS "RuleSuggestion_status"
FROM
  "rule_suggestions" "RuleSuggestion"
WHERE
  (
    ("RuleSuggestion"."user_id" = 1)
    AND ("RuleSuggestion"."status" = ?)
  )
ORDER BY
  "RuleSuggestion"."id" DESC;

-- RuleRepository.findSuggestion
SELECT
  "RuleSuggestion"."id" AS "RuleSuggestion_id",
  "RuleSuggestion"."user_id" AS "RuleSuggestion_user_id",
  "RuleSuggestion"."description_key" AS "RuleSuggestion_description_key",
  "RuleSuggestion"."category_id" AS "RuleSuggestion_category_id",
  "RuleSuggestion"."times_categorised" AS "RuleSuggestion_times_categorised",
  "RuleSuggestion"."status" AS "RuleSuggestion_status"
FROM
  "rule_suggestions" "RuleSuggestion"
WHERE
  (
    ("RuleSuggestion"."user_id" = 1)
    AND ("RuleSuggestion"."id" = 1)
  )
LIMIT
  1;

-- RuleRepository.deleteAllOf
DELETE FROM "rule_suggestions"
WHERE
  "user_id" = 1;
DELETE FROM "rules"
WHERE
  "user_id" = 1;
