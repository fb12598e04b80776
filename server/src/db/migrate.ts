import 'reflect-metadata';
import 'dotenv/config';
import { loadConfig } from '../config';
import { openDatabase } from './data-source';

/** Runs the migrations and exits: for a Kubernetes Job or init container before the app starts. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openDatabase(config.database);
  await dataSource.destroy();
  console.log(`migrations applied (${config.database.kind})`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
