import { create as contentDisposition } from 'content-disposition';
import { Router } from 'express';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { ownerScope } from '../../db/owner-scope';
import { AppError, isUnavailableDependency, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../lib/errors';
import { withExtensionOf } from '../../modules/receipts/file-signature';
import type { ReceiptService } from '../../modules/receipts/receipt.service';
import { currentUserId } from '../../sessions/current-user';
import { decodeId } from '../graphql/ids';

/**
 * GET /receipts/:id streams a receipt to its owner. Anyone else, signed in or not, learns nothing:
 * 401 when signed out, 404 for an id that is not theirs.
 */
export function receiptDownloadRoutes(receipts: ReceiptService, logger: Logger): Router {
  const router = Router();
  router.get('/receipts/:id', async (req, res) => {
    const userId = currentUserId(req);
    if (userId === null) {
      res.status(401).json({ error: 'UNAUTHENTICATED' });
      return;
    }
    try {
      const { receipt, body } = await receipts.openForDownload(ownerScope(userId), decodeId(req.params.id));
      const disposition = req.query.download !== undefined ? 'attachment' : 'inline';
      res.set({
        'Content-Type': receipt.contentType,
        'Content-Length': String(receipt.size),
        // Receipts stored before names were given their type's extension get it here too.
        'Content-Disposition': contentDisposition(withExtensionOf(receipt.filename, receipt.contentType), { type: disposition }),
        'X-Content-Type-Options': 'nosniff',
        // Even a crafted file opened directly runs nothing in our origin.
        'Content-Security-Policy': "default-src 'none'; img-src 'self'; plugin-types application/pdf; sandbox",
        'Cache-Control': 'private, max-age=3600',
      });
      await pipeline(body, res);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        res.status(404).json({ error: 'NOT_FOUND' });
        return;
      }
      const unavailable = isUnavailableDependency(error);
      (req.log ?? logger).error({ err: error }, 'receipt download failed');
      if (!res.headersSent && unavailable) res.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      if (!res.headersSent) res.status(unavailable ? 503 : 500).json({ error: unavailable ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR' });
      else res.destroy();
    }
  });
  return router;
}
