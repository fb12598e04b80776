import 'reflect-metadata';
import 'dotenv/config';
import { listSnapshots } from '../snapshots/snapshot.service';
import { ConfigError, loadConfig } from '../config';
import { RestoreError, restoreSnapshot } from '../snapshots/restore';

/**
 * `npm run restore -- <snapshot>`: puts a snapshot from DATA_DIR/backups (a name or a path) back in
 * place of the embedded default's database and receipts. Without an argument, lists the snapshots.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const snapshot = process.argv[2];
  if (!snapshot) {
    const snapshots = await listSnapshots(config.snapshots?.dir ?? `${config.dataDir}/backups`);
    console.log('usage: npm run restore -- <snapshot>   (a name below, or a path)');
    for (const { name } of snapshots) console.log(`  ${name}`);
    return snapshots.length > 0 ? 0 : 1;
  }
  const result = await restoreSnapshot(config, snapshot);
  console.log(`restored ${result.snapshot}\nwhat was there is in ${result.setAside}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof RestoreError || error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
