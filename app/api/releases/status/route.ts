import { json } from '@/lib/http/respond';
import { queryRoute } from '@/lib/http/route';
import { adoptRelease } from '@/lib/install/release-actions';
import { statusQuerySchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The live state of a release found in the cluster (e.g. after a wizard restart): joins the job
 * running for it or starts a watch-only one; stream it from /api/install/{jobId}/events.
 */
export const GET = queryRoute({
  schema: statusQuerySchema,
  run: adoptRelease,
  respond: ({ job, joined }) =>
    json({ jobId: job.id, joined, kind: job.kind, outcome: job.outcome }),
});
