import type { NextFunction, Request, Response } from 'express';
import { Router } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { statementCounterOf } from '../../db/statement-counter';

/** Names the route of a request that no Express route answers (the web client's files), for the metrics. */
export function markRoute(res: Response, route: 'static'): void {
  res.locals.metricsRoute = route;
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Prometheus metrics of one process; each app gets its own registry (tests start several). */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operations by operation name and type',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors answered to clients, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly graphqlExecutions = new Counter({
    name: 'graphql_executions_total',
    help: 'GraphQL operations executed, by executor: compiled (graphql-jit) or graphql-js',
    labelNames: ['executor'] as const,
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const statements = statementCounterOf(dataSource);
    new Counter({
      name: 'db_statements_total',
      help: 'SQL statements sent to the database',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(statements.count);
      },
    });
    const pool = () => (dataSource.driver as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state (Postgres only)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const master = pool();
        if (!master || typeof master.totalCount !== 'number') return;
        this.set({ state: 'total' }, master.totalCount);
        this.set({ state: 'idle' }, master.idleCount);
        this.set({ state: 'waiting' }, master.waitingCount);
      },
    });
  }

  /**
   * Operation names come from clients: only the first 100 distinct names become labels, so a
   * client cannot grow the metrics without bound.
   */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= 100 || !/^[A-Za-z_]\w{0,63}$/.test(name)) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /**
   * Times every HTTP request, labelled by the route pattern or the mount point, never by the raw
   * path, so clients cannot grow the label set: the web client's files are "static" (markRoute),
   * anything else no route answered (a 404, Express's automatic OPTIONS answer) is "unmatched".
   * Unusual methods are "other" for the same reason.
   */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.httpDuration.startTimer({ method: KNOWN_METHODS.has(req.method) ? req.method : 'other' });
      res.on('finish', () => {
        // Express types req.route as any: read the one string it holds.
        const routePath = (req.route as { path?: unknown } | undefined)?.path;
        const route = typeof routePath === 'string' ? `${req.baseUrl ?? ''}${routePath}` : req.baseUrl || ((res.locals as { metricsRoute?: string }).metricsRoute ?? 'unmatched');
        end({ route, status: String(res.statusCode) });
      });
      next();
    };
  }

  routes(): Router {
    const router = Router();
    router.get('/metrics', async (_req, res) => {
      res.set('Content-Type', this.registry.contentType);
      res.send(await this.registry.metrics());
    });
    return router;
  }
}
