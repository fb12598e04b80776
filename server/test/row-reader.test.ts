import { In } from 'typeorm';
import { Category } from '../src/modules/categories/category.entity';
import { Receipt } from '../src/modules/receipts/receipt.entity';
import { Transaction } from '../src/modules/transactions/transaction.entity';
import { ownerScope } from '../src/db/owner-scope';
import { sqliteDatetime } from '../src/db/row-reader';
import { Money } from '../src/lib/money';
import { accountRecordOf } from '../src/modules/accounts/account.repository';
import { signUp } from './support/client';
import { receiptFiles } from './support/fixtures';
import { CREATE_ACCOUNT, CREATE_CATEGORY, CREATE_TRANSACTION, UPDATE_ACCOUNT, UPLOAD_RECEIPT } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

/**
 * The hot reads (a page of transactions, its receipts) skip TypeORM's hydration (src/db/row-reader.ts).
 * What they return must be exactly what TypeORM itself reads from the same rows.
 */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

test("a page of transactions and its receipts are read exactly as TypeORM reads them", async () => {
  const { client, user } = await signUp(running.baseUrl);
  const userId = Number(user.id);
  const checking = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Checking', openingBalance: '-12.34' } })).createAccount.id;
  const yen = (await client.ok(CREATE_ACCOUNT, { input: { name: 'Tokyo', currency: 'JPY', openingBalance: '5000' } })).createAccount.id;
  const category = (await client.ok(CREATE_CATEGORY, { input: { name: 'Ünïcode ☕', kind: 'EXPENSE', color: '#6f4e37' } })).createCategory.id;
  const ids: string[] = [];
  for (const [accountId, amount, categoryId, notes] of [
    [checking, '-99999999999.99', category, ''],
    [yen, '12345', null, 'line one\nline two'],
    [checking, '0.01', null, "it's \"quoted\""],
  ] as const) {
    const input = { accountId, date: '2024-02-29', amount, description: `Row ${ids.length}`, notes, categoryId };
    ids.push((await client.ok(CREATE_TRANSACTION, { input })).createTransaction.id);
  }
  await client.upload(UPLOAD_RECEIPT, { transactionId: ids[0] }, receiptFiles.png);
  await client.upload(UPLOAD_RECEIPT, { transactionId: ids[0] }, receiptFiles.jpeg);
  // Archived after its transactions were added: a boolean column that is true.
  await client.ok(UPDATE_ACCOUNT, { id: yen, input: { archived: true } });

  const { services, dataSource } = running.app;
  const page = await services.transactions.listForUser(ownerScope(userId), null, 50);
  const byTypeOrm = await dataSource.manager.find(Transaction, {
    where: { userId },
    relations: ['account', 'category'],
    order: { date: 'DESC', id: 'DESC' },
  });
  expect(page.rows).toHaveLength(3);
  // The records are TypeORM's rows with their money as values in the account's currency.
  expect(page.rows).toEqual(
    byTypeOrm.map((row) => ({ ...row, amount: new Money(row.amount, row.account.currency), account: accountRecordOf(row.account) })),
  );
  for (const row of page.rows) {
    expect(row.amount).toBeInstanceOf(Money);
    expect(row.account.balance).toBeInstanceOf(Money);
    expect(row.createdAt).toBeInstanceOf(Date);
    if (row.category) expect(row.category).toBeInstanceOf(Category);
  }
  const tokyo = page.rows.find((row) => row.account.currency === 'JPY')!.account;
  expect(tokyo.archived).toBe(true);
  expect(tokyo.balance).toEqual(new Money(5000n + 12345n, 'JPY'));

  const transactionIds = ids.map(Number);
  const receipts = await services.receipts.listForTransactions(ownerScope(userId), transactionIds);
  expect(receipts).toHaveLength(2);
  expect(receipts).toEqual(await dataSource.manager.find(Receipt, { where: { userId, transactionId: In(transactionIds) }, order: { id: 'ASC' } }));
  for (const receipt of receipts) expect(receipt).toBeInstanceOf(Receipt);
  // Another user's ids read nothing.
  expect(await services.receipts.listForTransactions(ownerScope(userId + 1000), transactionIds)).toEqual([]);
});

test("SQLite's datetime text is read as the Date TypeORM's SQLite driver makes of it", () => {
  // The driver turns "YYYY-MM-DD HH:MM:SS[.SSS]" into ISO with a Z and parses that.
  const byDriver = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
  for (const text of ['2026-11-29 09:01:43', '2024-02-29 23:59:59', '1970-01-01 00:00:00', '2026-11-29 09:01:43.120', '1999-12-31 23:59:59.999', '2999-12-31 00:00:00']) {
    expect(sqliteDatetime(text)?.getTime()).toBe(byDriver(text).getTime());
  }
  // Anything else is left to the driver.
  for (const text of ['2026-11-29T09:01:43Z', '2026-11-29 09:01', '2026-11-29 09:01:43.1', '2025-02-29 10:00:00', '2026-11-29 24:00:00', '2026-13-01 00:00:00', '0099-01-01 00:00:00', 'now']) {
    expect(sqliteDatetime(text)).toBeNull();
  }
});
