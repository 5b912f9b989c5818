import { describe, expect, it } from 'vitest';
import { defaultAnswers } from '../answers';
import { renderValues } from '../values';
import {
  componentRequests,
  decideCapacity,
  eligible,
  placePods,
  tolerates,
  type ComponentRequest,
  type NodeCapacity,
} from './capacity-decide';

const Gi = 2 ** 30;
const values = (edit: (a: ReturnType<typeof defaultAnswers>) => void = () => {}) => {
  const a = defaultAnswers();
  edit(a);
  return renderValues(a, { full: true }).values as Record<string, unknown>;
};

describe('componentRequests', () => {
  it('reads the sizing profile and chart defaults of every deployed component', () => {
    expect(componentRequests(values())).toEqual([
      { component: 'backend', replicas: 1, cpuMilli: 3000, memoryBytes: 7 * Gi },
      { component: 'frontend', replicas: 1, cpuMilli: 100, memoryBytes: 128 * 2 ** 20 },
      { component: 'keycloak', replicas: 1, cpuMilli: 1000, memoryBytes: 2 * Gi },
      { component: 'redis', replicas: 1, cpuMilli: 2000, memoryBytes: 6500 * 2 ** 20 },
      { component: 'mysql', replicas: 1, cpuMilli: 2000, memoryBytes: 8 * Gi },
    ]);
  });

  it('follows the answers: large profile, replicas, external DB, local MQ, load balancer nginx', () => {
    const v = values((a) => {
      a.sizing.resources = { profile: 'large' };
      a.sizing.backend.replicas = 3;
      a.database = {
        mode: 'external',
        endpoint: 'db.example.com',
        name: 'lightrunserver',
        requireSecureTransport: false,
        user: 'u',
        password: 'p',
      };
      a.messageQueue = {
        mode: 'local',
        port: '5672',
        queueName: 'q',
        user: 'u',
        password: 'p',
        storage: { kind: 'ephemeral' },
        metrics: false,
        serviceAnnotations: [],
      };
      a.externalAccess = { mode: 'load-balancer', serviceAnnotations: [] };
    });
    expect(componentRequests(v).map((r) => `${r.component}:${r.replicas}x${r.cpuMilli}m`)).toEqual([
      'backend:3x8000m',
      'frontend:1x500m',
      'keycloak:1x2000m',
      'redis:1x2000m',
      'rabbitmq:1x500m',
      'standalone_nginx:1x300m',
    ]);
  });
});

describe('componentRequests: chart 3.50', () => {
  const values350 = (edit: (a: ReturnType<typeof defaultAnswers>) => void = () => {}) =>
    values((a) => {
      a.chart = '3.50.0';
      edit(a);
    });
  it('counts 3.50’s workloads: crons, artifacts and the router, never the standalone nginx', () => {
    expect(componentRequests(values350()).map((r) => r.component)).toEqual([
      'backend',
      'crons',
      'artifacts',
      'frontend',
      'keycloak',
      'redis',
      'mysql',
      'router',
    ]);
  });
  it('reads 3.50’s own sizes and switches: crons off, the queue on, the data streamer on', () => {
    const v = values350();
    const general = v.general as Record<string, Record<string, unknown>>;
    general.crons = { ...general.crons, enabled: false };
    general.mq = { ...general.mq, enabled: true, local: true };
    general.data_streamer = { ...general.data_streamer, enabled: 'false' }; // G2: a string is on
    const got = componentRequests(v);
    expect(got.map((r) => r.component)).toEqual([
      'backend',
      'artifacts',
      'frontend',
      'keycloak',
      'redis',
      'mysql',
      'rabbitmq',
      'data_streamer',
      'router',
    ]);
    expect(got.find((r) => r.component === 'data_streamer')!.replicas).toBe(2);
  });
});

describe('componentRequests: where the pods may go', () => {
  it("merges general.nodeSelector under a component's own, and carries general.tolerations", () => {
    const v = values((a) => {
      a.database = { ...a.database };
    });
    const general = v.general as Record<string, unknown>;
    general.nodeSelector = { zone: 'a', pool: 'apps' };
    general.tolerations = [{ key: 'dedicated', operator: 'Exists' }];
    (v.deployments as Record<string, Record<string, unknown>>).mysql!.nodeSelector = {
      zone: 'b',
      disk: 'ssd',
    };
    const reqs = componentRequests(v);
    expect(reqs.find((r) => r.component === 'mysql')).toMatchObject({
      nodeSelector: { zone: 'b', pool: 'apps', disk: 'ssd' },
      tolerations: [{ key: 'dedicated', operator: 'Exists' }],
    });
    expect(reqs.find((r) => r.component === 'backend')?.nodeSelector).toEqual({
      zone: 'a',
      pool: 'apps',
    });
  });
});

