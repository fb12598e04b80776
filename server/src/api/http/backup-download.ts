import { create as contentDisposition } from 'content-disposition';
import { Router } from 'express';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { ownerScope } from '../../db/owner-scope';
import { isUnavailableDependency, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../lib/errors';
import type { BackupService } from '../../modules/backups/backup.service';
import { currentUserId } from '../../sessions/current-user';

/**
 * GET /backup streams a zip of everything the signed-in user owns (docs/backup-format.md); 401
 * when signed out. There is no id to name: it only ever serves the caller's own data.
 */
export function backupDownloadRoutes(backups: BackupService, logger: Logger): Router {
  const router = Router();
  router.get('/backup', async (req, res) => {
    const userId = currentUserId(req);
    if (userId === null) {
      res.status(401).json({ error: 'UNAUTHENTICATED' });
      return;
    }
    try {
      const archive = await backups.archive(ownerScope(userId));
      res.set({
        'Content-Type': 'application/zip',
        'Content-Disposition': contentDisposition(`finance-backup-${new Date().toISOString().slice(0, 10)}.zip`),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      });
      await pipeline(archive, res);
    } catch (error) {
      const unavailable = isUnavailableDependency(error);
      (req.log ?? logger).error({ err: error }, 'backup download failed');
      if (!res.headersSent && unavailable) res.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      // Once the zip has started, a cut-off download is all a client can be told (the archive is then unreadable).
      if (!res.headersSent) res.status(unavailable ? 503 : 500).json({ error: unavailable ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR' });
      else res.destroy();
    }
  });
  return router;
}
