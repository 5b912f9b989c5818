import { describe, expect, it } from 'vitest';
import { listArgs } from './args';
import { chartName, parseReleaseList } from './release-list';

describe('listArgs', () => {
  it('lists every status: helm 3 with --all, helm 4 by default (it has no --all)', () => {
    expect(listArgs(3, { context: 'kind', namespace: null })).toEqual([
      'list',
      '--kube-context=kind',
      '--all-namespaces',
      '--all',
      '--output=json',
    ]);
    expect(listArgs(4, { context: null, namespace: 'lightrun' })).toEqual([
      'list',
      '--namespace=lightrun',
      '--output=json',
    ]);
  });
});

describe('chartName', () => {
  it.each([
    ['lightrun-0.1.0', 'lightrun'],
    ['lightrun-helm-chart-3.9.4', 'lightrun-helm-chart'],
    ['ingress-nginx-4.11.3', 'ingress-nginx'],
    ['cert-manager-v1.15.0', 'cert-manager'],
    ['my-chart-1.0.0-rc-1', 'my-chart'],
    ['noversion', 'noversion'],
  ])('%s → %s', (chart, name) => expect(chartName(chart)).toBe(name));
});

describe('parseReleaseList', () => {
  const json = JSON.stringify([
    {
      name: 'nginx',
      namespace: 'ingress',
      revision: '3',
      updated: '2026-12-01 10:00:00 +0000 UTC',
      status: 'deployed',
      chart: 'ingress-nginx-4.11.3',
      app_version: '1.11.3',
    },
    {
      name: 'lightrun',
      namespace: 'lightrun',
      revision: '2',
      status: 'failed',
      chart: 'lightrun-helm-chart-3.9.4',
      app_version: '1.50.1',
    },
    { name: 'lr', namespace: 'a', revision: 1, status: 'deployed', chart: 'lightrun-0.1.0' },
    { namespace: 'x', chart: 'lightrun-0.1.0' },
    null,
  ]);

  it('reads each release, marks the Lightrun charts and sorts by namespace and name', () => {
    expect(parseReleaseList(json)).toEqual([
      {
        name: 'lr',
        namespace: 'a',
        revision: 1,
        status: 'deployed',
        chart: 'lightrun-0.1.0',
        appVersion: '',
        updated: '',
        lightrun: true,
      },
      {
        name: 'nginx',
        namespace: 'ingress',
        revision: 3,
        status: 'deployed',
        chart: 'ingress-nginx-4.11.3',
        appVersion: '1.11.3',
        updated: '2026-12-01 10:00:00 +0000 UTC',
        lightrun: false,
      },
      {
        name: 'lightrun',
        namespace: 'lightrun',
        revision: 2,
        status: 'failed',
        chart: 'lightrun-helm-chart-3.9.4',
        appVersion: '1.50.1',
        updated: '',
        lightrun: true,
      },
    ]);
  });

  it('reads an empty answer as no release and refuses anything but a list', () => {
    expect(parseReleaseList('')).toEqual([]);
    expect(parseReleaseList('[]\n')).toEqual([]);
    expect(() => parseReleaseList('{"name":"x"}')).toThrow('helm list did not return a list');
  });
});
