import { invalid, noContent, problem } from '@/lib/http/respond';
import { getJob, watchLive } from '@/lib/install/registry';
import { shutdownSignal } from '@/lib/shutdown';
import { encodeSseBytes, SSE_HEADERS, sharedEncoder, toSseStream } from '@/lib/sse';
import type { InstallEvent } from '@/lib/status/events';
import { jobIdSchema, lastEventIdSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Each event of a job log is encoded once for every dashboard that follows the job. */
const wire = sharedEncoder((e: InstallEvent) => ({
  id: e.id,
  event: 'install',
  data: JSON.stringify(e),
}));

/** The last message of every stream when the server stops (the page says so, and keeps retrying). */
const STOPPING = encodeSseBytes({ event: 'server-stopping', data: '{}' });

/**
 * The job's events as SSE: replayed after `Last-Event-ID` (header, or `?lastEventId=` for a first
 * connection that resumes), then live until the browser goes — after the job's `done`, the events
 * of its live tail (what the namespace does next) follow on the same ids.
 */
export async function GET(req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  const id = jobIdSchema.safeParse((await ctx.params).jobId);
  if (!id.success) return invalid([{ path: ['jobId'], message: id.error.issues[0]!.message }]);
  const job = getJob(id.data);
  if (!job)
    return problem(
      'not_found',
      'No such job on this server (it may have been restarted: open the release status instead).',
    );
  const after = lastEventIdSchema.parse(
    req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('lastEventId') ?? 0,
  );
  // The dashboard keeps showing the cluster after the job ends: the job's live tail logs on while
  // this stream is open (an uninstall job has none: its stream ends with the job).
  const live = job.live !== undefined;
  // Nothing more will come (an ended job without a tail, all read): 204 tells EventSource not to reconnect.
  if (!live && job.log.isClosed && after >= job.log.lastId) return noContent();
  const leave = watchLive(job);
  req.signal.addEventListener('abort', leave, { once: true });
  // The server stopping ends the stream too (it would hold the server's close forever), once the
  // job has logged how it ended (it is told at the same moment) or after a few seconds.
  const shutdown = shutdownSignal();
  const stop = new AbortController();
  const until = AbortSignal.any([req.signal, stop.signal]);
  const onShutdown = () =>
    void Promise.race([job.done, new Promise((r) => setTimeout(r, 4_000))]).then(() =>
      setTimeout(() => stop.abort(), 100),
    );
  if (shutdown.aborted) onShutdown();
  else shutdown.addEventListener('abort', onShutdown, { once: true });
  req.signal.addEventListener('abort', () => shutdown.removeEventListener('abort', onShutdown), {
    once: true,
  });
  async function* messages(): AsyncGenerator<Uint8Array> {
    try {
      for await (const e of job!.log.follow(after, until, { live })) yield wire(e);
      if (shutdown.aborted) yield STOPPING;
    } finally {
      leave();
    }
  }
  return new Response(toSseStream(messages(), { signal: req.signal }), { headers: SSE_HEADERS });
}
