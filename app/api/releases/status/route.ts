import { errorResponse, json } from '@/lib/install/http';
import { adoptRelease } from '@/lib/install/release-actions';
import { statusQuerySchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The live state of a release found in the cluster (e.g. after a wizard restart): joins the job
 * running for it or starts a watch-only one; stream it from /api/install/{jobId}/events.
 */
export async function GET(req: Request) {
  const q = new URL(req.url).searchParams;
  const parsed = statusQuerySchema.safeParse({
    ...(q.get('context') ? { context: q.get('context') } : {}),
    ...(q.get('namespace') ? { namespace: q.get('namespace') } : {}),
    ...(q.get('release') ? { release: q.get('release') } : {}),
  });
  if (!parsed.success)
    return json(
      { issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) },
      422,
    );
  try {
    const { job, joined } = await adoptRelease(parsed.data);
    return json({ jobId: job.id, joined, kind: job.kind, outcome: job.outcome });
  } catch (e) {
    return errorResponse(e);
  }
}
