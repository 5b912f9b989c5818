import { describe, expect, it } from 'vitest';
import {
  validateChartRef,
  validateChartVersion,
  validateContext,
  validateNamespace,
  validateRelease,
  type PathProbe,
} from './names';

const RELEASE_CHARS =
  'Use lower-case letters, digits and "-" (dots between parts), starting and ending with a letter or digit.';
const NS_CHARS =
  'Use lower-case letters, digits and "-", starting and ending with a letter or digit.';

describe('validateRelease', () => {
  it.each(['lightrun', 'lr', 'a', '0', 'lr-prod', 'lr.prod-2', 'a'.repeat(53)])(
    'accepts %j',
    (n) => {
      expect(validateRelease(n)).toEqual({ ok: true, value: n });
    },
  );
  it.each([
    ['', 'Enter a release name (for example "lightrun").'],
    ['a'.repeat(54), 'The release name is 54 characters long; helm allows at most 53.'],
    ['; rm -rf /', RELEASE_CHARS],
    ['--post-renderer=/bin/sh', RELEASE_CHARS],
    ['-lr', RELEASE_CHARS],
    ['lr-', RELEASE_CHARS],
    ['Lightrun', RELEASE_CHARS],
    ['lr..prod', RELEASE_CHARS],
    ['.lr', RELEASE_CHARS],
    ['lr_prod', RELEASE_CHARS],
    ['lr\nprod', RELEASE_CHARS],
    ['$(id)', RELEASE_CHARS],
  ])('refuses %j', (n, message) => {
    expect(validateRelease(n)).toEqual({ ok: false, message });
  });
});

describe('validateNamespace', () => {
  it.each(['lightrun', 'a', 'ns-1', 'a'.repeat(63)])('accepts %j', (n) => {
    expect(validateNamespace(n)).toEqual({ ok: true, value: n });
  });
  it.each([
    ['', 'Enter a namespace (for example "lightrun").'],
    ['a'.repeat(64), 'The namespace is 64 characters long; Kubernetes allows at most 63.'],
    ['light.run', NS_CHARS],
    ['-n', NS_CHARS],
    ['ns-', NS_CHARS],
    ['kube system', NS_CHARS],
    ['--all-namespaces', NS_CHARS],
  ])('refuses %j', (n, message) => {
    expect(validateNamespace(n)).toEqual({ ok: false, message });
  });
});

describe('validateContext', () => {
  it.each(['kind-lab', 'arn:aws:eks:eu-west-1:123:cluster/prod', 'admin@cluster', 'x'.repeat(253)])(
    'accepts %j',
    (n) => {
      expect(validateContext(n)).toEqual({ ok: true, value: n });
    },
  );
  it.each([
    ['', 'Choose a kubeconfig context.'],
    ['x'.repeat(254), 'The context name is longer than 253 characters.'],
    ['--kubeconfig=/etc/shadow', 'A context name may not start with "-".'],
    ['ctx\n--debug', 'The context name holds a control character.'],
    ['ctx\u0000', 'The context name holds a control character.'],
  ])('refuses %j', (n, message) => {
    expect(validateContext(n)).toEqual({ ok: false, message });
  });
});

describe('validateChartVersion', () => {
  it.each(['', '3.9.4', '^3.9.0', '>=3.9.0 <4', '3.9.4-rc.1'])('accepts %j', (v) => {
    expect(validateChartVersion(v)).toEqual({ ok: true, value: v });
  });
  it.each(['--devel', '3.9.4;id', 'x'.repeat(65), '3.9.4\n'])('refuses %j', (v) => {
    expect(validateChartVersion(v)).toEqual({
      ok: false,
      message: 'Use a chart version such as 3.9.4 (or a range such as ^3.9.0).',
    });
  });
});

describe('validateChartRef', () => {
  const files = new Set(['/srv/lr/Chart.yaml', '/srv/lr-3.9.4.tgz', '/srv/notes.txt']);
  const dirs = new Set(['/srv/lr', '/srv/empty', '/srv/dir.tgz']);
  const fs: PathProbe = {
    isDir: (p) => dirs.has(p),
    isFile: (p) => files.has(p),
    resolve: (p) => (p.startsWith('/') ? p : `/srv/${p}`),
  };
  const OCI_MSG =
    'Use an OCI reference such as oci://registry.example.com/lightruncom/lightrun-helm-chart.';

  it.each([
    ['bundled', '', '/repo/chart'],
    ['bundled', '--post-renderer=/bin/sh', '/repo/chart'],
    [
      'oci',
      'oci://registry-1.docker.io/lightruncom/lightrun-helm-chart',
      'oci://registry-1.docker.io/lightruncom/lightrun-helm-chart',
    ],
    ['oci', 'oci://127.0.0.1:5000/charts/lr:3.9.4', 'oci://127.0.0.1:5000/charts/lr:3.9.4'],
    ['dir', 'lr', '/srv/lr'],
    ['dir', '/srv/lr', '/srv/lr'],
    ['tgz', 'lr-3.9.4.tgz', '/srv/lr-3.9.4.tgz'],
  ] as const)('accepts %s %j', (source, ref, value) => {
    expect(validateChartRef(source, ref, '/repo/chart', fs)).toEqual({ ok: true, value });
  });

  it.each([
    ['oci', '', 'Enter the chart reference.'],
    ['dir', '--post-renderer=/bin/sh', 'A chart reference may not start with "-".'],
    ['tgz', '-f', 'A chart reference may not start with "-".'],
    ['oci', 'oci://h/c; rm -rf /', OCI_MSG],
    ['oci', 'oci://h', OCI_MSG],
    ['oci', 'https://h/c', OCI_MSG],
    ['oci', 'oci://-h/c', OCI_MSG],
    ['dir', 'lr\n', 'The chart reference holds a control character.'],
    // missing, a directory without Chart.yaml, a file: one message (no existence oracle)
    [
      'dir',
      '/srv/missing',
      "/srv/missing is not a chart directory on the wizard's server (a directory with Chart.yaml).",
    ],
    [
      'dir',
      '/srv/empty',
      "/srv/empty is not a chart directory on the wizard's server (a directory with Chart.yaml).",
    ],
    [
      'dir',
      '/srv/notes.txt',
      "/srv/notes.txt is not a chart directory on the wizard's server (a directory with Chart.yaml).",
    ],
    ['tgz', '/srv/notes.txt', 'A packaged chart ends with .tgz.'],
    [
      'tgz',
      '/srv/gone.tgz',
      "/srv/gone.tgz is not a packaged chart on the wizard's server (a .tgz file).",
    ],
    [
      'tgz',
      '/srv/dir.tgz',
      "/srv/dir.tgz is not a packaged chart on the wizard's server (a .tgz file).",
    ],
    ['dir', 'x'.repeat(1025), 'The chart reference is longer than 1024 characters.'],
  ] as const)('refuses %s %j', (source, ref, message) => {
    expect(validateChartRef(source, ref, '/repo/chart', fs)).toEqual({ ok: false, message });
  });
});
