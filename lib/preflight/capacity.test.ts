import { describe, expect, it } from 'vitest';
import type { V1Node } from '@kubernetes/client-node';
import { defaultAnswers } from '../answers';
import { renderValues } from '../values';
import {
  componentRequests,
  decideCapacity,
  schedulable,
  type ComponentRequest,
  type NodeCapacity,
} from './capacity';

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

const req = (
  component: string,
  cpuMilli: number,
  memoryBytes: number,
  replicas = 1,
): ComponentRequest => ({ component, cpuMilli, memoryBytes, replicas });
const n = (name: string, cpuMilli: number, memoryBytes: number): NodeCapacity => ({
  name,
  cpuMilli,
  memoryBytes,
});

describe('decideCapacity', () => {
  it('passes when the total equals the allocatable exactly', () => {
    expect(
      decideCapacity(
        [req('backend', 3000, 4 * Gi, 2)],
        [n('a', 3000, 4 * Gi), n('b', 3000, 4 * Gi)],
      ),
    ).toEqual({
      status: 'pass',
      fix: '',
      message:
        'Requests 6000m CPU / 8Gi memory (backend) fit in 6000m / 8Gi allocatable on 2 nodes.',
    });
  });

  it('fails one millicore short, naming the shortfall', () => {
    expect(
      decideCapacity(
        [req('backend', 3000, 4 * Gi, 2)],
        [n('a', 3000, 4 * Gi), n('b', 2999, 4 * Gi)],
      ),
    ).toEqual({
      status: 'fail',
      message:
        'The 2 schedulable nodes cannot hold every pod: CPU 6000m requested, 5999m allocatable (1m short).',
      fix: 'Choose a smaller sizing profile or fewer replicas, or add nodes.',
    });
  });

  it('fails one byte short of memory', () => {
    expect(decideCapacity([req('mysql', 1000, 8 * Gi)], [n('a', 4000, 8 * Gi - 1)]).message).toBe(
      'A pod fits on no node: mysql asks 8Gi memory, the largest node has 8589934591.',
    );
    expect(
      decideCapacity([req('mysql', 1000, 8 * Gi), req('redis', 1000, 1)], [n('a', 4000, 8 * Gi)])
        .message,
    ).toBe(
      'The 1 schedulable node cannot hold every pod: memory 8589934593 requested, 8Gi allocatable (1 short).',
    );
  });

  it('fails a pod larger than every node even when the total fits', () => {
    expect(
      decideCapacity([req('backend', 8000, Gi)], [n('a', 7999, 32 * Gi), n('b', 7999, 32 * Gi)]),
    ).toMatchObject({
      status: 'fail',
      message: 'A pod fits on no node: backend asks 8000m CPU, the largest node has 7999m.',
    });
    expect(decideCapacity([req('backend', 8000, Gi)], [n('a', 8000, Gi)]).status).toBe('pass');
  });

  it('fails without schedulable nodes', () => {
    expect(decideCapacity([req('x', 1, 1)], []).status).toBe('fail');
  });
});

describe('schedulable', () => {
  const ready = { conditions: [{ type: 'Ready', status: 'True' }] };
  it.each<[string, V1Node, boolean]>([
    ['ready', { status: ready }, true],
    ['not ready', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }, false],
    ['cordoned', { spec: { unschedulable: true }, status: ready }, false],
    [
      'NoSchedule taint',
      { spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] }, status: ready },
      false,
    ],
    [
      'PreferNoSchedule taint',
      { spec: { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }, status: ready },
      true,
    ],
  ])('%s', (_, node, yes) => {
    expect(schedulable(node)).toBe(yes);
  });
});
