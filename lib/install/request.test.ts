import { describe, expect, it } from 'vitest';
import { resolveChart, vendorChartVersion } from './request';
import { RequestProblems, resolveTarget } from '../target';

const fs = {
  isDir: (p: string) => p === '/c',
  isFile: (p: string) => p === '/c/Chart.yaml' || p === '/p/lr.tgz',
  resolve: (p: string) => p,
};
const problems = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof RequestProblems) return e.problems;
    throw e;
  }
  return [];
};

describe('resolveTarget', () => {
  it('fills the defaults', () => {
    expect(resolveTarget({})).toEqual({
      context: null,
      namespace: 'lightrun',
      release: 'lightrun',
    });
    expect(resolveTarget({ context: '', namespace: 'ns', release: 'r' })).toEqual({
      context: null,
      namespace: 'ns',
      release: 'r',
    });
  });
  it('names every bad field', () => {
    expect(
      problems(() => resolveTarget({ context: '-x', namespace: 'A', release: '; rm -rf /' })),
    ).toEqual([
      { path: 'context', message: 'A context name may not start with "-".' },
      {
        path: 'namespace',
        message:
          'Use lower-case letters, digits and "-", starting and ending with a letter or digit.',
      },
      {
        path: 'release',
        message:
          'Use lower-case letters, digits and "-" (dots between parts), starting and ending with a letter or digit.',
      },
    ]);
  });
});

describe('resolveChart', () => {
  it.each([
    // No chart named: Lightrun's published chart at its version (issue 25 #4), not the bundled one.
    [
      undefined,
      {
        chart: 'oci://registry-1.docker.io/lightruncom/lightrun-helm-chart',
        chartVersion: '3.9.4',
      },
    ],
    [{ source: 'bundled' as const }, { chart: '/bundled' }],
    [{ source: 'dir' as const, ref: '/c' }, { chart: '/c' }],
    [{ source: 'tgz' as const, ref: '/p/lr.tgz' }, { chart: '/p/lr.tgz' }],
    [
      { source: 'oci' as const, ref: 'oci://registry-1.docker.io/lightruncom/lightrun-helm-chart' },
      {
        chart: 'oci://registry-1.docker.io/lightruncom/lightrun-helm-chart',
        chartVersion: '3.9.4',
      },
    ],
    [
      { source: 'oci' as const, ref: 'oci://h.example/c', version: '1.2.3' },
      { chart: 'oci://h.example/c', chartVersion: '1.2.3' },
    ],
  ])('%j', (c, want) => {
    expect(resolveChart(c, '/bundled', fs)).toEqual(want);
  });
  it('refuses an option-looking ref and a version on a directory', () => {
    expect(
      problems(() => resolveChart({ source: 'dir', ref: '--post-renderer=/bin/sh' }, '/b', fs)),
    ).toEqual([{ path: 'chart.ref', message: 'A chart reference may not start with "-".' }]);
    expect(
      problems(() => resolveChart({ source: 'dir', ref: '/c', version: '1.0.0' }, '/b', fs)),
    ).toEqual([
      {
        path: 'chart.version',
        message: 'A version applies to an oci:// chart only; a directory is the version it holds.',
      },
    ]);
  });
});

describe('the chart of a plan’s profile', () => {
  const vendor = 'oci://registry-1.docker.io/lightruncom/lightrun-helm-chart';
  it('no chart named: Lightrun’s published chart at the plan’s version (3.50.0 for a 3.50 plan)', () => {
    expect(vendorChartVersion('3.50.0')).toBe('3.50.0');
    expect(vendorChartVersion('3.9.4')).toBe('3.9.4');
    expect(vendorChartVersion(undefined)).toBe('3.9.4');
    expect(resolveChart(undefined, '/b', fs, vendorChartVersion('3.50.0'))).toEqual({
      chart: vendor,
      chartVersion: '3.50.0',
    });
    // the vendor's reference without a version: the plan's version too
    expect(
      resolveChart({ source: 'oci', ref: vendor }, '/b', fs, vendorChartVersion('3.50.0')),
    ).toEqual({ chart: vendor, chartVersion: '3.50.0' });
    // a version the admin names stays theirs
    expect(
      resolveChart({ source: 'oci', ref: vendor, version: '3.9.4' }, '/b', fs, '3.50.0'),
    ).toEqual({ chart: vendor, chartVersion: '3.9.4' });
  });
  it('`bundled` is the directory the caller gives for the profile', () => {
    expect(resolveChart({ source: 'bundled' }, '/repo/chart-3.50', fs, '3.50.0')).toEqual({
      chart: '/repo/chart-3.50',
    });
  });
});
