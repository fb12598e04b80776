import { InitialSchemaSqlite1764374400000 } from './sqlite/1764374400000-initial-schema';
import { SessionVersionSqlite1764460800000 } from './sqlite/1764460800000-session-version';
import { TwoFactorSqlite1764547200000 } from './sqlite/1764547200000-two-factor';
import { TransactionIndexesAndAccountTotalsSqlite1764633600000 } from './sqlite/1764633600000-transaction-indexes-and-account-totals';
import { AppSecretsSqlite1764720000000 } from './sqlite/1764720000000-app-secrets';
import { IdempotencyKeysSqlite1764806400000 } from './sqlite/1764806400000-idempotency-keys';

/** Frozen: these have run on users' databases. New migrations are portable (portable.ts). */
export const sqliteMigrations = [InitialSchemaSqlite1764374400000, SessionVersionSqlite1764460800000, TwoFactorSqlite1764547200000, TransactionIndexesAndAccountTotalsSqlite1764633600000, AppSecretsSqlite1764720000000, IdempotencyKeysSqlite1764806400000];
