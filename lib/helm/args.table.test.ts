import { describe, expect, it } from 'vitest';
import {
  getManifestArgs,
  getMetadataArgs,
  getValuesArgs,
  historyArgs,
  statusArgs,
  templateArgs,
  VERSION_ARGS,
} from './args';

// The argv is built inside each test (not in the table), so a planted change in args.ts is live
// while the assertion runs.
describe('read-only helm commands: exact argv', () => {
  const t = { context: 'c1', namespace: 'ns1' };
  it.each([
    [
      'get manifest',
      () => getManifestArgs(t, 'r'),
      ['get', 'manifest', '--kube-context=c1', '--namespace=ns1', '--', 'r'],
    ],
    [
      'get manifest, current context',
      () => getManifestArgs({ context: null, namespace: 'ns1' }, 'r'),
      ['get', 'manifest', '--namespace=ns1', '--', 'r'],
    ],
    [
      'get metadata',
      () => getMetadataArgs(t, 'r'),
      ['get', 'metadata', '--kube-context=c1', '--namespace=ns1', '--output=json', '--', 'r'],
    ],
    [
      'get metadata of a revision',
      () => getMetadataArgs(t, 'r', 3),
      [
        'get',
        'metadata',
        '--kube-context=c1',
        '--namespace=ns1',
        '--revision=3',
        '--output=json',
        '--',
        'r',
      ],
    ],
    [
      'get values',
      () => getValuesArgs(t, 'r'),
      ['get', 'values', '--kube-context=c1', '--namespace=ns1', '--output=json', '--', 'r'],
    ],
    [
      'status',
      () => statusArgs(t, 'r'),
      ['status', '--kube-context=c1', '--namespace=ns1', '--output=json', '--', 'r'],
    ],
    [
      'history, default 20 revisions',
      () => historyArgs(t, 'r'),
      ['history', '--kube-context=c1', '--namespace=ns1', '--output=json', '--max=20', '--', 'r'],
    ],
    [
      'history, 3 revisions',
      () => historyArgs({ context: null, namespace: 'ns1' }, 'r', 3),
      ['history', '--namespace=ns1', '--output=json', '--max=3', '--', 'r'],
    ],
    [
      'template, two values files',
      () =>
        templateArgs({ namespace: 'ns1', release: 'r', chart: '/c', valuesFiles: ['/v1', '/v2'] }),
      ['template', '--namespace=ns1', '--values=/v1', '--values=/v2', '--', 'r', '/c'],
    ],
    [
      'template ignores a context',
      () =>
        templateArgs({
          context: 'c1',
          namespace: 'ns1',
          release: 'r',
          chart: '/c',
          valuesFiles: [],
        }),
      ['template', '--namespace=ns1', '--', 'r', '/c'],
    ],
  ] as const)('%s', (_n, build, want) => {
    expect(build()).toEqual(want);
  });

  it('helm version', () => {
    expect(VERSION_ARGS).toEqual(['version', '--short']);
  });
});
