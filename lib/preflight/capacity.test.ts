import { describe, expect, it } from 'vitest';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { podRequests, schedulable } from './capacity';

describe('schedulable', () => {
  const ready = { conditions: [{ type: 'Ready', status: 'True' }] };
  it.each<[string, V1Node, boolean]>([
    ['ready', { status: ready }, true],
    ['not ready', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }, false],
    ['cordoned', { spec: { unschedulable: true }, status: ready }, false],
    // taints are judged per pod, with its tolerations (capacity-decide.ts eligible)
    [
      'NoSchedule taint',
      { spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] }, status: ready },
      true,
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

describe('podRequests', () => {
  const c = (cpu?: string, memory?: string, restartPolicy?: string) => ({
    name: 'c',
    ...(restartPolicy ? { restartPolicy } : {}),
    resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } },
  });
  it('sums the containers; no requests count as zero', () => {
    const p: V1Pod = { spec: { containers: [c('250m', '1Gi'), c('750m', '1Gi'), { name: 'x' }] } };
    expect(podRequests(p)).toEqual({ cpu: 1000, mem: 2 * 2 ** 30 });
  });
  it('an init container larger than the containers together sets the request; a smaller one does not', () => {
    const big: V1Pod = { spec: { initContainers: [c('2', '64Mi')], containers: [c('1', '1Gi')] } };
    expect(podRequests(big)).toEqual({ cpu: 2000, mem: 2 ** 30 });
    const small: V1Pod = { spec: { initContainers: [c('1', '1Gi')], containers: [c('1', '1Gi')] } };
    expect(podRequests(small)).toEqual({ cpu: 1000, mem: 2 ** 30 });
  });
  it('a sidecar (init with restartPolicy Always) adds to the containers; the overhead too', () => {
    const p: V1Pod = {
      spec: {
        initContainers: [c('500m', '128Mi', 'Always')],
        containers: [c('1', '1Gi')],
        overhead: { cpu: '100m', memory: '64Mi' },
      },
    };
    expect(podRequests(p)).toEqual({ cpu: 1600, mem: 2 ** 30 + 192 * 2 ** 20 });
  });
});
