import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For a million transactions: indexes that match every filter in the list's keyset order, a
 * trigram index so search does not read every row, and each account's count and sum kept by
 * statement-level triggers in the same database transaction as the change, so balances and
 * totalCount never sum every row (and a bulk insert updates each account once, not once a row).
 */
export class TransactionIndexesAndAccountTotalsPostgres1764633600000 implements MigrationInterface {
  name = 'TransactionIndexesAndAccountTotalsPostgres1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."transactions_user_date_idx"`);
    await queryRunner.query(`DROP INDEX "public"."transactions_account_idx"`);
    await queryRunner.query(`DROP INDEX "public"."transactions_category_idx"`);
    // Keyset order first; the trailing columns let the dashboard's sums read the index alone.
    await queryRunner.query(`CREATE INDEX "transactions_user_date_idx" ON "transactions" ("user_id", "date", "id", "account_id", "category_id", "amount")`);
    await queryRunner.query(`CREATE INDEX "transactions_account_date_idx" ON "transactions" ("account_id", "date", "id")`);
    await queryRunner.query(`CREATE INDEX "transactions_category_date_idx" ON "transactions" ("category_id", "date", "id")`);
    await queryRunner.query(`CREATE INDEX "transactions_uncategorized_idx" ON "transactions" ("user_id", "date", "id") WHERE "category_id" IS NULL`);
    await queryRunner.query(`CREATE INDEX "transactions_user_amount_idx" ON "transactions" ("user_id", "amount")`);
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "transactions_search_trgm_idx" ON "transactions" USING gin ("search_text" gin_trgm_ops)`);

    // A page's receipts by owner and transaction ids together: the owner alone matched all of them.
    await queryRunner.query(`DROP INDEX "public"."receipts_user_idx"`);
    await queryRunner.query(`CREATE INDEX "receipts_user_transaction_idx" ON "receipts" ("user_id", "transaction_id")`);

    await queryRunner.query(`ALTER TABLE "accounts" ADD "transaction_count" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "accounts" ADD "transaction_total" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`UPDATE "accounts" a SET "transaction_count" = s.n, "transaction_total" = s.total
      FROM (SELECT "account_id", COUNT(*) AS n, SUM("amount") AS total FROM "transactions" GROUP BY "account_id") s
      WHERE a."id" = s."account_id"`);
    await queryRunner.query(`CREATE FUNCTION "transactions_totals_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE "accounts" a SET "transaction_count" = a."transaction_count" + s.n, "transaction_total" = a."transaction_total" + s.total
          FROM (SELECT "account_id", COUNT(*) AS n, SUM("amount") AS total FROM new_rows GROUP BY "account_id") s
          WHERE a."id" = s."account_id";
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE "accounts" a SET "transaction_count" = a."transaction_count" - s.n, "transaction_total" = a."transaction_total" - s.total
          FROM (SELECT "account_id", COUNT(*) AS n, SUM("amount") AS total FROM old_rows GROUP BY "account_id") s
          WHERE a."id" = s."account_id";
        ELSE
          -- Only rows whose account or amount changed move the totals; an edit of the text leaves the account row alone.
          UPDATE "accounts" a SET "transaction_count" = a."transaction_count" + s.n, "transaction_total" = a."transaction_total" + s.total
          FROM (
            SELECT "account_id", SUM(n) AS n, SUM(total) AS total FROM (
              SELECT o."account_id", -1 AS n, -o."amount" AS total FROM old_rows o JOIN new_rows c ON c."id" = o."id"
                WHERE o."account_id" <> c."account_id" OR o."amount" <> c."amount"
              UNION ALL
              SELECT c."account_id", 1 AS n, c."amount" AS total FROM old_rows o JOIN new_rows c ON c."id" = o."id"
                WHERE o."account_id" <> c."account_id" OR o."amount" <> c."amount"
            ) moves GROUP BY "account_id"
          ) s
          WHERE a."id" = s."account_id" AND (s.n <> 0 OR s.total <> 0);
        END IF;
        RETURN NULL;
      END
    $$`);
    await queryRunner.query(`CREATE TRIGGER "transactions_totals_insert" AFTER INSERT ON "transactions" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "transactions_totals_change"()`);
    await queryRunner.query(`CREATE TRIGGER "transactions_totals_delete" AFTER DELETE ON "transactions" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "transactions_totals_change"()`);
    await queryRunner.query(`CREATE TRIGGER "transactions_totals_update" AFTER UPDATE ON "transactions" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "transactions_totals_change"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const trigger of ['transactions_totals_update', 'transactions_totals_delete', 'transactions_totals_insert']) {
      await queryRunner.query(`DROP TRIGGER "${trigger}" ON "transactions"`);
    }
    await queryRunner.query(`DROP FUNCTION "transactions_totals_change"()`);
    await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "transaction_total"`);
    await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "transaction_count"`);
    for (const index of ['transactions_search_trgm_idx', 'transactions_user_amount_idx', 'transactions_uncategorized_idx', 'transactions_category_date_idx', 'transactions_account_date_idx', 'transactions_user_date_idx']) {
      await queryRunner.query(`DROP INDEX "public"."${index}"`);
    }
    await queryRunner.query(`DROP INDEX "public"."receipts_user_transaction_idx"`);
    await queryRunner.query(`CREATE INDEX "receipts_user_idx" ON "receipts" ("user_id")`);
    await queryRunner.query(`CREATE INDEX "transactions_user_date_idx" ON "transactions" ("user_id", "date", "id")`);
    await queryRunner.query(`CREATE INDEX "transactions_account_idx" ON "transactions" ("account_id")`);
    await queryRunner.query(`CREATE INDEX "transactions_category_idx" ON "transactions" ("category_id")`);
  }
}
