import { Readable } from 'node:stream';
import { BODY_LIMITS } from '@/lib/http/body-limits';
import { streamDownload } from '@/lib/http/respond';
import { jsonRoute } from '@/lib/http/route';
import { BackupError, databaseBackupOfRelease } from '@/lib/install/backup/service';
import { databaseBackupRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The release's in-chart MySQL as a gzip dump, streamed from the pod's mysqldump (through the
 * API's exec) straight to the browser's download: written nowhere on the server, kept nowhere.
 * A dump that fails at once is a 409 with mysqldump's message; one that fails later cuts the
 * answer (no gzip trailer), so the page never takes it for a backup. The page checks what it got.
 */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/releases/database-backup'],
  schema: databaseBackupRequestSchema,
  run: (t) => databaseBackupOfRelease(t),
  respond: (d, req) => {
    req.signal.addEventListener('abort', () => d.body.destroy(), { once: true });
    // the page only sees the answer break off: the why goes to the log (mysqldump's words, which
    // never hold the password; anything else by its name only)
    d.done.catch((e: unknown) =>
      console.error(
        `The database backup of ${d.pod} broke off:`,
        e instanceof BackupError ? e.message : e instanceof Error ? e.name : typeof e,
      ),
    );
    // recorded for the upgrade's backup gate once complete; a failure to record leaves the
    // download as it is (the upgrade then asks for the typed confirmation or another backup)
    d.recorded.catch((e: unknown) =>
      console.error(
        `The database backup of ${d.pod} was not recorded for the upgrade:`,
        e instanceof Error ? e.name : typeof e,
      ),
    );
    return streamDownload(
      Readable.toWeb(d.body) as ReadableStream<Uint8Array>,
      d.file,
      'application/gzip',
      {
        'X-Backup-Pod': d.pod,
        ...(d.database ? { 'X-Backup-Database': encodeURIComponent(d.database) } : {}),
      },
    );
  },
});
