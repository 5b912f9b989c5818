// The support-bundle command's input handling and its --out file, without a cluster (a missing
// kubeconfig is a line of README.txt, not a failure).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutFile, OutDirError, writeExclusiveFile } from './out-dir';

const root = path.resolve(__dirname, '../..');
const made: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'cli-bundle-'));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const cli = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(root, 'lib', 'cli.ts'), 'support-bundle', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });

describe('writeExclusiveFile', () => {
  it('creates the file with mode 0600 whatever the umask allows', () => {
    const f = path.join(tmp(), 'b.tar.gz');
    expect(writeExclusiveFile(f, Buffer.from([1, 2, 3]))).toBe(`wrote ${f} (new file, mode 0600)`);
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect([...readFileSync(f)]).toEqual([1, 2, 3]);
  });

  it('refuses an existing file and a symlink (even a dangling one), writing nothing', () => {
    const d = tmp();
    const f = path.join(d, 'b.tar.gz');
    writeFileSync(f, 'old');
    expect(() => writeExclusiveFile(f, 'new')).toThrow(OutDirError);
    expect(readFileSync(f, 'utf8')).toBe('old');
    const link = path.join(d, 'link.tar.gz');
    symlinkSync(path.join(d, 'nowhere'), link);
    expect(() => writeExclusiveFile(link, 'new')).toThrow('already exists');
    expect(existsSync(path.join(d, 'nowhere'))).toBe(false);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('refuses a world-writable or missing directory', () => {
    const d = tmp();
    chmodSync(d, 0o777);
    expect(() => checkOutFile(path.join(d, 'b.tar.gz'))).toThrow('writable by every user');
    expect(() => checkOutFile(path.join(d, 'missing', 'b.tar.gz'))).toThrow('cannot be read');
    chmodSync(d, 0o700);
    expect(() => checkOutFile(path.join(d, 'b.tar.gz'))).not.toThrow();
  });
});

describe('npm run cli -- support-bundle', () => {
  it('needs --out, refuses unknown flags and a bad --budget (exit 2)', () => {
    const env = { KUBECONFIG: path.join(tmp(), 'none') };
    expect(cli(env).stderr).toContain('--out: support-bundle needs --out FILE');
    expect(cli(env, '--out', 'x', '--bogus').stderr).toContain('--bogus: unknown option.');
    const b = cli(env, '--out', 'x', '--budget', '4');
    expect([b.status, b.stderr]).toEqual([2, '--budget: Give whole seconds from 5 to 600.\n']);
    expect(cli(env, '--out', 'x', '--budget', '601').status).toBe(2);
  });

  it('refuses an existing --out before collecting anything', () => {
    const d = tmp();
    const out = path.join(d, 'b.tar.gz');
    writeFileSync(out, 'keep');
    const r = cli({ KUBECONFIG: path.join(d, 'none') }, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('already exists: nothing was written');
    expect(readFileSync(out, 'utf8')).toBe('keep');
  });

  it('without a cluster still writes a bundle whose README.txt names why, with the answers stripped of secrets', () => {
    const d = tmp();
    const out = path.join(d, 'b.tar.gz');
    const r = cli({ KUBECONFIG: path.join(d, 'none'), HOME: d }, '--out', out, '--answers', path.join(root, 'examples', 'quick-default', 'answers.yaml'));
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const x = spawnSync('tar', ['-xzf', out], { cwd: d, encoding: 'utf8' });
    expect(x.status, x.stderr).toBe(0);
    const top = spawnSync('tar', ['-tzf', out], { encoding: 'utf8' }).stdout.split('\n');
    expect(top[1]).toMatch(/^support-bundle-lightrun-\d{8}T\d{6}Z\/README\.txt$/);
    const dir = path.join(d, top[0]!);
    const readme = readFileSync(path.join(dir, 'README.txt'), 'utf8');
    expect(readme).toContain('Cluster: no usable kubeconfig context');
    expect(readme).toContain('answers/answers.json');
    const answers = readFileSync(path.join(dir, 'answers', 'answers.json'), 'utf8');
    for (const s of ['Example-Db-Pass-1', 'EXAMPLE-LICENSE-CONTENT', 'PRIVATE KEY']) expect(answers + readFileSync(path.join(dir, 'answers', 'values.yaml'), 'utf8')).not.toContain(s);
    expect(JSON.parse(answers).general.endpoint).toBe('lightrun.example.com');
  });
});
