import type { MigrationInterface } from 'typeorm';
import { portableMigrations } from './portable';
import { postgresMigrations } from './postgres';
import { sqliteMigrations } from './sqlite';

type MigrationClass = new () => MigrationInterface;

/**
 * The migrations of one database: its frozen hand-written set, then the portable ones. TypeORM
 * runs them in the order of the timestamp that ends each class name and records each by that
 * name, so databases migrated by the old sets keep their rows and only run what is new.
 */
export function migrationsFor(kind: 'postgres' | 'sqlite'): MigrationClass[] {
  return [...(kind === 'postgres' ? postgresMigrations : sqliteMigrations), ...portableMigrations];
}
