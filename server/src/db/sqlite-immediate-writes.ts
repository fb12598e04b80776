import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';

/** How long a transaction may wait for another process's write to end, beyond busy_timeout. */
const BEGIN_RETRY_MS = 30_000;

/**
 * Every transaction on this SQLite connection begins with BEGIN IMMEDIATE: it takes the write
 * lock at the start, waiting (busy_timeout) while another process writes. TypeORM says BEGIN
 * (deferred), which starts as a reader; in WAL mode a reader that then writes after another process
 * has committed fails at once with SQLITE_BUSY, busy_timeout or not (SQLite cannot let it write on
 * a stale snapshot). Workers of one server share the file (cluster/), so that would reach users.
 * Should another process hold the lock past busy_timeout (a long import), the BEGIN is tried again,
 * waiting asynchronously so this process goes on serving reads: nothing has been done yet.
 */
export function beginTransactionsImmediately(dataSource: DataSource): void {
  // better-sqlite3's driver has one connection and hands out its one query runner.
  const runner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
  const immediate = async (sql: string, ...rest: unknown[]) => {
    if (sql !== 'BEGIN TRANSACTION') return query(sql, ...rest);
    const deadline = Date.now() + BEGIN_RETRY_MS;
    for (let pause = 10; ; pause = Math.min(pause * 2, 500)) {
      try {
        return await query('BEGIN IMMEDIATE TRANSACTION', ...rest);
      } catch (error) {
        if (!isBusy(error) || Date.now() + pause > deadline) throw error;
        await sleep(pause);
      }
    }
  };
  runner.query = immediate as typeof runner.query;
}

function isBusy(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
