import { startBuiltServer, type BuiltServer } from '../../../test-kit/server.cjs';

export type ServerProcess = BuiltServer;

/**
 * Starts the built server (`npm run build -w server` first; `npm test` does) as its own process,
 * the way a container runs it (with its Node flags when given), on a port of the kernel's choice, and waits until it listens.
 */
export function startServerProcess(environment: Record<string, string>, nodeArgs: string[] = []): Promise<ServerProcess> {
  return startBuiltServer({ env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1', PASSWORD_HASH_COST: 'minimum', ...environment }, port: 0, nodeArgs });
}
