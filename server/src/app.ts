import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config';
import { createCore } from './core';
import { CompiledQueryExecutor } from './api/graphql/compiled-executor';
import { createContext, type RequestContext } from './api/graphql/context';
import { graphqlArmor } from './api/graphql/armor';
import { createErrorFormatter, persistedQueryMissesAreBadRequests } from './api/graphql/errors';
import { observabilityPlugin } from './api/graphql/observability-plugin';
import { buildAppSchema } from './api/graphql/schema';
import { multipartRequests, uploadErrorsAsUserErrors } from './api/graphql/uploads';
import { workLimit } from './api/graphql/work-limit';
import { dependencyErrorHandler } from './api/http/dependency-errors';
import { closeConnectionsWhileStopping, ShutdownState } from './api/http/graceful-shutdown';
import { healthRoutes } from './api/http/health';
import { jsonBody } from './api/http/json-body';
import { corsPolicy, securityHeaders } from './api/http/security-headers';
import { AppMetrics, markRoute } from './api/http/metrics';
import { requestLogging } from './api/http/request-logging';
import { receiptDownloadRoutes } from './api/http/receipt-download';
import { backupDownloadRoutes } from './api/http/backup-download';
import { RESTORE_MAX_BYTES } from './modules/backups/restore.service';
import { transactionExportRoutes } from './api/http/transaction-export';
import { createLogger } from './logger';
import type { Services } from './services';
import { sessionGuard } from './sessions/session-guard';
import type { ReceiptStorage } from './storage/receipt-storage';
import type { SnapshotScheduler } from './snapshots/snapshot-scheduler';
import { startInstanceJobs } from './instance-jobs';

export interface App {
  express: Express;
  dataSource: DataSource;
  storage: ReceiptStorage;
  services: Services;
  logger: Logger;
  /** Set on SIGTERM (see http/graceful-shutdown): /readyz answers 503 and connections close after each response. */
  shutdown: ShutdownState;
  /** Served on the main port unless config.metricsPort is set (see http/metrics-server.ts). */
  metrics: AppMetrics;
  /**
   * Daily snapshots into DATA_DIR/backups; null when off (SNAPSHOTS=off, or Postgres/S3: the CronJob's
   * job), and in a cluster's worker (the primary takes them: instance-jobs.ts).
   */
  snapshots: SnapshotScheduler | null;
  /** Stops Apollo, closes the session store and the database. The HTTP server is the caller's. */
  close(): Promise<void>;
}

/**
 * Builds the core (database migrated, storage, sessions, services: core.ts) and the HTTP around
 * it (GraphQL, routes), and returns it without listening, so tests can start it on port 0 in-process.
 */
