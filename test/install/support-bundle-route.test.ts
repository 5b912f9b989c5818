// POST /api/support-bundle called directly, without a cluster: origin, input problems, and a
// download (gzip, attachment, no-store) that carries the job's log and README.txt naming why the
// cluster was not read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as bundle } from '@/app/api/support-bundle/route';
import { startJob } from '@/lib/install/registry';

const ORIGIN = 'http://127.0.0.1:3420';
const post = (
  body: unknown,
  headers: Record<string, string> = { origin: ORIGIN, host: '127.0.0.1:3420' },
) =>
  new Request(`${ORIGIN}/api/support-bundle`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-bundle-route-'));
const saved = process.env.KUBECONFIG;
beforeAll(() => {
  process.env.KUBECONFIG = path.join(dir, 'no-kubeconfig');
});
afterAll(() => {
  if (saved === undefined) delete process.env.KUBECONFIG;
  else process.env.KUBECONFIG = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/support-bundle', () => {
  it.each([
    [
      'cross-origin',
      post({}, { origin: 'http://evil.example', host: '127.0.0.1:3420' }),
      403,
      { error: 'Cross-origin request refused.' },
    ],
    [
      'a hostile release',
      post({ release: '; rm -rf /' }),
      422,
      {
        issues: [
          {
            path: ['release'],
            message:
              'Use lower-case letters, digits and "-" (dots between parts), starting and ending with a letter or digit.',
          },
        ],
      },
    ],
    [
      'an unknown key',
      post({ jobId: 'x', secret: 1 }),
      422,
      { issues: [{ path: [], message: 'Unrecognized key: "secret"' }] },
    ],
  ])('%s → %i', async (_n, req, code, body) => {
    const r = await bundle(req);
    expect(r.status).toBe(code);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await r.json()).toEqual(body);
  });

  it('invalid answers are named field by field, never echoed', async () => {
    const r = await bundle(
      post({ answers: { general: { endpoint: 'Secret-Looking-Value-99!' } } }),
    );
    expect(r.status).toBe(422);
    const text = await r.text();
    expect(text).toContain('"answers","general","endpoint"');
    expect(text).not.toContain('Secret-Looking-Value-99');
  });

  it('a job of this server: a .tar.gz attachment with the job log, README.txt saying the cluster was not read', async () => {
    const { job } = startJob(
      { kind: 'install', context: null, namespace: 'lw-route-ns', release: 'lr' },
      async ({ log }) => {
        log.append({
          type: 'step',
          step: 'helm',
          state: 'failed',
          message: 'helm: Example failure',
        });
        log.append({
          type: 'done',
          outcome: 'failed',
          summary: ['lr-backend-1: ImagePullBackOff'],
        });
        return 'failed';
      },
    );
    await job.done;
    const r = await bundle(post({ jobId: job.id }));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/gzip');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const cd = r.headers.get('content-disposition') ?? '';
    expect(cd).toMatch(/^attachment; filename="support-bundle-lr-\d{8}T\d{6}Z\.tar\.gz"$/);
    const file = path.join(dir, 'b.tar.gz');
    writeFileSync(file, Buffer.from(await r.arrayBuffer()));
    const x = spawnSync('tar', ['-xzf', file, '-C', dir], { encoding: 'utf8' });
    expect(x.status, x.stderr).toBe(0);
    const top = path.join(dir, cd.slice(cd.indexOf('"') + 1, cd.lastIndexOf('.tar.gz')));
    expect(readFileSync(path.join(top, 'README.txt'), 'utf8')).toContain('Namespace:  lw-route-ns');
    expect(readFileSync(path.join(top, 'README.txt'), 'utf8')).toContain(
      'Cluster: no usable kubeconfig context',
    );
    expect(readFileSync(path.join(top, 'job', 'events.txt'), 'utf8')).toContain(
      'lr-backend-1: ImagePullBackOff',
    );
    expect(
      readFileSync(path.join(top, 'job', 'events.ndjson'), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(2);
  });
});
