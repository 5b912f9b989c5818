import { CLI_BUNDLE } from '../test/cli-bundle';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
// The real entry point, as `npm run --silent cli --` runs it.
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd: root, encoding: 'utf8' });
const made: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'cli-'));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const example = (name: string) => path.join(root, 'examples', name, 'answers.yaml');
// The committed expected output (examples/<name>/values.yaml, secrets.yaml), not the same render
// function run in this process: a bug in it would then agree with itself.
const expected = (name: string, file: string) =>
  readFileSync(path.join(root, 'examples', name, file), 'utf8');

describe('cli', () => {
  it('render prints only the document on stdout', () => {
    const r = cli('render', '--answers', example('quick-default'));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected('quick-default', 'values.yaml'));
    expect(r.stderr).toBe('');
  });

  it('render --out-dir --split-secrets writes values.yaml and a 0600 secrets.yaml', () => {
    const dir = tmp();
    const r = cli(
      'render',
      '--answers',
      example('external-db'),
      '--out-dir',
      dir,
      '--split-secrets',
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(path.join(dir, 'values.yaml'), 'utf8')).toBe(
      expected('external-db', 'values.yaml'),
    );
    expect(readFileSync(path.join(dir, 'secrets.yaml'), 'utf8')).toBe(
      expected('external-db', 'secrets.yaml'),
    );
    expect(statSync(path.join(dir, 'secrets.yaml')).mode & 0o777).toBe(0o600);
  });

  it('bad input exits 2 and lists every problem as path: message, without the secret values', () => {
    const dir = tmp();
    const file = path.join(dir, 'a.yaml');
    writeFileSync(
      file,
      'general:\n  endpoint: "https://x.example.com"\ndatabase:\n  mode: local\n  user: root\n  password: Sup3r-S3cret-Pw\nsecrets:\n  keystorePassword: abc\n',
    );
    const r = cli('validate', '--answers', file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toContain('general.endpoint: Enter the host name only, without "https://".');
    expect(lines.some((l) => l.startsWith('secrets.keystorePassword: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('license.content: '))).toBe(true);
    expect(r.stderr).not.toContain('Sup3r-S3cret-Pw');
  });

  it('a chart 3.50 plan renders its override and complete files and lists 3.50 images', () => {
    const file = path.join(tmp(), 'a.yaml');
    const key = btoa('z'.repeat(32));
    const quick = readFileSync(example('quick-default'), 'utf8');
    writeFileSync(file, `chart: 3.50.0\n${quick}  encryptionKey: ${key}\n`);
    const r = cli('render', '--answers', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Lightrun Server values for the lightrun chart 3\.50\.0,/);
    expect(r.stdout).toContain(`userEncryptionKey: "${key}"`);
    const full = cli('render', '--full', '--answers', file);
    expect(full.status).toBe(0);
    expect(full.stdout).toMatch(/^# Lightrun Server values for the lightrun chart 3\.50\.0,/);
    expect(full.stdout).toContain('# Complete file: chart 3.50.0 defaults');
    expect(full.stdout).toContain(`userEncryptionKey: "${key}"`);
    const images = cli('images', '--answers', file);
    expect(images.status).toBe(0);
    expect(images.stdout).toContain('lightruncom/server:1.91.0-release');
    expect(images.stdout).toMatch(/router/);
    expect(images.stdout).not.toContain('1.50.1-release');
    writeFileSync(file, `chart: 3.50.0\n${quick}`);
    const v = cli('validate', '--answers', file);
    expect(v.status).toBe(2);
    expect(v.stderr).toMatch(/secrets\.encryptionKey: Required for chart 3\.50/);
  });

  it('a file that is not YAML exits 2 with the reason', () => {
    const file = path.join(tmp(), 'a.yaml');
    writeFileSync(file, 'general: [\n');
    const r = cli('render', '--answers', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/a\.yaml: not valid YAML/);
  });

  it('import prints answers JSON that renders back to the same file', () => {
    const values = path.join(root, 'examples', 'mq-local-metrics', 'values.yaml');
    const r = cli('import', values);
    expect(r.status).toBe(0);
    const dir = tmp();
    writeFileSync(path.join(dir, 'answers.json'), r.stdout);
    expect(cli('render', '--answers', path.join(dir, 'answers.json')).stdout).toBe(
      readFileSync(values, 'utf8'),
    );
  });

  it('schema prints JSON Schema; usage errors exit 2', () => {
    const s = cli('schema');
    expect(JSON.parse(s.stdout).properties.general.properties.db_local.type).toBe('boolean');
    const u = cli('render');
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/render needs --answers FILE/);
  });
});

describe('a file that is not a values file: nothing of it is printed', () => {
  // Each line of /etc/shadow ends in ':' and so is a YAML key: a map with no key the chart knows.
  const CANARY = '$y$j9T$Canary5alt$Canary0Hash0f0ShadowLine0';
  const shadow = `root:${CANARY}:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n`;
  const refused = (file: string) =>
    `${file}: The file is not a values file: none of its top-level keys is one chart 3.9.4 has (general:, secrets:, deployments:, …). Nothing of it is shown.\n`;

  it.each(['import', 'check'])(
    '%s of a shadow-like file exits 2 with one line naming only the file',
    (cmd) => {
      const file = path.join(tmp(), 'shadow');
      writeFileSync(file, shadow);
      const r = cli(cmd, file);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(refused(file));
    },
  );

  it('a file whose Helm reading fails is refused the same way before that reading names a key', () => {
    const file = path.join(tmp(), 'v.yaml');
    writeFileSync(file, 'Canary0Key:\n  x: .inf\n');
    for (const cmd of ['import', 'check']) expect(cli(cmd, file).stderr).toBe(refused(file));
  });

  it('a values file (one key the chart knows) is imported, its typos named', () => {
    const file = path.join(tmp(), 'v.yaml');
    writeFileSync(file, 'general:\n  name: acme\ngenerall: 1\n');
    const r = cli('import', file);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).general.name).toBe('acme');
    expect(r.stderr).toContain(
      'unknown key: generall: chart 3.9.4 has no such key, Helm ignores it (did you mean general?)',
    );
  });

  it('an empty file imports as the defaults', () => {
    const file = path.join(tmp(), 'v.yaml');
    writeFileSync(file, '');
    const r = cli('import', file);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).general.name).toBe('client-name');
  });

  it.each([
    ['a bad escape', 'general:\n  name: "\\UCanary0Esc"\n', 'line 2, column 10'],
    ['a block header', 'general:\n  name: |Canary0Block\n    x\n', 'line 2, column 10'],
    ['an alias with no anchor', 'general:\n  name: *Canary0Alias\n', null],
    ['a tab', 'general:\n\tCanary0Tab: 1\n', 'line 2, column 1'],
  ])('YAML errors are named by line and column, never quoted: %s', (_, text, where) => {
    const file = path.join(tmp(), 'v.yaml');
    writeFileSync(file, text);
    for (const cmd of ['import', 'check']) {
      const r = cli(cmd, file);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/Canary0/);
      expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}: `));
      if (where) expect(r.stderr).toContain(where);
    }
  });

  it('images --manifests: a YAML error in the manifests is named by line, never quoted', () => {
    const file = path.join(tmp(), 'm.yaml');
    writeFileSync(file, 'kind: Secret\nstringData:\n  password: "\\UCanary0Manifest"\n');
    const r = cli('images', '--answers', example('quick-default'), '--manifests', file);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/Canary0/);
    expect(r.stderr).toContain('line 3, column 14');
  });
});