export async function createApp(config: AppConfig, logger: Logger = createLogger(config), { instanceJobs = true } = {}): Promise<App> {
  const core = await createCore(config, logger);
  const { dataSource, storage, redis, sessions, services } = core;

  const metrics = new AppMetrics(dataSource);
  const armor = graphqlArmor();
  const apollo = new ApolloServer<RequestContext>({
    gateway: new CompiledQueryExecutor(await buildAppSchema(services), (executor) => metrics.graphqlExecutions.inc({ executor })),
    formatError: createErrorFormatter(metrics, { hideSuggestions: !config.graphqlIntrospection }),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    introspection: config.graphqlIntrospection,
    allowBatchedHttpRequests: false,
    // main.ts drains on SIGTERM itself; Apollo's own handler would stop GraphQL while requests still arrive.
    stopOnTerminationSignals: false,
    validationRules: armor.validationRules,
    parseOptions: armor.parseOptions,
    plugins: [
      ...armor.plugins,
      workLimit(),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching of GraphQL answers here (they are private); the plugin would also wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      observabilityPlugin(metrics),
      persistedQueryMissesAreBadRequests(),
    ],
  });
  await apollo.start();

  const shutdown = new ShutdownState();
  const app = express();
  app.disable('x-powered-by');
  app.use(closeConnectionsWhileStopping(shutdown));
  // Bodies sent with res.send (GraphQL answers: POSTs, private, never revalidated) get no ETag:
  // hashing each one was wasted work. A function, not `false`, so that the web client's files,
  // served by sendFile and express.static, keep their validators.
  app.set('etag', () => undefined);
  app.use(securityHeaders({ hstsMaxAgeSeconds: config.hstsMaxAgeSeconds }));
  const cors = corsPolicy(config.corsOrigins);
  if (cors) app.use(cors);
  // Only the proxies named by TRUST_PROXY may set the client's address (X-Forwarded-For).
  app.set('trust proxy', config.trustProxy);
  app.use(healthRoutes({ dataSource, storage, redis, registry: metrics.registry, isStopping: () => shutdown.stopping }));
  if (config.metricsPort === undefined) app.use(metrics.routes());
  // Served on METRICS_PORT instead: here a plain 404, never the web client's index.html.
  else app.get('/metrics', (_req, res) => void res.status(404).json({ error: 'NOT_FOUND' }));
  app.use(requestLogging(logger));
  app.use(metrics.middleware());
  app.use(sessions.middleware);
  app.use(sessionGuard((userId) => services.users.sessionVersionOf(userId), config.sessionAbsoluteMs));
  app.use(receiptDownloadRoutes(services.receipts, logger));
  app.use(backupDownloadRoutes(services.backups, logger));
  app.use(transactionExportRoutes(services.exports, logger));
  app.use(
    '/graphql',
    // The multipart limit stops the stream one byte past the limit; the service enforces the exact limit.
    multipartRequests({ maxFileSize: Math.max(config.receiptMaxBytes, config.importMaxBytes, RESTORE_MAX_BYTES) + 1, maxFiles: 1 }),
    uploadErrorsAsUserErrors,
    jsonBody('1mb'),
    expressMiddleware(apollo, { context: async ({ req, res }) => createContext(services, req, res) }),
  );
  serveWebClient(app, config.webDistDir, config.graphqlIntrospection);
  app.use(dependencyErrorHandler(logger));

  // A cluster's workers leave the instance lock, snapshots and orphan sweep to the primary (cluster/).
  const jobs = instanceJobs ? startInstanceJobs(config, dataSource, services, logger) : null;

  return {
    express: app,
    dataSource,
    storage,
    services,
    logger,
    shutdown,
    metrics,
    snapshots: jobs?.snapshots ?? null,
    close: async () => {
      await jobs?.stop();
      await apollo.stop();
      await core.close();
      jobs?.release();
    },
  };
}

/**
 * The built Svelte client, when there is one, with index.html for every client-side route. The
 * playground page goes with introspection: off by default in production.
 *
 * The build leaves a brotli (.br) and a gzip (.gz) copy beside each text file (web/vite.config.ts);
 * express-static-gzip sends the one Accept-Encoding allows, brotli first, with Vary: Accept-Encoding
 * and the original's Content-Type. Files under /assets/ have content hashes in their names, so they
 * never change: cached for a year. index.html and the other unhashed files are revalidated on each
 * use (no-cache), with their ETag and Last-Modified, so an unchanged one costs a 304.
 */
function serveWebClient(app: Express, distDir: string, withPlayground: boolean): void {
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) return;
  if (!withPlayground) {
    // Its compressed copies too, which a request could name directly.
    app.get(['/playground.html', '/playground.html.br', '/playground.html.gz'], (_req, res) => {
      res.status(404).json({ error: 'NOT_FOUND' });
    });
  }
  const hashedDir = path.join(distDir, 'assets') + path.sep;
  const files = expressStaticGzip(distDir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      cacheControl: false,
      // serve-static types the response as Node's; it is Express's (express.static's own types say so).
      setHeaders: (res, file) => {
        markRoute(res as Response, 'static');
        res.setHeader('Cache-Control', file.startsWith(hashedDir) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    },
  });
  app.use(files);
  // '{*splat}' also matches '/' itself (Express 5 path syntax). A missing file under /assets/ asked
  // for as HTML gets index.html too, as any unknown path does; asked for as a script or JSON, a 404.
  app.get('/{*splat}', (req, res, next) => {
    if (!req.accepts('html')) return next();
    req.url = '/index.html';
    files(req, res, next);
  });
}
