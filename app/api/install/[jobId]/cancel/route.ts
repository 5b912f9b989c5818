import { crossOrigin, invalid, json, problem } from '@/lib/http/respond';
import { isSameOrigin } from '@/lib/http/same-origin';
import { cancelJob, getJob } from '@/lib/install/registry';
import { jobIdSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Cancels a running job: helm gets SIGTERM (never SIGKILL), the watch stops. The body is not read. */
export async function POST(req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  if (!isSameOrigin(req)) return crossOrigin();
  const id = jobIdSchema.safeParse((await ctx.params).jobId);
  if (!id.success) return invalid([{ path: ['jobId'], message: id.error.issues[0]!.message }]);
  const job = getJob(id.data);
  if (!job) return problem('not_found', 'No such job on this server.');
  if (!cancelJob(id.data))
    return problem('conflict', { error: 'The job has already ended.', outcome: job.outcome });
  return json({ cancelling: true }, 202);
}
