import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import type { Logger } from 'pino';

/** Set once the process has been asked to stop; read by /readyz and by every response. */
export class ShutdownState {
  stopping = false;
}

/**
 * While stopping, every response says `Connection: close`, so a keep-alive client finishes its
 * current request and opens its next connection elsewhere instead of writing into a socket that
 * is about to close.
 */
export function closeConnectionsWhileStopping(state: ShutdownState) {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (state.stopping) res.setHeader('Connection', 'close');
    next();
  };
}

interface Stoppable {
  shutdown: ShutdownState;
  close(): Promise<void>;
}

const FORCED_EXIT_MS = 10_000;

/**
 * Our own SIGTERM/SIGINT handling (Apollo's is turned off): /readyz answers 503 at once while
 * requests are still served for `drainMs` (after SIGTERM), so the load balancer stops sending new
 * ones; then the listener closes, requests in flight finish, idle keep-alive connections are
 * closed, the pools close, and the process exits 0. A shutdown 10 s past the drain exits 1.
 */
export function handleTerminationSignals(server: Server, app: Stoppable, logger: Logger, drainMs: number): void {
  const stop = (signal: string, delayMs: number) => {
    if (app.shutdown.stopping) return;
    app.shutdown.stopping = true;
    logger.info({ signal, drainMs: delayMs }, 'shutting down: not ready, draining');
    setTimeout(() => process.exit(1), delayMs + FORCED_EXIT_MS).unref();
    setTimeout(() => {
      logger.info('closing the listener; waiting for requests in flight');
      server.close(async () => {
        try {
          await app.close();
          process.exit(0);
        } catch (error) {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        }
      });
      // Connections between two requests are closed now, busy ones as soon as their response is out
      // (one that began before SIGTERM could not be told `Connection: close`).
      server.closeIdleConnections();
      setInterval(() => server.closeIdleConnections(), 100).unref();
    }, delayMs);
  };
  process.on('SIGTERM', () => stop('SIGTERM', drainMs));
  // Ctrl+C in a terminal: no load balancer to tell, so no drain delay.
  process.on('SIGINT', () => stop('SIGINT', 0));
}