const req = (
  component: string,
  cpuMilli: number,
  memoryBytes: number,
  replicas = 1,
  extra: Partial<ComponentRequest> = {},
): ComponentRequest => ({ component, cpuMilli, memoryBytes, replicas, ...extra });
const n = (
  name: string,
  cpuMilli: number,
  memoryBytes: number,
  extra: Partial<NodeCapacity> = {},
): NodeCapacity => ({ name, cpuMilli, memoryBytes, ...extra });
const known = (count: number, ownPods = 0) => ({ known: true as const, count, ownPods });

describe('decideCapacity', () => {
  it('passes when every pod fits exactly into what is free', () => {
    expect(
      decideCapacity(
        [req('backend', 3000, 4 * Gi, 2)],
        [n('a', 4000, 5 * Gi, { usedCpuMilli: 1000, usedMemoryBytes: Gi }), n('b', 3000, 4 * Gi)],
        known(3),
      ),
    ).toEqual({
      status: 'pass',
      fix: '',
      message:
        'All 2 pods (backend) fit on 2 nodes: free = allocatable minus the requests of the 3 pods already running.',
    });
  });

  it("the admin's case: the total allocatable is enough, but the nodes are 80 % full", () => {
    const nodes = ['a', 'b', 'c'].map((x) => n(x, 4000, 16 * Gi, { usedCpuMilli: 3200 }));
    const v = decideCapacity(
      [req('backend', 3000, 4 * Gi), req('keycloak', 1000, 2 * Gi), req('redis', 2000, Gi)],
      nodes,
      known(30),
    );
    expect(v.status).toBe('fail');
    expect(v.message).toBe(
      '3 pods would stay Pending: backend (1 of 1: needs 3000m / 4Gi, the most a node it may use had free is 800m / 16Gi); redis (1 of 1: needs 2000m / 1Gi, the most a node it may use had free is 800m / 16Gi); keycloak (1 of 1: needs 1000m / 2Gi, the most a node it may use had free is 800m / 16Gi). Free = allocatable minus the requests of the 30 pods already running.',
    );
  });

  it('one millicore or one byte more than is free on the node fails; the same amount passes', () => {
    const node = (cpu: number, mem: number) => [
      n('a', 4000, 8 * Gi, { usedCpuMilli: 4000 - cpu, usedMemoryBytes: 8 * Gi - mem }),
    ];
    expect(decideCapacity([req('x', 1000, Gi)], node(1000, Gi)).status).toBe('pass');
    expect(decideCapacity([req('x', 1000, Gi)], node(999, Gi)).status).toBe('fail');
    expect(decideCapacity([req('x', 1000, Gi)], node(1000, Gi - 1)).status).toBe('fail');
  });

  it('counts replicas: the second replica needs room of its own', () => {
    const nodes = [n('a', 2000, 4 * Gi)];
    expect(decideCapacity([req('backend', 1000, Gi, 2)], nodes).status).toBe('pass');
    expect(decideCapacity([req('backend', 1000, Gi, 3)], nodes)).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/^1 pod would stay Pending: backend \(1 of 3: /),
    });
  });

  it('a pod larger than every node it may use fails even on an empty cluster', () => {
    expect(
      decideCapacity([req('backend', 8000, Gi)], [n('a', 7999, 32 * Gi), n('b', 7999, 32 * Gi)]),
    ).toMatchObject({
      status: 'fail',
      message:
        'A pod fits on no node: backend asks 8000m CPU, the largest node it may use has 7999m.',
    });
    expect(decideCapacity([req('mysql', 1000, 8 * Gi)], [n('a', 4000, 8 * Gi - 1)]).message).toBe(
      'A pod fits on no node: mysql asks 8Gi memory, the largest node it may use has 8589934591.',
    );
    expect(decideCapacity([req('backend', 8000, Gi)], [n('a', 8000, Gi)]).status).toBe('pass');
  });

  it('a node selector nobody matches, and a taint nobody tolerates, fail by name', () => {
    const r = req('mysql', 100, Gi, 1, { nodeSelector: { disk: 'ssd' } });
    expect(decideCapacity([r], [n('a', 4000, 8 * Gi, { labels: { disk: 'hdd' } })]).message).toBe(
      'A pod fits on no node: mysql: no Ready node has the labels {"disk":"ssd"} and tolerable taints its pods need.',
    );
    expect(decideCapacity([r], [n('a', 4000, 8 * Gi, { labels: { disk: 'ssd' } })]).status).toBe(
      'pass',
    );
    const tainted = n('a', 4000, 8 * Gi, {
      taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }],
    });
    expect(decideCapacity([req('x', 100, Gi)], [tainted]).status).toBe('fail');
    expect(
      decideCapacity(
        [
          req('x', 100, Gi, 1, {
            tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db' }],
          }),
        ],
        [tainted],
      ).status,
    ).toBe('pass');
  });

  it('a pod goes only where it may: the free node is the wrong one', () => {
    const r = req('mysql', 2000, Gi, 1, { nodeSelector: { disk: 'ssd' } });
    const nodes = [
      n('ssd', 4000, 8 * Gi, { labels: { disk: 'ssd' }, usedCpuMilli: 3000 }),
      n('hdd', 4000, 8 * Gi, { labels: { disk: 'hdd' } }),
    ];
    expect(decideCapacity([r], nodes).status).toBe('fail');
    expect(decideCapacity([{ ...r, nodeSelector: {} }], nodes).status).toBe('pass');
  });

  it("says when the running pods could not be read, and leaves the release's own pods out", () => {
    expect(
      decideCapacity([req('x', 1, 1)], [n('a', 10, 10)], { known: false, why: 'HTTP 403' }),
    ).toEqual({
      status: 'warn',
      message:
        'All 1 pod (x) fit on 1 node: the pods already running could not be read (HTTP 403), so only allocatable was compared.',
      fix: 'Let the wizard list pods cluster-wide (npm run cli -- preflight --print-rbac USER).',
    });
    expect(decideCapacity([req('x', 1, 1)], [n('a', 10, 10)], known(4, 2)).message).toBe(
      "All 1 pod (x) fit on 1 node: free = allocatable minus the requests of the 4 pods already running (the release's own 2 pods not counted: the upgrade replaces them).",
    );
  });

  it('fails without schedulable nodes', () => {
    expect(decideCapacity([req('x', 1, 1)], []).status).toBe('fail');
  });
});

