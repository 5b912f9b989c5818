import { CLI_BUNDLE } from '../test/cli-bundle';
import { describe, expect, it } from 'vitest';
import { validAnswers } from '../lib/answers/__fixtures__/valid-answers';
import { CHART_APP_VERSION } from '../lib/images';
import { answerImages, imagesOutput, publicImages } from './images';

const priv = () => {
  const a = validAnswers();
  a.registry = {
    mode: 'private',
    host: 'reg.io:5000',
    prefix: 'm',
    insecure: false,
    tokenHost: '',
  };
  return a;
};

describe('images command output', () => {
  it('the release images, one per line; with a private registry all under it', () => {
    expect(imagesOutput(validAnswers(), {})).toEqual({
      stdout: publicImages(validAnswers()),
      stderr: [],
      code: 0,
    });
    expect(answerImages(priv())).toContain(`reg.io:5000/m/lightruncom/server:${CHART_APP_VERSION}`);
    expect(answerImages(priv())).toContain('reg.io:5000/m/library/mysql:8.0.38');
    expect(imagesOutput(priv(), {}).stderr).toEqual([]);
  });
  it('from manifests: names every image the registry does not serve', () => {
    const manifests =
      'kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: "reg.io:5000/m/x:1"}, {name: b, image: "busybox:1"}]}\n';
    expect(imagesOutput(priv(), { manifests })).toEqual({
      stdout: ['busybox:1', 'reg.io:5000/m/x:1'],
      stderr: [
        'warning: busybox:1 does not come from reg.io:5000/m: the wizard rewrites only the chart’s image keys; mirror it and point its repository there yourself.',
      ],
      code: 0,
    });
    expect(imagesOutput(validAnswers(), { manifests }).stderr).toEqual([]);
  });
  it('--mirror prints the copy commands from the public images to the registry', () => {
    const out = imagesOutput(priv(), { mirror: 'crane' });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      'crane copy docker.io/library/mysql:8.0.38 reg.io:5000/m/library/mysql:8.0.38',
    );
    expect(out.stdout).toHaveLength(publicImages(priv()).length);
  });
  it('--mirror needs a known tool and a private registry', () => {
    expect(imagesOutput(priv(), { mirror: 'podman' })).toEqual({
      stdout: [],
      stderr: ['--mirror: use one of skopeo, crane, docker.'],
      code: 2,
    });
    expect(imagesOutput(validAnswers(), { mirror: 'skopeo' }).code).toBe(2);
  });
});

describe('npm run cli -- images (a real process)', async () => {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
  const path = await import('node:path');
  const os = await import('node:os');
  const root = path.resolve(__dirname, '..');
  const cli = (args: string[], input?: string) =>
    spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd: root, encoding: 'utf8', input });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-cli-images-'));
  const file = path.join(dir, 'answers.yaml');
  writeFileSync(
    file,
    `${readFileSync(path.join(root, 'examples/quick-default/answers.yaml'), 'utf8')}\nregistry: {mode: private, host: "reg.example.com:5000", prefix: mirror}\n`,
  );
  it('prints one image per line, every one from the registry', () => {
    const r = cli(['images', '--answers', file]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBe(6);
    expect(lines.every((l) => l.startsWith('reg.example.com:5000/mirror/'))).toBe(true);
  });
  it('reads manifests from stdin and names the image the registry does not serve', () => {
    const r = cli(
      ['images', '--answers', file, '--manifests', '-'],
      'kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: "busybox:1"}]}\n',
    );
    expect([r.status, r.stdout, r.stderr]).toEqual([
      0,
      'busybox:1\n',
      expect.stringContaining('warning: busybox:1 does not come from reg.example.com:5000/mirror'),
    ]);
  });
  it('bad manifests exit 2 naming the file', () => {
    const r = cli(['images', '--answers', file, '--manifests', '-'], 'kind: [\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^-: The manifests are not valid YAML/);
  });
});
