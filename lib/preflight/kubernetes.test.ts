import { describe, expect, it } from 'vitest';
import {
  decideNodes,
  decideServerVersion,
  parseKernel,
  parseServerVersion,
  type NodeFacts,
} from './kubernetes';

describe('decideServerVersion', () => {
  it.each([
    [
      { major: '1', minor: '22', gitVersion: 'v1.22.17' },
      'fail',
      'Kubernetes v1.22.17 is older than 1.23, the oldest version Lightrun supports.',
    ],
    [
      { major: '1', minor: '23', gitVersion: 'v1.23.0' },
      'pass',
      'The API server answered: Kubernetes v1.23.0.',
    ],
    [
      { major: '1', minor: '24', gitVersion: 'v1.24.3' },
      'pass',
      'The API server answered: Kubernetes v1.24.3.',
    ],
    [
      { major: '1', minor: '23+', gitVersion: 'v1.23.17-eks-1' },
      'pass',
      'The API server answered: Kubernetes v1.23.17-eks-1.',
    ],
    [
      { major: '2', minor: '0', gitVersion: 'v2.0.0' },
      'pass',
      'The API server answered: Kubernetes v2.0.0.',
    ],
    [
      { major: '0', minor: '99', gitVersion: 'v0.99.0' },
      'fail',
      'Kubernetes v0.99.0 is older than 1.23, the oldest version Lightrun supports.',
    ],
    [
      { major: '', minor: '', gitVersion: 'v1.22.1' },
      'fail',
      'Kubernetes v1.22.1 is older than 1.23, the oldest version Lightrun supports.',
    ],
    [
      { major: '', minor: '', gitVersion: 'weird' },
      'warn',
      'The API server answered but its version "weird" could not be read.',
    ],
  ])('%j -> %s', (v, status, message) => {
    expect(decideServerVersion(v)).toMatchObject({ status, message });
  });

  // docs/chart-3.50.md §2: chart 3.50.0 runs on Kubernetes 1.29 or later; 3.9.4 keeps 1.23.
  it.each([
    ['3.50.0', { major: '1', minor: '28', gitVersion: 'v1.28.15' }, 'fail'],
    ['3.50.0', { major: '1', minor: '28+', gitVersion: 'v1.28.15-eks-1' }, 'fail'],
    ['3.50.0', { major: '1', minor: '29', gitVersion: 'v1.29.0' }, 'pass'],
    ['3.50.0', { major: '1', minor: '36', gitVersion: 'v1.36.3' }, 'pass'],
    ['3.50.0', { major: '2', minor: '0', gitVersion: 'v2.0.0' }, 'pass'],
    ['3.9.4', { major: '1', minor: '28', gitVersion: 'v1.28.15' }, 'pass'],
    ['3.9.4', { major: '1', minor: '22', gitVersion: 'v1.22.17' }, 'fail'],
  ] as const)('chart %s, %j -> %s', (chart, v, status) => {
    expect(decideServerVersion(v, chart).status).toBe(status);
  });

  it('a 3.50 plan on too old a Kubernetes names 1.29, the chart and the way out', () => {
    expect(
      decideServerVersion({ major: '1', minor: '28', gitVersion: 'v1.28.15' }, '3.50.0'),
    ).toEqual({
      status: 'fail',
      message:
        'Kubernetes v1.28.15 is older than 1.29, the oldest version chart 3.50.0 supports (docs/chart-3.50.md §2).',
      fix: 'Upgrade the cluster to Kubernetes 1.29 or later, or plan chart 3.9.4 (the chart answer), which runs from 1.23.',
    });
    expect(decideServerVersion({ gitVersion: 'weird' }, '3.50.0')).toMatchObject({
      status: 'warn',
      fix: 'Check the version with `kubectl version`; chart 3.50.0 needs Kubernetes 1.29 or later.',
    });
    expect(decideServerVersion({ gitVersion: 'weird' })).toMatchObject({
      fix: 'Check the version with `kubectl version`; Lightrun needs Kubernetes 1.23 or later.',
    });
  });

  it('reads a major/minor pair, falling back to gitVersion', () => {
    expect(parseServerVersion({ major: '1', minor: '36' })).toEqual([1, 36]);
    expect(parseServerVersion({ gitVersion: 'v1.30.2' })).toEqual([1, 30]);
    expect(parseServerVersion({})).toBeNull();
  });
});

const node = (name: string, kernel: string, os = 'linux', arch = 'amd64'): NodeFacts => ({
  name,
  kernel,
  os,
  arch,
});

describe('decideNodes', () => {
  it.each([
    ['4.3.0', 'fail', 'No node can run Lightrun: kernel older than 4.4 on n1 (4.3.0).'],
    ['4.4.0-210-generic', 'pass', '1 node (linux/amd64), lowest kernel 4.4.'],
    ['4.5.1', 'pass', '1 node (linux/amd64), lowest kernel 4.5.'],
    [
      '3.10.0-1160.el7',
      'fail',
      'No node can run Lightrun: kernel older than 4.4 on n1 (3.10.0-1160.el7).',
    ],
    ['5.15.0', 'pass', '1 node (linux/amd64), lowest kernel 5.15.'],
    [
      '',
      'warn',
      '1 node (linux/amd64), lowest kernel unknown; kernel version not readable on n1 (empty).',
    ],
    [
      'kwok-0.8.0',
      'warn',
      '1 node (linux/amd64), lowest kernel unknown; kernel version not readable on n1 (kwok-0.8.0).',
    ],
  ])('kernel %s -> %s', (kernel, status, message) => {
    expect(decideNodes([node('n1', kernel)])).toMatchObject({ status, message });
  });

  it('warns and names the nodes when only some are too old', () => {
    expect(
      decideNodes([node('a', '5.10.0'), node('b', '4.3.9'), node('c', '4.4.0', 'linux', 's390x')]),
    ).toEqual({
      status: 'warn',
      message:
        '3 nodes (linux/amd64, linux/s390x), lowest kernel 4.3; kernel older than 4.4 on b (4.3.9); unsupported architecture on c (s390x).',
      fix: 'Keep Lightrun off those nodes (nodeSelector/taints) or upgrade them to Linux with kernel 4.4+.',
    });
  });

  it('an unreadable kernel alone asks to check it', () => {
    expect(decideNodes([node('n1', 'kwok-0.8.0')]).fix).toBe(
      'Check `uname -r` on those nodes: Lightrun needs kernel 4.4 or later.',
    );
  });

  it('fails when no node is Linux, passes arm64', () => {
    expect(decideNodes([node('w', '10.0.17763', 'windows')]).status).toBe('fail');
    expect(decideNodes([node('a', '6.1.0', 'linux', 'arm64')]).status).toBe('pass');
    expect(decideNodes([]).message).toBe('The cluster has no nodes.');
  });

  it('parses kernels', () => {
    expect(parseKernel('6.1.0-18-cloud-amd64')).toEqual([6, 1]);
    expect(parseKernel('x')).toBeNull();
  });
});
