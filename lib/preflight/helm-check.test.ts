import { describe, expect, it } from 'vitest';
import { decideDryRun } from './helm-check';

describe('decideDryRun', () => {
  it('passes exit 0', () => {
    expect(decideDryRun(0, 'WARNING: x').status).toBe('pass');
  });
  it("quotes helm's last error line", () => {
    expect(
      decideDryRun(
        1,
        'walk.go:74: found symbolic link\nError: UPGRADE FAILED: exceeded quota: q, requested: limits.cpu=3, used: limits.cpu=0, limited: limits.cpu=2\n',
      ),
    ).toEqual({
      status: 'fail',
      message:
        'The server-side dry run failed: UPGRADE FAILED: exceeded quota: q, requested: limits.cpu=3, used: limits.cpu=0, limited: limits.cpu=2',
      fix: 'Fix what the API server refused (quota, admission policy, schema), then run preflight again.',
    });
    expect(decideDryRun(2, '').message).toBe('The server-side dry run failed: helm exited with 2');
  });
  it('a chart helm could not fetch is named as such, with a fix about the chart source', () => {
    const v = decideDryRun(
      1,
      'Error: failed to perform "FetchReference" on source: Get "https://registry-1.docker.io/v2/lightruncom/lightrun-helm-chart/manifests/3.9.4": dial tcp: lookup registry-1.docker.io: no such host\n',
    );
    expect(v.status).toBe('fail');
    expect(v.message).toMatch(/^The chart could not be fetched for the dry run: failed to perform/);
    expect(v.fix).toContain('helm pull works from here');
  });
  // Each of helm's ways of saying it could not get the chart, alone; a quota refusal that
  // mentions a repository word is still the cluster's answer.
  it.each([
    'Error: chart "lightrun" version "9.9.9" not found in https://charts.acme.example repository',
    'Error: chart "lightrun" not found in repository',
    'Error: failed to download "acme/lightrun"',
    'Error: failed to fetch https://charts.acme.example/index.yaml : 404 Not Found',
    'Error: failed to do request: Head "https://r.acme.example/v2/x/manifests/1": EOF',
    'Error: manifest unknown',
    'Error: failed to authorize: failed to fetch oauth token: 401',
    'Error: pull access denied, repository does not exist',
  ])('chart fetch failure: %s', (stderr) => {
    expect(decideDryRun(1, stderr).message).toMatch(/^The chart could not be fetched/);
  });
  it('a refusal that only mentions "not found" and "repository" far apart is the cluster\'s', () => {
    const v = decideDryRun(
      1,
      'Error: namespace "lw" not found in the cluster; see the repository docs',
    );
    expect(v.message).toMatch(/^The server-side dry run failed/);
  });
});
