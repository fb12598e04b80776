import { create as contentDisposition } from 'content-disposition';
import { stringify } from 'csv-stringify/sync';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { ownerScope } from '../../db/owner-scope';
import { AppError, isUnavailableDependency, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../lib/errors';
import { csvCellsOf, EXPORT_COLUMNS, type ExportRow } from '../../modules/exports/export-rows';
import type { ExportService } from '../../modules/exports/export.service';
import type { TransactionFilterData } from '../../modules/transactions/transaction.model';
import { currentUserId } from '../../sessions/current-user';
import { parseId } from '../graphql/ids';

type Format = 'csv' | 'json';

/**
 * GET /export/transactions.csv and .json: the signed-in owner's transactions, filtered by query
 * parameters named as the fields of the `transactions` query's TransactionFilter, streamed a page
 * at a time with backpressure (constant memory for any number of rows); a client that goes away
 * stops the reads. 401 signed out, 400 { error: 'BAD_USER_INPUT', message } for a bad parameter.
 */
export function transactionExportRoutes(exports: ExportService, logger: Logger): Router {
  const router = Router();
  for (const format of ['csv', 'json'] as const) {
    router.get(`/export/transactions.${format}`, (req, res) => exportTransactions(exports, format, req, res, logger));
  }
  return router;
}

async function exportTransactions(exports: ExportService, format: Format, req: Request, res: Response, logger: Logger): Promise<void> {
  const userId = currentUserId(req);
  if (userId === null) {
    res.status(401).json({ error: 'UNAUTHENTICATED' });
    return;
  }
  try {
    const pages = await exports.transactionPages(ownerScope(userId), filterOf(req.query));
    const today = new Date().toISOString().slice(0, 10);
    res.set({
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': contentDisposition(`transactions-${today}.${format}`),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    const output = new ResponseWriter(res);
    await output.write(format === 'csv' ? stringify([EXPORT_COLUMNS]) : '[');
    // JSON: an array, one element a line; every element after the first starts with its comma.
    let separator = '\n';
    for await (const page of pages) {
      if (output.gone) break;
      let text = '';
      if (format === 'csv') text = stringify(page.map(csvCellsOf));
      else {
        for (const row of page) {
          text += `${separator}${JSON.stringify(jsonOf(row))}`;
          separator = ',\n';
        }
      }
      await output.write(text);
    }
    if (output.gone) return;
    if (format === 'json') await output.write('\n]\n');
    res.end();
  } catch (error) {
    if (error instanceof ClientGone) return;
    if (error instanceof AppError && error.code === 'BAD_USER_INPUT') {
      res.status(400).json({ error: 'BAD_USER_INPUT', message: error.message });
      return;
    }
    const unavailable = isUnavailableDependency(error);
    (req.log ?? logger).error({ err: error }, 'transaction export failed');
    if (!res.headersSent && unavailable) res.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    if (!res.headersSent) res.status(unavailable ? 503 : 500).json({ error: unavailable ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR' });
    // Cut short, so that the client sees a broken download rather than a file that looks whole.
    else res.destroy();
  }
}

function jsonOf(row: ExportRow) {
  return { ...row, id: String(row.id), parentId: row.parentId === null ? null : String(row.parentId) };
}

class ClientGone extends Error {}

/** Writes to the response, waiting for 'drain' when its buffer is full; `gone` once the client left. */
class ResponseWriter {
  gone = false;

  constructor(private readonly res: Response) {
    res.once('close', () => {
      this.gone = !res.writableFinished;
    });
  }

  write(chunk: string): Promise<void> {
    if (this.gone || this.res.destroyed) throw new ClientGone();
    if (this.res.write(chunk)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const drained = () => {
        this.res.off('close', closed);
        resolve();
      };
      const closed = () => {
        this.res.off('drain', drained);
        reject(new ClientGone());
      };
      this.res.once('drain', drained);
      this.res.once('close', closed);
    });
  }
}

const KINDS = ['TRANSFER', 'INCOME', 'EXPENSE'] as const;
const TEXT_PARAMETERS = ['from', 'to', 'search', 'minAmount', 'maxAmount'] as const;
const ID_PARAMETERS = ['accountId', 'categoryId'] as const;
const BOOLEAN_PARAMETERS = ['uncategorized', 'excludeTransfers'] as const;
const KNOWN = new Set<string>([...TEXT_PARAMETERS, ...ID_PARAMETERS, ...BOOLEAN_PARAMETERS, 'kind']);

/**
 * The query parameters as the filter of the `transactions` query (ids in the GraphQL ID encoding);
 * an empty parameter is left out. Dates and amounts are checked by the service, as for the query.
 */
function filterOf(query: Request['query']): TransactionFilterData {
  const bad = (message: string) => new AppError('BAD_USER_INPUT', message);
  const filter: TransactionFilterData = {};
  for (const [name, value] of Object.entries(query)) {
    if (!KNOWN.has(name)) throw bad(`"${name}" is not a filter: use ${[...KNOWN].join(', ')}.`);
    if (typeof value !== 'string') throw bad(`Give "${name}" once.`);
    if (value === '') continue;
    if ((ID_PARAMETERS as readonly string[]).includes(name)) {
      const id = parseId(value);
      if (id === null) throw bad(`"${value}" is not an id (${name}).`);
      filter[name as (typeof ID_PARAMETERS)[number]] = id;
    } else if ((BOOLEAN_PARAMETERS as readonly string[]).includes(name)) {
      if (value !== 'true' && value !== 'false') throw bad(`${name} is true or false, not "${value}".`);
      filter[name as (typeof BOOLEAN_PARAMETERS)[number]] = value === 'true';
    } else if (name === 'kind') {
      const kind = KINDS.find((candidate) => candidate === value.toUpperCase());
      if (!kind) throw bad(`kind is one of ${KINDS.join(', ')}, not "${value}".`);
      filter.kind = kind;
    } else {
      filter[name as (typeof TEXT_PARAMETERS)[number]] = value;
    }
  }
  return filter;
}
