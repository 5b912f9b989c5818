import { BODY_LIMITS } from '@/lib/http/body-limits';
import { json } from '@/lib/http/respond';
import { jsonRoute } from '@/lib/http/route';
import { adoptRelease } from '@/lib/install/release-actions';
import { statusRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The live state of a release found in the cluster (e.g. after a wizard restart): joins the job
 * running for it or starts a watch-only one; stream it from /api/install/{jobId}/events. A POST
 * from the wizard's own origin: starting a job is a change, and a GET is reachable as an <img>.
 */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/releases/status'],
  schema: statusRequestSchema,
  run: adoptRelease,
  respond: ({ job, joined }) =>
    json({ jobId: job.id, joined, kind: job.kind, outcome: job.outcome }),
});
