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
});
