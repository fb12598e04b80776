import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For a million transactions: indexes that match every filter in the list's keyset order, and each
 * account's count and sum kept by triggers in the same database transaction as the change, so
 * balances and totalCount never sum every row. Search on SQLite walks the keyset index (see
 * docs/performance.md): no trigram index here.
 */
export class TransactionIndexesAndAccountTotalsSqlite1764633600000 implements MigrationInterface {
  name = 'TransactionIndexesAndAccountTotalsSqlite1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "transactions_user_date_idx"`);
    await queryRunner.query(`DROP INDEX "transactions_account_idx"`);
    await queryRunner.query(`DROP INDEX "transactions_category_idx"`);
    // Keyset order first; the trailing columns let the dashboard's sums read the index alone.
    await queryRunner.query(`CREATE INDEX "transactions_user_date_idx" ON "transactions" ("user_id", "date", "id", "account_id", "category_id", "amount")`);
    await queryRunner.query(`CREATE INDEX "transactions_account_date_idx" ON "transactions" ("account_id", "date", "id")`);
    await queryRunner.query(`CREATE INDEX "transactions_category_date_idx" ON "transactions" ("category_id", "date", "id")`);
    await queryRunner.query(`CREATE INDEX "transactions_uncategorized_idx" ON "transactions" ("user_id", "date", "id") WHERE "category_id" IS NULL`);
    await queryRunner.query(`CREATE INDEX "transactions_user_amount_idx" ON "transactions" ("user_id", "amount")`);

    // A page's receipts by owner and transaction ids together: the owner alone matched all of them.
    await queryRunner.query(`DROP INDEX "receipts_user_idx"`);
    await queryRunner.query(`CREATE INDEX "receipts_user_transaction_idx" ON "receipts" ("user_id", "transaction_id")`);

    await queryRunner.query(`ALTER TABLE "accounts" ADD COLUMN "transaction_count" integer NOT NULL DEFAULT (0)`);
    await queryRunner.query(`ALTER TABLE "accounts" ADD COLUMN "transaction_total" bigint NOT NULL DEFAULT (0)`);
    await queryRunner.query(`UPDATE "accounts" SET
      "transaction_count" = (SELECT COUNT(*) FROM "transactions" t WHERE t."account_id" = "accounts"."id"),
      "transaction_total" = (SELECT COALESCE(SUM(t."amount"), 0) FROM "transactions" t WHERE t."account_id" = "accounts"."id")`);
    await queryRunner.query(`CREATE TRIGGER "transactions_totals_insert" AFTER INSERT ON "transactions" BEGIN
      UPDATE "accounts" SET "transaction_count" = "transaction_count" + 1, "transaction_total" = "transaction_total" + NEW."amount" WHERE "id" = NEW."account_id";
    END`);
    await queryRunner.query(`CREATE TRIGGER "transactions_totals_delete" AFTER DELETE ON "transactions" BEGIN
      UPDATE "accounts" SET "transaction_count" = "transaction_count" - 1, "transaction_total" = "transaction_total" - OLD."amount" WHERE "id" = OLD."account_id";
    END`);
    await queryRunner.query(`CREATE TRIGGER "transactions_totals_update" AFTER UPDATE OF "account_id", "amount" ON "transactions" BEGIN
      UPDATE "accounts" SET "transaction_count" = "transaction_count" - 1, "transaction_total" = "transaction_total" - OLD."amount" WHERE "id" = OLD."account_id";
      UPDATE "accounts" SET "transaction_count" = "transaction_count" + 1, "transaction_total" = "transaction_total" + NEW."amount" WHERE "id" = NEW."account_id";
    END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const trigger of ['transactions_totals_update', 'transactions_totals_delete', 'transactions_totals_insert']) {
      await queryRunner.query(`DROP TRIGGER "${trigger}"`);
    }
    await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "transaction_total"`);
    await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "transaction_count"`);
    for (const index of ['transactions_user_amount_idx', 'transactions_uncategorized_idx', 'transactions_category_date_idx', 'transactions_account_date_idx', 'transactions_user_date_idx']) {
      await queryRunner.query(`DROP INDEX "${index}"`);
    }
    await queryRunner.query(`DROP INDEX "receipts_user_transaction_idx"`);
    await queryRunner.query(`CREATE INDEX "receipts_user_idx" ON "receipts" ("user_id")`);
    await queryRunner.query(`CREATE INDEX "transactions_user_date_idx" ON "transactions" ("user_id", "date", "id")`);
    await queryRunner.query(`CREATE INDEX "transactions_account_idx" ON "transactions" ("account_id")`);
    await queryRunner.query(`CREATE INDEX "transactions_category_idx" ON "transactions" ("category_id")`);
  }
}
