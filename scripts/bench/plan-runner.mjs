// Runs a captured plan (the SQL statements one API request sent, with their parameters) straight
// through the same driver the app uses: the floor server and the bare-SQL timing share it.
import Database from 'better-sqlite3';
import pg from 'pg';

/** JSON cannot carry BigInt: amounts travel as strings, which both drivers accept for bigint columns. */
export function toJson(value) {
  return JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item));
}

const TRANSACTION_CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i;

function isTransactional(plan) {
  return plan.statements.some((statement) => TRANSACTION_CONTROL.test(statement.sql));
}

/** Statements the app had in flight together (same wave) run together here too. */
function waves(plan) {
  const byWave = new Map();
  for (const statement of plan.statements) {
    if (!byWave.has(statement.wave)) byWave.set(statement.wave, []);
    byWave.get(statement.wave).push(statement);
  }
  return [...byWave.keys()].sort((a, b) => a - b).map((wave) => byWave.get(wave));
}

export async function openPlanRunner({ driver, database }) {
  if (driver === 'sqlite') {
    const db = new Database(database);
    // The app's own settings for its connection (server/src/db/data-source.ts).
    db.pragma('journal_mode = WAL');
    // As the app (server/src/db/data-source.ts): every commit waits for the disk.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const prepared = new Map();
    const prepare = (sql) => {
      let statement = prepared.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        prepared.set(sql, statement);
      }
      return statement;
    };
    return {
      async run(plan) {
        const results = [];
        for (const { sql, params } of plan.statements) {
          const statement = prepare(sql);
          if (statement.reader) results.push(statement.all(...params));
          else {
            statement.run(...params);
            results.push([]);
          }
        }
        return results;
      },
      close: async () => db.close(),
    };
  }

  // The app's pool size (server/src/db/data-source.ts).
  const pool = new pg.Pool({ connectionString: database, max: 10 });
  return {
    async run(plan) {
      const results = [];
      if (isTransactional(plan)) {
        const client = await pool.connect();
        try {
          for (const { sql, params } of plan.statements) results.push((await client.query(sql, params)).rows);
        } finally {
          client.release();
        }
        return results;
      }
      for (const wave of waves(plan)) {
        results.push(...(await Promise.all(wave.map(({ sql, params }) => pool.query(sql, params).then((result) => result.rows)))));
      }
      return results;
    },
    close: () => pool.end(),
  };
}
