import { describe, expect, it } from 'vitest';
import { checkLine, summary } from './text';

describe('preflight CLI lines', () => {
  it('prints one line per check with its fix', () => {
    expect(
      checkLine({
        id: 'database',
        title: 'DB',
        status: 'fail',
        message: 'Nothing listens on db:3306 (connection refused).',
        fix: 'Check the host.',
      }),
    ).toBe(
      'FAIL database        Nothing listens on db:3306 (connection refused). Fix: Check the host.',
    );
    expect(checkLine({ id: 'api', title: 'API', status: 'pass', message: 'ok.', fix: '' })).toBe(
      'PASS api             ok.',
    );
  });

  it('exits 2 on any fail, 0 with warnings only', () => {
    const r = (status: 'pass' | 'warn' | 'fail') => ({
      id: 'x',
      title: 'x',
      status,
      message: '',
      fix: '',
    });
    expect(summary([r('pass'), r('warn'), r('fail')])).toEqual({
      line: '3 checks: 1 pass, 1 warn, 1 fail',
      code: 2,
    });
    expect(summary([r('pass'), r('warn')])).toEqual({
      line: '2 checks: 1 pass, 1 warn, 0 fail',
      code: 0,
    });
  });
});
