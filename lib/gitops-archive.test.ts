import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { completeAnswers, validateAnswers, type Answers } from './answers';
import { exportGitops, type ExportOptions } from './gitops';
import { gitopsArchive, gitopsRequestSchema } from './gitops-archive';
import { RequestProblems } from './target';

// The web Review's export (POST /api/gitops-export's lib function): the archive holds exactly the
// export's files under one directory, as the CLI writes them (0600, directory 0700); a refused or
// invalid plan throws the field and what to do, never a value.
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const example = (name: string) =>
  parse(readFileSync(path.join('examples', name, 'answers.yaml'), 'utf8')) as Answers;
const valid = (raw: unknown) => {
  const r = validateAnswers(completeAnswers(raw));
  if (!r.success) throw new Error('example invalid');
  return r.data;
};

/** The archive unpacked with the system tar: each file's path, mode and text. */
function unpack(bytes: Buffer) {
  const d = mkdtempSync(path.join(os.tmpdir(), 'lw-gitops-archive-'));
  dirs.push(d);
  writeFileSync(path.join(d, 'x.tar.gz'), bytes);
  const out = path.join(d, 'out');
  spawnSync('mkdir', [out]);
  const r = spawnSync('tar', ['-xzf', path.join(d, 'x.tar.gz'), '-C', out], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const top = readdirSync(out);
  const files = Object.fromEntries(
    readdirSync(path.join(out, top[0]!)).map((f) => {
      const p = path.join(out, top[0]!, f);
      return [f, { mode: statSync(p).mode & 0o777, text: readFileSync(p, 'utf8') }];
    }),
  );
  return { top, dirMode: statSync(path.join(out, top[0]!)).mode & 0o777, files };
}

const OPTIONS: [string, string, ExportOptions][] = [
  ['quick-default', 'flux', { for: 'flux', secrets: 'secret-manifest' }],
  ['quick-default', 'flux', { for: 'flux', secrets: 'sops' }],
  ['secrets-outside', 'argocd', { for: 'argocd', values: 'inline', secrets: 'secret-manifest' }],
  [
    'secrets-outside',
    'argocd',
    {
      for: 'argocd',
      values: 'repo',
      repoUrl: 'https://git.example.com/ops.git',
      path: 'clusters/prod',
      secrets: 'external-secrets',
      externalStore: { name: 'vault', kind: 'ClusterSecretStore', keyPrefix: 'lr/' },
    },
  ],
];

describe('gitopsArchive', () => {
  it.each(OPTIONS)(
    '%s for %s: the export’s files under one directory, 0600 in 0700',
    (ex, _c, o) => {
      const answers = example(ex);
      const archive = gitopsArchive({ answers, options: o }, new Date('2026-12-07T22:00:00Z'));
      expect(archive.name).toBe(`lightrun-gitops-${o.for}.tar.gz`);
      expect([...archive.bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
      const files = exportGitops(valid(answers), o).files;
      expect(files.length).toBeGreaterThan(2);
      const got = unpack(archive.bytes);
      expect(got.top).toEqual([`lightrun-gitops-${o.for}`]);
      expect(got.dirMode).toBe(0o700);
      expect(Object.keys(got.files).sort()).toEqual(files.map((f) => f.path).sort());
      for (const f of files) expect(got.files[f.path]).toEqual({ mode: 0o600, text: f.content });
    },
  );

  it('the same request and time give the same bytes', () => {
    const req = { answers: example('quick-default'), options: OPTIONS[0]![2] };
    const at = new Date('2026-12-07T22:00:00Z');
    expect(gitopsArchive(req, at).bytes.equals(gitopsArchive(req, at).bytes)).toBe(true);
  });

  it('the release names the directory', () => {
    const answers = example('quick-default');
    answers.release = { ...answers.release, name: 'lr-prod' };
    const archive = gitopsArchive({ answers, options: OPTIONS[0]![2] });
    expect(archive.name).toBe('lr-prod-gitops-flux.tar.gz');
    expect(unpack(archive.bytes).top).toEqual(['lr-prod-gitops-flux']);
  });

  function thrown(f: () => unknown): RequestProblems {
    try {
      f();
    } catch (e) {
      if (e instanceof RequestProblems) return e;
      throw e;
    }
    throw new Error('nothing thrown');
  }

  it('a refused plan: the answers field and what to do, no value of the plan', () => {
    const answers = example('quick-default');
    const e = thrown(() => gitopsArchive({ answers, options: { for: 'argocd', secrets: 'sops' } }));
    expect(e.problems.map((p) => p.path)).toEqual(['answers.secrets.mode']);
    expect(e.problems[0]!.message).toContain('Secrets kept outside the chart');
    const said = JSON.stringify(e.problems);
    for (const secret of [
      'EXAMPLE-LICENSE-CONTENT-not-a-real-license',
      'Example-Db-Pass-1',
      'Example-Keycloak-Pass-1',
    ])
      expect(said).not.toContain(secret);
    // the same plan for Flux passes
    expect(
      gitopsArchive({ answers, options: { for: 'flux', secrets: 'sops' } }).bytes.length,
    ).toBeGreaterThan(0);
  });

  it('self-signed internal TLS is refused for both controllers, at internalTls.mode', () => {
    const answers = example('quick-default');
    answers.internalTls = { ...answers.internalTls, mode: 'self-signed' } as Answers['internalTls'];
    const e = thrown(() => gitopsArchive({ answers, options: { for: 'flux', secrets: 'sops' } }));
    expect(e.problems.map((p) => p.path)).toEqual(['answers.internalTls.mode']);
  });

  it('an option the export itself refuses is named as options.<field>', () => {
    const e = thrown(() =>
      gitopsArchive({
        answers: example('quick-default'),
        options: { for: 'flux', values: 'repo', secrets: 'secret-manifest' },
      }),
    );
    expect(e.problems.map((p) => p.path)).toEqual(['options.values']);
  });

  it('invalid answers: each problem under answers., no value repeated', () => {
    const answers = example('quick-default') as unknown as Record<string, Record<string, unknown>>;
    answers.general!.endpoint = 'https://Not A Host';
    const e = thrown(() =>
      gitopsArchive({ answers, options: { for: 'flux', secrets: 'secret-manifest' } }),
    );
    expect(e.problems.map((p) => p.path)).toContain('answers.general.endpoint');
    expect(e.problems.every((p) => p.path.startsWith('answers.'))).toBe(true);
    expect(JSON.stringify(e.problems)).not.toContain('Example-Db-Pass-1');
  });
});

describe('gitopsRequestSchema', () => {
  it('takes answers and options; refuses a missing options, an unknown key', () => {
    const answers = example('quick-default');
    expect(gitopsRequestSchema.safeParse({ answers, options: { for: 'flux' } }).success).toBe(true);
    const paths = (v: unknown) => {
      const r = gitopsRequestSchema.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ answers })).toEqual(['options']);
    expect(paths({ answers, options: { for: 'flux' }, token: 'x' })).toEqual(['']);
    expect(paths({ answers, options: { for: 'argocd', values: 'repo' } })).toEqual([
      'options.repoUrl',
    ]);
  });
});
