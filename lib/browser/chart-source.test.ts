import { describe, expect, it } from 'vitest';
import {
  CHART_OPTIONS,
  DEFAULT_CHART,
  chartForPlan,
  chartHint,
  defaultChartFor,
  looksLikeProduction,
} from './chart-source';

describe('the install panel’s chart', () => {
  it('defaults to Lightrun’s published chart at its version (issue 25 #4)', () => {
    expect(DEFAULT_CHART).toEqual({
      source: 'oci',
      ref: 'oci://registry-1.docker.io/lightruncom/lightrun-helm-chart',
      version: '3.9.4',
    });
  });
  it('says plainly that the bundled chart is the project’s test and demo chart, not Lightrun’s', () => {
    expect(CHART_OPTIONS.bundled).toBe('The wizard’s test and demo chart (not Lightrun’s)');
    expect(chartHint('bundled', '3.9.4')).toContain('not Lightrun’s chart');
    expect(chartHint('bundled', '3.50.0')).toContain('not Lightrun’s chart');
  });
  it('names the bundled chart and the published version of the plan’s profile', () => {
    expect(chartHint('bundled', '3.50.0')).toContain('chart-3.50/');
    expect(chartHint('bundled', '3.9.4')).toContain('chart/ folder (lightrun 0.1.0');
    expect(chartHint('bundled', undefined)).toContain('chart/ folder (lightrun 0.1.0');
    expect(chartHint('oci', '3.50.0')).toContain('at 3.50.0;');
    expect(chartHint('tgz', '3.50.0')).toContain('--version 3.50.0');
    expect(chartHint('oci', '3.9.4')).toContain('at 3.9.4;');
  });
  it('offers Lightrun’s chart at the plan’s version', () => {
    expect(defaultChartFor('3.50.0')).toEqual({ ...DEFAULT_CHART, version: '3.50.0' });
    expect(defaultChartFor(undefined)).toEqual(DEFAULT_CHART);
  });
  it('Lightrun’s chart at a profile’s version follows the plan; anything else stays the admin’s', () => {
    expect(chartForPlan(DEFAULT_CHART, '3.50.0').version).toBe('3.50.0');
    expect(chartForPlan({ ...DEFAULT_CHART, version: '3.50.0' }, '3.9.4').version).toBe('3.9.4');
    const pinned = { ...DEFAULT_CHART, version: '3.50.1' };
    expect(chartForPlan(pinned, '3.50.0')).toBe(pinned);
    const mirror = { ...DEFAULT_CHART, ref: 'oci://mirror.example/lr' };
    expect(chartForPlan(mirror, '3.50.0')).toBe(mirror);
    const bundled = { source: 'bundled' as const, ref: '', version: '' };
    expect(chartForPlan(bundled, '3.50.0')).toBe(bundled);
  });
});

describe('looksLikeProduction', () => {
  it.each([
    [{ server: 'https://127.0.0.1:27443', context: 'lw' }, false],
    [{ server: 'https://localhost:6443', context: 'x' }, false],
    [{ server: 'https://[::1]:6443', context: 'x' }, false],
    [{ server: 'https://kubernetes.docker.internal:6443', context: 'docker-desktop' }, false],
    [{ server: 'https://10.0.0.5:6443', context: 'kind-dev' }, false],
    [{ server: 'https://192.168.49.2:8443', context: 'dev' }, false],
    [{ server: 'https://api.prod.example.com:6443', context: 'prod' }, true],
    [{ server: 'https://10.0.0.5:6443', context: 'ops' }, true],
    [{ server: null, context: null }, false],
    [{ server: 'not a url', context: 'x' }, false],
  ])('%j → %s', (c, want) => {
    expect(looksLikeProduction(c)).toBe(want);
  });
});
