import { isSameOrigin } from '@/lib/http/same-origin';
import { json } from '@/lib/install/http';
import { cancelJob, getJob } from '@/lib/install/registry';
import { jobIdSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Cancels a running job: helm gets SIGTERM (never SIGKILL), the watch stops. */
export async function POST(req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  if (!isSameOrigin(req)) return json({ error: 'Cross-origin request refused.' }, 403);
  const id = jobIdSchema.safeParse((await ctx.params).jobId);
  if (!id.success)
    return json({ issues: [{ path: ['jobId'], message: id.error.issues[0]?.message }] }, 422);
  const job = getJob(id.data);
  if (!job) return json({ error: 'No such job on this server.' }, 404);
  if (!cancelJob(id.data))
    return json({ error: 'The job has already ended.', outcome: job.outcome }, 409);
  return json({ cancelling: true }, 202);
}
