import type { DataSource, Logger } from 'typeorm';

export type StatementListener = (sql: string, parameters: readonly unknown[] | undefined) => void;

/**
 * TypeORM's logger hook, used to count every SQL statement the app sends: /metrics exports the
 * count, and tests listen to see the exact SQL an operation sends (the N+1 and idempotency tests).
 * It logs nothing itself (pino does the app's logging, and SQL parameters may hold secrets).
 */
export class StatementCounter implements Logger {
  count = 0;
  private readonly listeners = new Set<StatementListener>();

  logQuery(query: string, parameters?: unknown[]): void {
    this.count += 1;
    for (const listener of this.listeners) listener(query, parameters);
  }

  /** Calls the listener with each statement from now on; returns the function that stops it. */
  listen(listener: StatementListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export function statementCounterOf(dataSource: DataSource): StatementCounter {
  if (!(dataSource.logger instanceof StatementCounter)) throw new Error('This DataSource was not made by createDataSource.');
  return dataSource.logger;
}
