import { json } from '@/lib/install/http';
import { getJob } from '@/lib/install/registry';
import { SSE_HEADERS, toSseStream, type SseMessage } from '@/lib/sse';
import { jobIdSchema, lastEventIdSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The job's events as SSE: replayed after `Last-Event-ID` (header, or `?lastEventId=` for a first
 * connection that resumes), then live until the job ends or the browser goes.
 */
export async function GET(req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  const id = jobIdSchema.safeParse((await ctx.params).jobId);
  if (!id.success) return json({ issues: [{ path: ['jobId'], message: id.error.issues[0]?.message }] }, 422);
  const job = getJob(id.data);
  if (!job) return json({ error: 'No such job on this server (it may have been restarted: open the release status instead).' }, 404);
  const after = lastEventIdSchema.parse(req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('lastEventId') ?? 0);
  async function* messages(): AsyncGenerator<SseMessage> {
    for await (const e of job!.log.follow(after, req.signal)) yield { id: e.id, event: 'install', data: JSON.stringify(e) };
  }
  return new Response(toSseStream(messages(), { signal: req.signal }), { headers: SSE_HEADERS });
}
