import { InitialSchemaPostgres1764374400000 } from './postgres/1764374400000-initial-schema';
import { SessionVersionPostgres1764460800000 } from './postgres/1764460800000-session-version';
import { TwoFactorPostgres1764547200000 } from './postgres/1764547200000-two-factor';
import { TransactionIndexesAndAccountTotalsPostgres1764633600000 } from './postgres/1764633600000-transaction-indexes-and-account-totals';
import { AppSecretsPostgres1764720000000 } from './postgres/1764720000000-app-secrets';
import { IdempotencyKeysPostgres1764806400000 } from './postgres/1764806400000-idempotency-keys';

/** Frozen: these have run on users' databases. New migrations are portable (portable.ts). */
export const postgresMigrations = [InitialSchemaPostgres1764374400000, SessionVersionPostgres1764460800000, TwoFactorPostgres1764547200000, TransactionIndexesAndAccountTotalsPostgres1764633600000, AppSecretsPostgres1764720000000, IdempotencyKeysPostgres1764806400000];
