import { Client } from 'pg';
import { freshBackendEnvironment } from '../support/backends';
import { retryOnDeadlock } from '../../src/seed/seed';

/**
 * The seeder writes two batches at once on Postgres; a batch that Postgres rolls back to break a
 * deadlock is sent again. Here a real deadlock: the first attempt locks row 2 then wants row 1,
 * while another session holds row 1 and wants row 2.
 */
test('work that Postgres rolled back to break a deadlock runs again, and only that', async () => {
  const { DATABASE_URL } = await freshBackendEnvironment();
  const setup = new Client({ connectionString: DATABASE_URL });
  const victim = new Client({ connectionString: DATABASE_URL });
  const other = new Client({ connectionString: DATABASE_URL });
  for (const client of [setup, victim, other]) await client.connect();
  try {
    await setup.query('CREATE TABLE deadlock_rows (id int PRIMARY KEY, hits int NOT NULL)');
    await setup.query('INSERT INTO deadlock_rows VALUES (1, 0), (2, 0)');
    let signalVictimLocked: () => void = () => undefined;
    const victimLocked = new Promise<void>((resolve) => (signalVictimLocked = resolve));

    const attempts: number[] = [];
    const retried = retryOnDeadlock(async (attempt) => {
      attempts.push(attempt);
      await victim.query('BEGIN');
      try {
        // The victim detects the deadlock first (shorter timeout), so Postgres rolls it back.
        await victim.query("SET LOCAL deadlock_timeout = '100ms'");
        await victim.query('UPDATE deadlock_rows SET hits = hits + 1 WHERE id = 2');
        if (attempt === 1) signalVictimLocked();
        await new Promise((resolve) => setTimeout(resolve, attempt === 1 ? 200 : 0));
        await victim.query('UPDATE deadlock_rows SET hits = hits + 1 WHERE id = 1');
        await victim.query('COMMIT');
      } catch (error) {
        await victim.query('ROLLBACK');
        throw error;
      }
    });

    await other.query('BEGIN');
    await other.query("SET LOCAL deadlock_timeout = '10s'");
    await other.query('UPDATE deadlock_rows SET hits = hits + 10 WHERE id = 1');
    await victimLocked;
    // Waits for row 2 until Postgres rolls the victim back.
    await other.query('UPDATE deadlock_rows SET hits = hits + 10 WHERE id = 2');
    await other.query('COMMIT');
    await retried;

    expect(attempts).toEqual([1, 2]);
    // The first attempt left nothing behind; the second and the other session both counted once.
    expect((await setup.query('SELECT id, hits FROM deadlock_rows ORDER BY id')).rows).toEqual([
      { id: 1, hits: 11 },
      { id: 2, hits: 11 },
    ]);
  } finally {
    for (const client of [setup, victim, other]) await client.end();
  }
});

test('other errors are not retried', async () => {
  let attempts = 0;
  await expect(
    retryOnDeadlock(async () => {
      attempts += 1;
      throw Object.assign(new Error('unique violation'), { code: '23505' });
    }),
  ).rejects.toThrow('unique violation');
  expect(attempts).toBe(1);
});
