import type * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { BackupError, findMysqlPod, type PodExecDeps } from './pod-exec';

const pod = (name: string, phase: string, extra: Partial<k8s.V1Pod> = {}): k8s.V1Pod => ({
  metadata: { name },
  spec: {
    containers: [{ name: 'mysql', env: [{ name: 'MYSQL_DATABASE', value: 'lightrunserver' }] }],
  },
  status: { phase },
  ...extra,
});

/** Deps listing `pods`, recording the selector asked for. */
function deps(pods: k8s.V1Pod[], asked: string[] = []): PodExecDeps {
  return {
    listPods: (namespace, selector) => {
      asked.push(`${namespace} ${selector}`);
      return Promise.resolve(pods);
    },
    exec: () => Promise.reject(new Error('not used')),
  };
}

describe('findMysqlPod', () => {
  it('finds the one running pod by the charts’ labels, with its database', async () => {
    const asked: string[] = [];
    const pods = [pod('lr-mysql-0', 'Running'), pod('lr-mysql-old', 'Failed')];
    expect(await findMysqlPod(deps(pods, asked), 'ns', 'lr')).toEqual({
      namespace: 'ns',
      pod: 'lr-mysql-0',
      container: 'mysql',
      database: 'lightrunserver',
    });
    expect(asked).toEqual([
      'ns app.kubernetes.io/name=lightrun,app.kubernetes.io/instance=lr,app.kubernetes.io/component=mysql',
    ]);
  });

  it('leaves the database out when the spec does not give it as a value', async () => {
    const p = pod('m', 'Running', { spec: { containers: [{ name: 'mysql' }] } });
    expect(await findMysqlPod(deps([p]), 'ns', 'lr')).toEqual({
      namespace: 'ns',
      pod: 'm',
      container: 'mysql',
    });
  });

  it.each([
    [
      'no pod (an external database)',
      [],
      /^Release lr in ns has no in-chart MySQL pod .*general\.db_local false/,
    ],
    [
      'no running pod',
      [pod('m', 'Pending')],
      /^The MySQL pod of release lr in ns is not running \(m: Pending\)\.$/,
    ],
    [
      'a pod being deleted',
      [pod('m', 'Running', { metadata: { name: 'm', deletionTimestamp: new Date() } })],
      /is not running/,
    ],
    [
      'two running pods',
      [pod('a', 'Running'), pod('b', 'Running')],
      /^Release lr in ns has 2 running MySQL pods \(a, b\): wait until one is left\.$/,
    ],
    [
      'no mysql container',
      [pod('m', 'Running', { spec: { containers: [{ name: 'other' }] } })],
      /^The pod m has no container "mysql"\.$/,
    ],
  ])('refuses %s', async (_name, pods, message) => {
    const e = await findMysqlPod(deps(pods), 'ns', 'lr').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BackupError);
    expect((e as Error).message).toMatch(message);
  });
});
