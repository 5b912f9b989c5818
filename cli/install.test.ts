import { describe, expect, it } from 'vitest';
import { chartFromFlag } from './install';

describe('--chart', () => {
  it.each([
    // No --chart: the request names none, so the install gets Lightrun's published chart.
    [undefined, undefined, undefined],
    [
      undefined,
      '3.9.5',
      {
        source: 'oci',
        ref: 'oci://registry-1.docker.io/lightruncom/lightrun-helm-chart',
        version: '3.9.5',
      },
    ],
    // "bundled" names the wizard's test and demo chart: it was dropped (and the default installed).
    ['bundled', undefined, { source: 'bundled' }],
    ['oci://h.example/c', '1.0.0', { source: 'oci', ref: 'oci://h.example/c', version: '1.0.0' }],
    ['/p/lr.tgz', undefined, { source: 'tgz', ref: '/p/lr.tgz' }],
    ['/p/chart', undefined, { source: 'dir', ref: '/p/chart' }],
  ])('%s %s → %j', (ref, version, want) => {
    expect(chartFromFlag(ref, version)).toEqual(want);
  });
});
