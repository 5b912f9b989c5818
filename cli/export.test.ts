import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { EXAMPLES_DIR } from '../lib/values/__fixtures__/examples-350';
import { runExport } from './export';
import { loadAnswers, main } from './main';

const dir = mkdtempSync(path.join(tmpdir(), 'lw-export-'));
const QUICK = path.join(EXAMPLES_DIR, 'quick-default', 'answers.yaml');
const OUTSIDE = path.join(EXAMPLES_DIR, 'secrets-outside', 'answers.yaml');
const quick = parse(readFileSync(QUICK, 'utf8')) as {
  database: { password: string };
  license: { content: string };
  secrets: { keycloakPassword: string };
};
const SECRETS = [quick.database.password, quick.license.content, quick.secrets.keycloakPassword];

const run = (...args: string[]) => {
  let err = '';
  const code = runExport(['export', ...args], loadAnswers, (s) => void (err += s));
  return { code, err };
};
let n = 0;
const fresh = () => path.join(dir, `out-${n++}`);
const answersFile = (v: unknown) => {
  const f = path.join(dir, `answers-${n++}.yaml`);
  writeFileSync(f, stringify(v));
  return f;
};

describe('cli export', () => {
  it('writes the Flux export 0600 into a new 0700 directory and names the secret file', () => {
    const out = fresh();
    const r = run('--answers', QUICK, '--for', 'flux', '--out-dir', out);
    expect(r.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o700);
    for (const f of [
      'flux.yaml',
      'secret-values.yaml',
      '.gitignore',
      'kustomization.yaml',
      'README.md',
    ])
      expect(statSync(path.join(out, f)).mode & 0o777).toBe(0o600);
    expect(r.err).toContain('secret-values.yaml: secret values in the clear, keep out of git');
    for (const s of SECRETS) {
      expect(r.err).not.toContain(s);
      expect(readFileSync(path.join(out, 'flux.yaml'), 'utf8')).not.toContain(s);
      expect(readFileSync(path.join(out, 'secret-values.yaml'), 'utf8')).toContain(s);
    }
  });

  it('Argo CD with values in the repository and External Secrets: the flags reach the files', () => {
    const out = fresh();
    const r = run(
      '--answers',
      OUTSIDE,
      '--for',
      'argocd',
      '--values',
      'repo',
      '--repo-url',
      'https://git.example.com/ops.git',
      '--path',
      'lightrun',
      '--secrets',
      'external-secrets',
      '--store',
      'vault',
      '--store-kind',
      'ClusterSecretStore',
      '--key-prefix',
      'prod/',
      '--out-dir',
      out,
    );
    expect(r.code).toBe(0);
    const app = readFileSync(path.join(out, 'application.yaml'), 'utf8');
    expect(app).toContain('$values/lightrun/values.yaml');
    expect(app).toContain('repoURL: https://git.example.com/ops.git');
    const es = readFileSync(path.join(out, 'external-secrets.yaml'), 'utf8');
    expect(es).toContain('kind: ClusterSecretStore');
    expect(es).toContain('key: prod/db-password');
    expect(existsSync(path.join(out, 'values.yaml'))).toBe(true);
  });

  it('refuses an unstable plan with exit 2, field by field, writes nothing and shows no secret', () => {
    const out = fresh();
    const a = { ...parse(readFileSync(QUICK, 'utf8')), internalTls: { mode: 'self-signed' } };
    const r = run('--answers', answersFile(a), '--for', 'argocd', '--out-dir', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^The export is refused; nothing was written:\n/);
    expect(r.err).toMatch(/^internalTls\.mode: Self-signed internal TLS/m);
    expect(r.err).toMatch(/^secrets\.mode: Argo CD takes Helm values only/m);
    for (const s of SECRETS) expect(r.err).not.toContain(s);
    expect(existsSync(out)).toBe(false);
  });

  it('a chart 3.50 plan without its key stops at the answers rule before the export (exit 2 in main)', () => {
    const a = { ...parse(readFileSync(QUICK, 'utf8')), chart: '3.50.0' };
    expect(
      main(['export', '--answers', answersFile(a), '--for', 'flux', '--out-dir', fresh()]),
    ).toBe(2);
  });

  it.each([
    [['--for', 'flux', '--out-dir', 'x'], /^--answers: needs the answers file/],
    [['--answers', QUICK, '--for', 'flux'], /^--out-dir: needs the directory/],
    [['--answers', QUICK, '--out-dir', 'x'], /^--for: use one of argocd, flux\./],
    [['--answers', QUICK, '--for', 'helm', '--out-dir', 'x'], /^--for: use one of argocd, flux\./],
    [
      ['--answers', QUICK, '--for', 'flux', '--secrets', 'vault', '--out-dir', 'x'],
      /^--secrets: use one of/,
    ],
    [
      ['--answers', QUICK, '--for', 'flux', '--store', 'Bad_Name', '--out-dir', 'x'],
      /^--store: name the store/,
    ],
    [
      [
        '--answers',
        QUICK,
        '--for',
        'flux',
        '--store',
        's',
        '--store-kind',
        'Vault',
        '--out-dir',
        'x',
      ],
      /^--store-kind: use one of SecretStore, ClusterSecretStore\./,
    ],
    [
      ['--answers', QUICK, '--for', 'flux', '--secrets', 'external-secrets', '--out-dir', 'x'],
      /^--store: With External Secrets/m,
    ],
    [
      ['--answers', QUICK, '--for', 'flux', '--values', 'repo', '--out-dir', 'x'],
      /^--values: Flux takes the values/m,
    ],
    [
      ['--answers', QUICK, '--for', 'flux', '--bogus', '--out-dir', 'x'],
      /^--bogus: unknown option/,
    ],
  ])('%j → exit 2 %s', (args, want) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(want);
    expect(existsSync('x')).toBe(false);
  });

  it('with SOPS the secret file is to be encrypted before the commit, and .sops.yaml is written', () => {
    const out = fresh();
    const r = run('--answers', QUICK, '--for', 'flux', '--secrets', 'sops', '--out-dir', out);
    expect(r.code).toBe(0);
    expect(r.err).toContain('secret-values.yaml: secret values in the clear, encrypt with sops');
    expect(readFileSync(path.join(out, '.sops.yaml'), 'utf8')).toContain(
      'encrypted_regex: ^(data|stringData)$',
    );
    expect(existsSync(path.join(out, '.gitignore'))).toBe(false);
  });

  it('an existing file is kept unless --force, which replaces it', () => {
    const out = fresh();
    expect(run('--answers', QUICK, '--for', 'flux', '--out-dir', out).code).toBe(0);
    const again = run('--answers', QUICK, '--for', 'flux', '--out-dir', out);
    expect(again.code).toBe(2);
    expect(again.err).toContain('Use --force');
    expect(run('--answers', QUICK, '--for', 'flux', '--out-dir', out, '--force').code).toBe(0);
  });

  it('main dispatches export (its own flags, not render’s)', () => {
    const out = fresh();
    expect(main(['export', '--answers', QUICK, '--for', 'flux', '--out-dir', out])).toBe(0);
    expect(existsSync(path.join(out, 'flux.yaml'))).toBe(true);
  });
});
