import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { AppSecretRepository } from '../db/app-secret.repository';

const randomSecret = () => crypto.randomBytes(32).toString('hex');

/**
 * The secret that signs session cookies: SESSION_SECRET when set. Otherwise one is made once and
 * kept where every process that shares the sessions can read it: in the database when sessions are
 * shared (Redis or Postgres: replicas), in DATA_DIR for the embedded default. Both survive restarts.
 */
export async function sessionSecretFor(config: AppConfig, dataSource: DataSource): Promise<string> {
  if (config.sessionSecret) return config.sessionSecret;
  if (config.redis || config.database.kind === 'postgres') {
    return new AppSecretRepository(dataSource).readOrCreate('session-secret', randomSecret);
  }
  return persistedSecret(config.dataDir);
}

function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomSecret(), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}
