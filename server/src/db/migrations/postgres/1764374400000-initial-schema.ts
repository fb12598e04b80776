import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities (TypeORM's schema builder), then kept by hand. The schema drift test
// fails when the entities and these migrations disagree.
export class InitialSchemaPostgres1764374400000 implements MigrationInterface {
  name = 'InitialSchemaPostgres1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "users" ("id" SERIAL NOT NULL, "email" character varying(254) NOT NULL, "email_key" character varying(254) NOT NULL, "password_hash" character varying(255) NOT NULL, "name" character varying(100) NOT NULL, "currency" character varying(3) NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "UQ_d87b0da10cbb5c0bdb73164f480" UNIQUE ("email_key"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "accounts" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "name" character varying(100) NOT NULL, "currency" character varying(3) NOT NULL, "opening_balance" bigint NOT NULL DEFAULT '0', "archived" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_5a7a02c20412299d198e097a8fe" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "accounts_user_idx" ON "accounts" ("user_id", "id")`);
    await queryRunner.query(`CREATE TABLE "categories" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "name" character varying(100) NOT NULL, "kind" character varying(10) NOT NULL, "color" character varying(7) NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_24dbc6126a28ff948da33e97d3b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "categories_user_idx" ON "categories" ("user_id", "id")`);
    await queryRunner.query(`CREATE TABLE "transactions" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "account_id" integer NOT NULL, "category_id" integer, "date" character varying(10) NOT NULL, "amount" bigint NOT NULL, "description" character varying(500) NOT NULL DEFAULT '', "notes" text NOT NULL DEFAULT '', "search_text" text NOT NULL DEFAULT '', "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_a219afd8dd77ed80f5a862f1db9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "transactions_category_idx" ON "transactions" ("category_id")`);
    await queryRunner.query(`CREATE INDEX "transactions_account_idx" ON "transactions" ("account_id")`);
    await queryRunner.query(`CREATE INDEX "transactions_user_date_idx" ON "transactions" ("user_id", "date", "id")`);
    await queryRunner.query(`CREATE TABLE "receipts" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "transaction_id" integer NOT NULL, "filename" character varying(255) NOT NULL, "content_type" character varying(100) NOT NULL, "size" integer NOT NULL, "storage_key" character varying(200) NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_5e8182d7c29e023da6e1ff33bfe" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "receipts_user_idx" ON "receipts" ("user_id")`);
    await queryRunner.query(`CREATE INDEX "receipts_transaction_idx" ON "receipts" ("transaction_id")`);
    await queryRunner.query(`ALTER TABLE "accounts" ADD CONSTRAINT "FK_3000dad1da61b29953f07476324" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "categories" ADD CONSTRAINT "FK_2296b7fe012d95646fa41921c8b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "transactions" ADD CONSTRAINT "FK_e9acc6efa76de013e8c1553ed2b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "transactions" ADD CONSTRAINT "FK_49c0d6e8ba4bfb5582000d851f0" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "transactions" ADD CONSTRAINT "FK_c9e41213ca42d50132ed7ab2b0f" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "receipts" ADD CONSTRAINT "FK_6f5a711d2591ddf19f9519900e9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "receipts" ADD CONSTRAINT "FK_7ac7b88b47dc6b0911c4100c7bd" FOREIGN KEY ("transaction_id") REFERENCES "transactions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "receipts" DROP CONSTRAINT "FK_7ac7b88b47dc6b0911c4100c7bd"`);
    await queryRunner.query(`ALTER TABLE "receipts" DROP CONSTRAINT "FK_6f5a711d2591ddf19f9519900e9"`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "FK_c9e41213ca42d50132ed7ab2b0f"`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "FK_49c0d6e8ba4bfb5582000d851f0"`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "FK_e9acc6efa76de013e8c1553ed2b"`);
    await queryRunner.query(`ALTER TABLE "categories" DROP CONSTRAINT "FK_2296b7fe012d95646fa41921c8b"`);
    await queryRunner.query(`ALTER TABLE "accounts" DROP CONSTRAINT "FK_3000dad1da61b29953f07476324"`);
    await queryRunner.query(`DROP INDEX "public"."receipts_transaction_idx"`);
    await queryRunner.query(`DROP INDEX "public"."receipts_user_idx"`);
    await queryRunner.query(`DROP TABLE "receipts"`);
    await queryRunner.query(`DROP INDEX "public"."transactions_user_date_idx"`);
    await queryRunner.query(`DROP INDEX "public"."transactions_account_idx"`);
    await queryRunner.query(`DROP INDEX "public"."transactions_category_idx"`);
    await queryRunner.query(`DROP TABLE "transactions"`);
    await queryRunner.query(`DROP INDEX "public"."categories_user_idx"`);
    await queryRunner.query(`DROP TABLE "categories"`);
    await queryRunner.query(`DROP INDEX "public"."accounts_user_idx"`);
    await queryRunner.query(`DROP TABLE "accounts"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
