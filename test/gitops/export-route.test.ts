// POST /api/gitops-export called as the server calls it: the download is the CLI's export, file
// for file and byte for byte; another origin, a refused plan and bad options are refused, naming
// the field and never a value of the plan.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { POST } from '@/app/api/gitops-export/route';
import { runExport } from '@/cli/export';
import { loadAnswers } from '@/cli/main';

const ORIGIN = 'http://127.0.0.1:3420';
const post = (body: unknown, origin = ORIGIN) =>
  new Request(`${ORIGIN}/api/gitops-export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, host: '127.0.0.1:3420' },
    body: JSON.stringify(body),
  });

const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-gitops-route-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (name: string) => path.join('examples', name, 'answers.yaml');
const example = (name: string) =>
  parse(readFileSync(file(name), 'utf8')) as Record<string, unknown>;
const SECRETS = ['EXAMPLE-LICENSE-CONTENT-not-a-real-license', 'Example-Db-Pass-1'];

/** Every file of a directory, by name. */
const read = (d: string) =>
  Object.fromEntries(readdirSync(d).map((f) => [f, readFileSync(path.join(d, f), 'utf8')]));

describe('POST /api/gitops-export', () => {
  it.each([
    ['quick-default', { for: 'flux' }, ['--for', 'flux']],
    [
      'secrets-outside',
      {
        for: 'argocd',
        values: 'repo',
        repoUrl: 'https://git.example.com/ops.git',
        path: 'clusters/prod',
        secrets: 'external-secrets',
        externalStore: { name: 'vault', kind: 'SecretStore', keyPrefix: 'lightrun/' },
      },
      [
        '--for',
        'argocd',
        '--values',
        'repo',
        '--repo-url',
        'https://git.example.com/ops.git',
        '--path',
        'clusters/prod',
        '--secrets',
        'external-secrets',
        '--store',
        'vault',
        '--store-kind',
        'SecretStore',
        '--key-prefix',
        'lightrun/',
      ],
    ],
  ])('%s %j: a .tar.gz of what `cli export` writes', async (ex, options, flags) => {
    const r = await POST(post({ answers: example(ex), options }));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/gzip');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const name = `lightrun-gitops-${options.for}`;
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="${name}.tar.gz"`);
    const at = path.join(dir, `r${n++}`);
    mkdirSync(at);
    writeFileSync(path.join(at, 'x.tar.gz'), Buffer.from(await r.arrayBuffer()));
    const x = spawnSync('tar', ['-xzf', 'x.tar.gz'], { cwd: at, encoding: 'utf8' });
    expect(x.status, x.stderr).toBe(0);
    const cli = path.join(at, 'cli');
    const code = runExport(
      ['export', '--answers', file(ex), ...flags, '--out-dir', cli],
      loadAnswers,
      () => undefined,
    );
    expect(code).toBe(0);
    expect(read(path.join(at, name))).toEqual(read(cli));
  });

  it('another origin: 403, nothing made', async () => {
    const r = await POST(
      post({ answers: example('quick-default'), options: { for: 'flux' } }, 'http://evil.example'),
    );
    expect([r.status, await r.json()]).toEqual([403, { error: 'Cross-origin request refused.' }]);
  });

  it('a refused plan: 422 naming the answer and what to do, no value of the plan', async () => {
    const r = await POST(post({ answers: example('quick-default'), options: { for: 'argocd' } }));
    expect(r.status).toBe(422);
    const text = await r.text();
    const body = JSON.parse(text) as { issues: { path: string[]; message: string }[] };
    expect(body.issues.map((i) => i.path)).toEqual([['answers', 'secrets', 'mode']]);
    expect(body.issues[0]!.message).toContain('export for Flux');
    for (const s of SECRETS) expect(text).not.toContain(s);
  });

  it('options: 422 at the field (a store name Kubernetes refuses, no repository URL)', async () => {
    const answers = example('secrets-outside');
    const r = await POST(
      post({
        answers,
        options: {
          for: 'argocd',
          values: 'repo',
          secrets: 'external-secrets',
          externalStore: { name: 'Vault!', kind: 'SecretStore', keyPrefix: '' },
        },
      }),
    );
    expect(r.status).toBe(422);
    const body = (await r.json()) as { issues: { path: string[] }[] };
    expect(body.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'options.externalStore.name',
      'options.repoUrl',
    ]);
  });

  it('invalid answers: named field by field, never echoed', async () => {
    const answers = example('quick-default');
    (answers.general as Record<string, string>).endpoint = 'Secret-Looking-Value-99!';
    const r = await POST(post({ answers, options: { for: 'flux' } }));
    expect(r.status).toBe(422);
    const text = await r.text();
    expect(text).toContain('"answers","general","endpoint"');
    expect(text).not.toContain('Secret-Looking-Value-99');
  });
});
