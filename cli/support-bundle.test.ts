// The support-bundle command's input handling and its --out file, without a cluster (a missing
// kubeconfig is a line of README.txt, not a failure).
import { CLI_BUNDLE } from '../test/cli-bundle';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutFile, OutDirError, writeExclusiveFile } from './out-dir';
import { runSupportBundleCommand } from './support-bundle';

const root = path.resolve(__dirname, '..');
const made: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'cli-bundle-'));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const cli = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [CLI_BUNDLE, 'support-bundle', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 110_000,
  });

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

/** The command in-process (fast: no tsx start per case); stderr collected. */
async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const err = {
    write: (c: string) => {
      stderr += c;
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  const code = await runSupportBundleCommand(['support-bundle', ...argv], err);
  return { code, stderr };
}

describe('support-bundle input', () => {
  it('needs --out, refuses unknown flags and a bad --budget (exit 2)', async () => {
    expect(await run([])).toEqual({
      code: 2,
      stderr: '--out: support-bundle needs --out FILE (a new file; the bundle is a .tar.gz).\n',
    });
    expect(await run(['--out', 'x', '--bogus'])).toEqual({
      code: 2,
      stderr: '--bogus: unknown option.\n',
    });
    expect(await run(['--out'])).toEqual({ code: 2, stderr: '--out: needs a value.\n' });
    expect(await run(['--out', 'x', '--budget', '4'])).toEqual({
      code: 2,
      stderr: '--budget: Give whole seconds from 5 to 600.\n',
    });
    expect((await run(['--out', 'x', '--budget', '601'])).code).toBe(2);
    expect((await run(['--out', 'x', '--budget', '7.5'])).code).toBe(2);
  });

  it('refuses an existing --out before collecting anything', async () => {
    const d = tmp();
    const out = path.join(d, 'b.tar.gz');
    writeFileSync(out, 'keep');
    const r = await run(['--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `--out ${out} already exists: nothing was written. Choose a new file name (it is never overwritten).\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe('keep');
  });

  it('names a bad answers file without quoting it', async () => {
    const d = tmp();
    const f = path.join(d, 'a.yaml');
    writeFileSync(f, 'license: [Secret-Looking-Line-77\n');
    const r = await run(['--out', path.join(d, 'b.tar.gz'), '--answers', f]);
    expect(r).toEqual({ code: 2, stderr: `${f}: not valid YAML/JSON.\n` });
  });
});

describe('npm run cli -- support-bundle', () => {
  it(
    'without a cluster still writes a bundle whose README.txt names why, with the answers stripped of secrets',
    { timeout: 120_000 },
    () => {
      const d = tmp();
      const out = path.join(d, 'b.tar.gz');
      const r = cli(
        { KUBECONFIG: path.join(d, 'none'), HOME: d },
        '--out',
        out,
        '--answers',
        path.join(root, 'examples', 'quick-default', 'answers.yaml'),
      );
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
      for (const s of ['Example-Db-Pass-1', 'EXAMPLE-LICENSE-CONTENT', 'PRIVATE KEY'])
        expect(
          answers + readFileSync(path.join(dir, 'answers', 'values.yaml'), 'utf8'),
        ).not.toContain(s);
      expect(JSON.parse(answers).general.endpoint).toBe('lightrun.acme.example.com');
    },
  );
});
