// The install routes' handlers called directly (no cluster): input parsing, origin checks, no-store,
// and the SSE events route replaying after Last-Event-ID and following a live job to its end.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { POST as install } from '@/app/api/install/route';
import { GET as jobs } from '@/app/api/install/jobs/route';
import { GET as events } from '@/app/api/install/[jobId]/events/route';
import { POST as cancel } from '@/app/api/install/[jobId]/cancel/route';
import { POST as uninstall } from '@/app/api/releases/uninstall/route';
import { POST as rollback } from '@/app/api/releases/rollback/route';
import * as statusRoute from '@/app/api/releases/status/route';
import { startJob } from '@/lib/install/registry';
import type { FeedEvent, NamespaceFeed } from '@/lib/install/feed';

const ORIGIN = 'http://127.0.0.1:3420';
const status = statusRoute.POST;
const post = (
  url: string,
  body: unknown,
  headers: Record<string, string> = { origin: ORIGIN, host: '127.0.0.1:3420' },
) =>
  new Request(`${ORIGIN}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST routes refuse bad input with 4xx and field problems', () => {
  it.each([
    [
      'cross-origin install',
      () =>
        install(
          post(
            '/api/install',
            { answers: {} },
            { origin: 'http://evil.example', host: '127.0.0.1:3420' },
          ),
        ),
      403,
      { error: 'Cross-origin request refused.' },
    ],
    [
      'not JSON',
      () => install(post('/api/install', '{')),
      400,
      { error: 'The request body is not valid JSON.' },
    ],
    [
      'unknown key',
      () => install(post('/api/install', { answers: {}, extra: 1 })),
      422,
      { issues: [{ path: [], message: 'Unrecognized key: "extra"' }] },
    ],
    [
      'uninstall without confirmation',
      () => uninstall(post('/api/releases/uninstall', { release: 'lr' })),
      422,
      { issues: [{ path: ['confirm'], message: 'Confirm the uninstall (confirm: true).' }] },
    ],
    [
      'rollback to revision 0',
      () => rollback(post('/api/releases/rollback', { release: 'lr', revision: 0 })),
      422,
      { issues: [{ path: ['revision'], message: 'Too small: expected number to be >=1' }] },
    ],
    [
      'too large a body',
      () => install(post('/api/install', { answers: { x: 'a'.repeat(2 * 1024 * 1024) } })),
      413,
      { error: 'The request is larger than 2 MiB, the most an install can take.' },
    ],
  ])('%s', async (_n, call, code, body) => {
    const r = await call();
    expect(r.status).toBe(code);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await r.json()).toEqual(body);
  });

  it("names a hostile release, an option-looking chart and the answers' problems at once", async () => {
    const r = await install(
      post('/api/install', {
        answers: { general: { name: 'acme', endpoint: '' } },
        release: '; rm -rf /',
        namespace: 'ok',
        chart: { source: 'dir', ref: '--post-renderer=/bin/sh' },
      }),
    );
    expect(r.status).toBe(422);
    const { issues } = await r.json();
    expect(issues.slice(0, 3)).toEqual([
      {
        path: ['release'],
        message:
          'Use lower-case letters, digits and "-" (dots between parts), starting and ending with a letter or digit.',
      },
      { path: ['chart', 'ref'], message: 'A chart reference may not start with "-".' },
      {
        path: ['answers', 'general', 'endpoint'],
        message: 'Required: enter the host name users will open, e.g. lightrun.your-company.com.',
      },
    ]);
    expect(issues.slice(3).every((i: { path: string[] }) => i.path[0] === 'answers')).toBe(true);
  });

  it('chart.ref: a missing path and one that exists but is no chart get one answer (no existence oracle)', async () => {
    const chartRef = async (source: 'dir' | 'tgz', ref: string) => {
      const r = await install(post('/api/install', { answers: {}, chart: { source, ref } }));
      expect(r.status).toBe(422);
      const { issues } = await r.json();
      const own = issues.filter((i: { path: string[] }) => i.path.join('.') === 'chart.ref');
      return own.map((i: { message: string }) => i.message.replace(ref, 'REF'));
    };
    const d = mkdtempSync(path.join(tmpdir(), 'lw-chart-ref-'));
    try {
      writeFileSync(path.join(d, 'a-file'), 'x');
      mkdirSync(path.join(d, 'a-dir.tgz'));
      writeFileSync(path.join(d, 'lr.tgz'), 'not checked here: helm reads it');
      const dir = [
        "REF is not a chart directory on the wizard's server (a directory with Chart.yaml).",
      ];
      // missing; a directory without Chart.yaml; a file
      for (const ref of [path.join(d, 'missing'), d, path.join(d, 'a-file')])
        expect(await chartRef('dir', ref)).toEqual(dir);
      const tgz = ["REF is not a packaged chart on the wizard's server (a .tgz file)."];
      for (const ref of [path.join(d, 'gone.tgz'), path.join(d, 'a-dir.tgz')])
        expect(await chartRef('tgz', ref)).toEqual(tgz);
      // what the admin gives is accepted: no chart.ref issue (the empty answers fail alone)
      expect(await chartRef('dir', path.resolve(__dirname, '../../chart'))).toEqual([]);
      expect(await chartRef('tgz', path.join(d, 'lr.tgz'))).toEqual([]);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it("status is a POST from the wizard's own origin (a GET, an <img> on any page, starts nothing)", async () => {
    expect('GET' in statusRoute).toBe(false);
    const cross = await status(
      post(
        '/api/releases/status',
        { release: 'lr' },
        { origin: 'http://evil.example', host: '127.0.0.1:3420' },
      ),
    );
    expect(cross.status).toBe(403);
  });

  it('status refuses a bad namespace', async () => {
    const r = await status(post('/api/releases/status', { namespace: 'Bad_NS', release: 'lr' }));
    expect([r.status, await r.json()]).toEqual([
      422,
      {
        issues: [
          {
            path: ['namespace'],
            message:
              'Use lower-case letters, digits and "-", starting and ending with a letter or digit.',
          },
        ],
      },
    ]);
  });
});

async function readAll(r: Response): Promise<string> {
  const reader = r.body!.getReader();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += new TextDecoder().decode(value);
  }
}

describe('GET /api/install/{jobId}/events', () => {
  it('replays after Last-Event-ID, follows the live job to its end, and lists the job without secrets', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { job } = startJob(
      { kind: 'install', context: null, namespace: 'route-test', release: 'lr' },
      async ({ log }) => {
        log.append({ type: 'step', step: 'namespace', state: 'running', message: 'a' });
        log.append({ type: 'step', step: 'namespace', state: 'done', message: 'b' });
        await gate;
        log.append({ type: 'done', outcome: 'succeeded', summary: ['ok'] });
        return 'succeeded';
      },
    );
    const res = await events(
      new Request(`${ORIGIN}/api/install/${job.id}/events`, { headers: { 'last-event-id': '1' } }),
      { params: Promise.resolve({ jobId: job.id }) },
    );
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    const text = readAll(res);
    release();
    const body = await text;
    const ids = [...body.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual([2, 3]);
    expect(body).toMatch(/^retry: \d+$/m);
    expect(body).toContain('event: install');
    const listed = (await (await jobs()).json()).jobs.find((j: { id: string }) => j.id === job.id);
    expect(listed).toEqual({
      id: job.id,
      kind: 'install',
      context: null,
      namespace: 'route-test',
      release: 'lr',
      startedAt: job.startedAt,
      outcome: 'succeeded',
      lastEventId: 3,
    });
    const c = await cancel(post(`/api/install/${job.id}/cancel`, {}), {
      params: Promise.resolve({ jobId: job.id }),
    });
    expect([c.status, await c.json()]).toEqual([
      409,
      { error: 'The job has already ended.', outcome: 'succeeded' },
    ]);
  });

  it('after done, a job with a namespace keeps streaming what the namespace does next, until the browser goes', async () => {
    const pushes = new Set<(e: FeedEvent) => void>();
    const feed: NamespaceFeed = (on) => {
      pushes.add(on);
      return () => pushes.delete(on);
    };
    const { job } = startJob(
      { kind: 'install', context: null, namespace: 'route-live', release: 'lightrun', live: feed },
      async ({ log }) => {
        log.append({ type: 'done', outcome: 'failed', summary: ['x'] });
        return 'failed';
      },
    );
    await job.done;
    const ac = new AbortController();
    const res = await events(
      new Request(`${ORIGIN}/api/install/${job.id}/events`, { signal: ac.signal }),
      { params: Promise.resolve({ jobId: job.id }) },
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    const until = async (re: RegExp) => {
      while (!re.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await until(/^id: 1$/m);
    expect(pushes.size).toBe(1); // the tail subscribed while the stream is open
    const warning = {
      metadata: { name: 'e1', uid: 'e1' },
      type: 'Warning',
      reason: 'Failed',
      message: 'Back-off pulling image',
      count: 1,
      involvedObject: { kind: 'Pod', name: 'lightrun-backend-1' },
      lastTimestamp: '2026-12-01T20:00:05Z',
    };
    for (const p of pushes) p({ kind: 'Event', type: 'ADDED', object: warning as never });
    await until(/^id: 2$/m);
    expect(text).toContain('Back-off pulling image');
    ac.abort();
    await reader.cancel().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 10));
    expect(pushes.size).toBe(0); // the last dashboard left: the tail stopped
  });

  it('an ended job without a namespace to follow (an uninstall) answers 204 once everything is read: EventSource stops', async () => {
    const { job } = startJob(
      { kind: 'uninstall', context: null, namespace: 'route-204', release: 'lr' },
      async ({ log }) => {
        log.append({ type: 'done', outcome: 'succeeded', summary: ['gone'] });
        return 'succeeded';
      },
    );
    await job.done;
    const replay = await events(new Request(`${ORIGIN}/x`), {
      params: Promise.resolve({ jobId: job.id }),
    });
    expect(replay.status).toBe(200);
    expect(await readAll(replay)).toMatch(/^id: 1$/m);
    const after = await events(new Request(`${ORIGIN}/x`, { headers: { 'last-event-id': '1' } }), {
      params: Promise.resolve({ jobId: job.id }),
    });
    expect(after.status).toBe(204);
  });

  it('answers 422 for a malformed id and 404 for an unknown one', async () => {
    const bad = await events(new Request(`${ORIGIN}/x`), {
      params: Promise.resolve({ jobId: '../../etc' }),
    });
    expect(bad.status).toBe(422);
    const unknown = await events(new Request(`${ORIGIN}/x`), {
      params: Promise.resolve({ jobId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(unknown.status).toBe(404);
  });
});
