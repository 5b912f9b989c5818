import { BODY_LIMITS } from '@/lib/http/body-limits';
import { json } from '@/lib/http/respond';
import { jsonRoute } from '@/lib/http/route';
import { uninstallRelease } from '@/lib/install/release-actions';
import { uninstallRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Uninstalls the release (after the dashboard's confirmation) as a job whose events stream. */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/releases/uninstall'],
  schema: uninstallRequestSchema,
  run: uninstallRelease,
  respond: ({ job }) => json({ jobId: job.id }, 202),
});
