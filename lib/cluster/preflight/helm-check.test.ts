import { describe, expect, it } from 'vitest';
import { decideDryRun, decideHelmVersion } from './helm-check';

describe('decideHelmVersion', () => {
  it.each([
    ['v3.11.3+g1234', 'fail'], ['v3.12.0+g1234', 'pass'], ['v3.22.0', 'pass'], ['v4.3.1', 'pass'], ['v2.17.0', 'fail'], ['garbage', 'fail'],
  ])('%s -> %s', (out, status) => {
    expect(decideHelmVersion(out).status).toBe(status);
  });
  it('names a missing helm', () => {
    expect(decideHelmVersion(null, 'not on PATH')).toEqual({ status: 'fail', message: 'helm was not found: not on PATH.', fix: 'Install helm 3.12+ or helm 4 and put it on PATH (or set HELM to its path).' });
    expect(decideHelmVersion('v4.3.1\n').message).toBe('helm v4.3.1 is supported.');
  });
});

describe('decideDryRun', () => {
  it('passes exit 0', () => {
    expect(decideDryRun(0, 'WARNING: x').status).toBe('pass');
  });
  it("quotes helm's last error line", () => {
    expect(decideDryRun(1, 'walk.go:74: found symbolic link\nError: UPGRADE FAILED: exceeded quota: q, requested: limits.cpu=3, used: limits.cpu=0, limited: limits.cpu=2\n')).toEqual({
      status: 'fail',
      message: 'The server-side dry run failed: UPGRADE FAILED: exceeded quota: q, requested: limits.cpu=3, used: limits.cpu=0, limited: limits.cpu=2',
      fix: 'Fix what the API server refused (quota, admission policy, schema), then run preflight again.',
    });
    expect(decideDryRun(2, '').message).toBe('The server-side dry run failed: helm exited with 2');
  });
});
