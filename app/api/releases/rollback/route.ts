import { BODY_LIMITS } from '@/lib/http/body-limits';
import { json } from '@/lib/http/respond';
import { jsonRoute } from '@/lib/http/route';
import { rollbackRelease } from '@/lib/install/release-actions';
import { rollbackRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Rolls back (to `revision`, else the previous deployed one) as a job whose events stream. */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/releases/rollback'],
  schema: rollbackRequestSchema,
  run: rollbackRelease,
  respond: ({ job }) => json({ jobId: job.id }, 202),
});
