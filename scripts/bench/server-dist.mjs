// The compiled server's modules the benchmark drives in this process (npm run build -w server first).
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
require('reflect-metadata');
export const { loadConfig } = require(path.join(root, 'server/dist/config.js'));
export const { createApp } = require(path.join(root, 'server/dist/app.js'));
export const { createLogger } = require(path.join(root, 'server/dist/logger.js'));
export const { createCore } = require(path.join(root, 'server/dist/core.js'));
export const { seedUser, analyseAfterSeeding } = require(path.join(root, 'server/dist/seed/seed.js'));
export const { seededRandom } = require(path.join(root, 'server/dist/seed/transaction-generator.js'));
export const { hashPassword } = require(path.join(root, 'server/dist/modules/users/password.js'));
export const { ownerScope } = require(path.join(root, 'server/dist/db/owner-scope.js'));
export const { parseMoney } = require(path.join(root, 'server/dist/lib/money.js'));
export const { parseCsv } = require(path.join(root, 'server/dist/modules/imports/parsers/csv.js'));
export const { parseOfx } = require(path.join(root, 'server/dist/modules/imports/parsers/ofx.js'));
export const { fingerprint } = require(path.join(root, 'server/dist/modules/imports/duplicates.js'));
export const { unpackArchive } = require(path.join(root, 'server/dist/modules/backups/backup-archive.js'));
export const { readBackupRows } = require(path.join(root, 'server/dist/modules/backups/backup-rows.js'));
