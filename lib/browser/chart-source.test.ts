import { describe, expect, it } from 'vitest';
import { CHART_HINT, CHART_OPTIONS, DEFAULT_CHART, looksLikeProduction } from './chart-source';

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
    expect(CHART_HINT.bundled).toContain('not Lightrun’s chart');
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
