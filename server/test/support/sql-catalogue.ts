import fs from 'node:fs';
import path from 'node:path';
import { format } from 'sql-formatter';
import type { DataSource } from 'typeorm';
import { sqlExamplesOf, type SqlFixture } from '../../src/db/generate-sql';
import { ownerScope } from '../../src/db/owner-scope';
import { Repository } from '../../src/db/repository';
import { statementCounterOf } from '../../src/db/statement-counter';
import { Account } from '../../src/modules/accounts/account.entity';
import { Category } from '../../src/modules/categories/category.entity';
import { Receipt } from '../../src/modules/receipts/receipt.entity';
import { Transaction } from '../../src/modules/transactions/transaction.entity';
import { User } from '../../src/modules/users/user.entity';

/** Where the committed catalogue lives: one file per repository and dialect. */
export const CATALOGUE_DIR = path.resolve(__dirname, '../../queries');
const SOURCE_DIR = path.resolve(__dirname, '../../src');

type RepositoryClass = new (dataSource: DataSource) => Repository;

/** Every repository class of src (each exported subclass of Repository in a `*.repository.ts` file). */
export function repositoryClasses(): { file: string; name: string; repositoryClass: RepositoryClass }[] {
  const found: { file: string; name: string; repositoryClass: RepositoryClass }[] = [];
  const files = (fs.readdirSync(SOURCE_DIR, { recursive: true }) as string[]).filter((file) => file.endsWith('.repository.ts')).sort();
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- discovery of every repository at run time
    const exported = require(path.join(SOURCE_DIR, file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value === 'function' && value.prototype instanceof Repository) {
        found.push({ file, name, repositoryClass: value as RepositoryClass });
      }
    }
  }
  return found;
}

/** A user with two accounts, a category, a transaction and a receipt: what every recorded method may name. */
export async function insertSqlFixture(dataSource: DataSource): Promise<SqlFixture> {
  const manager = dataSource.manager;
  const email = 'catalogue@example.com';
  const user = await manager.save(manager.create(User, { email, emailKey: email, passwordHash: 'not-a-hash', name: 'Catalogue', currency: 'USD' }));
  const account = await manager.save(manager.create(Account, { userId: user.id, name: 'Checking', currency: 'USD' }));
  const otherAccount = await manager.save(manager.create(Account, { userId: user.id, name: 'Savings', currency: 'EUR' }));
  const category = await manager.save(manager.create(Category, { userId: user.id, name: 'Groceries', kind: 'EXPENSE' as Category['kind'], color: '#4caf50' }));
  const date = '2026-03-14';
  const transaction = await manager.save(
    manager.create(Transaction, { userId: user.id, accountId: account.id, categoryId: category.id, date, amount: -1234n, description: 'Corner shop', notes: '', searchText: 'corner shop\n' }),
  );
  const receipt = await manager.save(
    manager.create(Receipt, { userId: user.id, transactionId: transaction.id, filename: 'receipt.png', contentType: 'image/png', size: 67, storageKey: `${user.id}/catalogue` }),
  );
  return {
    scope: ownerScope(user.id),
    userId: user.id,
    email,
    accountId: account.id,
    otherAccountId: otherAccount.id,
    categoryId: category.id,
    transactionId: transaction.id,
    receiptId: receipt.id,
    date,
  };
}

/**
 * Runs every example of every recorded method of the repository inside a transaction that is
 * rolled back (writes leave the fixture as it was) and answers the catalogue file's text: each
 * method's statements, formatted, in declaration order.
 */
export async function recordRepository(dataSource: DataSource, repositoryClass: RepositoryClass, name: string, fixture: SqlFixture): Promise<string> {
  const dialect = dataSource.options.type === 'postgres' ? 'postgresql' : 'sqlite';
  const repository = new repositoryClass(dataSource);
  const sections: string[] = [`-- ${name}: the SQL each method sends (${dialect}). Do not edit: \`npm run queries -w server\` writes it.`];
  for (const [method, examples] of sqlExamplesOf(repositoryClass)) {
    for (const example of examples) {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      const statements: string[] = [];
      const stop = statementCounterOf(dataSource).listen((sql) => statements.push(sql));
      try {
        const bound = repository.within(runner.manager) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
        await bound[method](...example.params(fixture));
      } finally {
        stop();
        await runner.rollbackTransaction();
        await runner.release();
      }
      const title = `-- ${name}.${method}${example.name ? ` (${example.name})` : ''}`;
      const body = statements
        .filter((sql) => !/^(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b/i.test(sql))
        .map((sql) => `${formatStatement(sql, dialect)};`);
      sections.push([title, ...(body.length ? body : ['-- (no SQL)'])].join('\n'));
    }
  }
  return `${sections.join('\n\n')}\n`;
}

function formatStatement(sql: string, dialect: 'postgresql' | 'sqlite'): string {
  try {
    return format(sql, { language: dialect, keywordCase: 'upper', tabWidth: 2 });
  } catch {
    // A statement the formatter cannot read is shown as sent.
    return sql.trim();
  }
}

export function catalogueFile(name: string, postgres: boolean): string {
  const base = name.replace(/Repository$/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return path.join(CATALOGUE_DIR, `${base}.repository.${postgres ? 'postgres' : 'sqlite'}.sql`);
}