describe('placePods', () => {
  it('places the largest pods first, each on the node with the most free CPU', () => {
    // first fit in input order would put the two 1000m pods on a and b and leave 2000m nowhere
    const left = placePods(
      [req('small', 1000, 1, 2), req('big', 2000, 1)],
      [n('a', 2000, 10), n('b', 2000, 10)],
    );
    expect(left).toEqual([]);
  });
  it('returns the pods that fit nowhere', () => {
    const left = placePods([req('x', 1000, 1, 3)], [n('a', 2000, 10)]);
    expect(left.map((p) => `${p.r.component}#${p.replica} ${p.cpu}m ${p.mem}`)).toEqual([
      'x#2 0m 8',
    ]);
  });
});

describe('tolerates and eligible', () => {
  const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
  it.each([
    [{ key: 'k', operator: 'Equal', value: 'v' }, true],
    [{ key: 'k', value: 'v' }, true],
    [{ key: 'k', operator: 'Equal', value: 'w' }, false],
    [{ key: 'k', operator: 'Exists' }, true],
    [{ key: 'j', operator: 'Exists' }, false],
    [{ operator: 'Exists' }, true],
    [{ operator: 'Equal' }, false],
    [{ key: 'k', operator: 'Exists', effect: 'NoExecute' }, false],
    [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }, true],
  ])('%j tolerates k=v:NoSchedule: %s', (t, yes) => {
    expect(tolerates(t, taint)).toBe(yes);
  });
  it('PreferNoSchedule taints never keep a pod away; NoExecute ones do', () => {
    expect(
      eligible(
        req('x', 1, 1),
        n('a', 1, 1, { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }),
      ),
    ).toBe(true);
    expect(
      eligible(req('x', 1, 1), n('a', 1, 1, { taints: [{ key: 'k', effect: 'NoExecute' }] })),
    ).toBe(false);
  });
  it('every selector label must match', () => {
    const r = req('x', 1, 1, 1, { nodeSelector: { a: '1', b: '2' } });
    expect(eligible(r, n('n', 1, 1, { labels: { a: '1', b: '2', c: '3' } }))).toBe(true);
    expect(eligible(r, n('n', 1, 1, { labels: { a: '1' } }))).toBe(false);
  });
});
