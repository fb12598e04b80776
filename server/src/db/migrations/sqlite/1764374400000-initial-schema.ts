import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities (TypeORM's schema builder), then kept by hand. The schema drift test
// fails when the entities and these migrations disagree.
export class InitialSchemaSqlite1764374400000 implements MigrationInterface {
  name = 'InitialSchemaSqlite1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "email_key" varchar(254) NOT NULL, "password_hash" varchar(255) NOT NULL, "name" varchar(100) NOT NULL, "currency" varchar(3) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_d87b0da10cbb5c0bdb73164f480" UNIQUE ("email_key"))`);
    await queryRunner.query(`CREATE TABLE "accounts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "name" varchar(100) NOT NULL, "currency" varchar(3) NOT NULL, "opening_balance" bigint NOT NULL DEFAULT (0), "archived" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_3000dad1da61b29953f07476324" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`CREATE INDEX "accounts_user_idx" ON "accounts" ("user_id", "id")`);
    await queryRunner.query(`CREATE TABLE "categories" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "name" varchar(100) NOT NULL, "kind" varchar(10) NOT NULL, "color" varchar(7) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_2296b7fe012d95646fa41921c8b" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`CREATE INDEX "categories_user_idx" ON "categories" ("user_id", "id")`);
    await queryRunner.query(`CREATE TABLE "transactions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "account_id" integer NOT NULL, "category_id" integer, "date" varchar(10) NOT NULL, "amount" bigint NOT NULL, "description" varchar(500) NOT NULL DEFAULT (''), "notes" text NOT NULL DEFAULT (''), "search_text" text NOT NULL DEFAULT (''), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_e9acc6efa76de013e8c1553ed2b" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_49c0d6e8ba4bfb5582000d851f0" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_c9e41213ca42d50132ed7ab2b0f" FOREIGN KEY ("category_id") REFERENCES "categories" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
    await queryRunner.query(`CREATE INDEX "transactions_category_idx" ON "transactions" ("category_id")`);
    await queryRunner.query(`CREATE INDEX "transactions_account_idx" ON "transactions" ("account_id")`);
    await queryRunner.query(`CREATE INDEX "transactions_user_date_idx" ON "transactions" ("user_id", "date", "id")`);
    await queryRunner.query(`CREATE TABLE "receipts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "transaction_id" integer NOT NULL, "filename" varchar(255) NOT NULL, "content_type" varchar(100) NOT NULL, "size" integer NOT NULL, "storage_key" varchar(200) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_6f5a711d2591ddf19f9519900e9" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_7ac7b88b47dc6b0911c4100c7bd" FOREIGN KEY ("transaction_id") REFERENCES "transactions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`CREATE INDEX "receipts_user_idx" ON "receipts" ("user_id")`);
    await queryRunner.query(`CREATE INDEX "receipts_transaction_idx" ON "receipts" ("transaction_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "receipts"`);
    await queryRunner.query(`DROP TABLE "transactions"`);
    await queryRunner.query(`DROP TABLE "categories"`);
    await queryRunner.query(`DROP TABLE "accounts"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
