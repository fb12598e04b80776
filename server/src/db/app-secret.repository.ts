import { GenerateSql } from './generate-sql';
import { Repository } from './repository';

/** The app's own secrets (the session secret): they belong to no user, so no owner scope applies. */
export class AppSecretRepository extends Repository {
  /**
   * The value of the app secret `name`, made by `make` the first time. The insert is a no-op when
   * another process got there first, and everyone then reads the row that won: replicas starting
   * at the same moment agree on one value.
   */
  @GenerateSql({ params: () => ['catalogue-secret', () => 'catalogue-value'] })
  async readOrCreate(name: string, make: () => string): Promise<string> {
    const insert = this.parameters();
    await this.query(`INSERT INTO "app_secrets" ("name", "value") VALUES (${insert.add(name)}, ${insert.add(make())}) ON CONFLICT ("name") DO NOTHING`, insert);
    const select = this.parameters();
    const rows = await this.query<{ value: string }>(`SELECT "value" FROM "app_secrets" WHERE "name" = ${select.add(name)}`, select);
    return rows[0].value;
  }
}
