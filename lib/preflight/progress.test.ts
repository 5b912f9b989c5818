import { describe, expect, it } from 'vitest';
import { applyLine, counts, emptyProgress, settled } from './progress';
import type { CheckResult } from './result';

const plan = {
  plan: [
    { id: 'api', title: 'API', timeoutMs: 5000 },
    { id: 'database', title: 'DB', timeoutMs: 8000 },
  ],
};
const res = (id: string, status: CheckResult['status']): CheckResult => ({
  id,
  title: id,
  status,
  message: `${id} ${status}`,
  fix: '',
});

describe('preflight progress', () => {
  it('lists the plan pending, then fills rows in plan order as results arrive', () => {
    let p = applyLine(emptyProgress(), plan);
    expect(p.rows.map((r) => [r.id, r.result])).toEqual([
      ['api', null],
      ['database', null],
    ]);
    p = applyLine(p, res('database', 'fail'));
    expect(p.rows.map((r) => r.result?.status ?? null)).toEqual([null, 'fail']);
    expect(counts(p)).toEqual({ done: 1, total: 2, pass: 0, warn: 0, fail: 1, blocking: 1 });
    expect(settled(p, []).done).toBe(false);
    p = applyLine(p, res('api', 'pass'));
    expect(settled(p, []).done).toBe(false); // the stream has not ended yet
    expect(settled({ ...p, finished: true }, [])).toEqual({
      done: true,
      fails: ['database'],
      overrides: [],
    });
  });

  it('keeps only overrides of checks that still fail', () => {
    const p = {
      ...[plan, res('api', 'pass'), res('database', 'fail')].reduce(applyLine, emptyProgress()),
      finished: true,
    };
    expect(settled(p, ['database', 'api', 'gone'])).toEqual({
      done: true,
      fails: ['database'],
      overrides: ['database'],
    });
  });

  it('is not done after a stream error, and ignores lines it does not know', () => {
    const p = [plan, res('api', 'pass'), res('database', 'pass'), { junk: true }, null].reduce(
      applyLine,
      emptyProgress(),
    );
    expect(p.rows.length).toBe(2);
    expect(settled({ ...p, finished: true, error: 'connection lost' }, []).done).toBe(false);
    expect(settled({ ...p, finished: true }, []).done).toBe(true);
  });

  it('a result without a plan row is appended', () => {
    expect(applyLine(emptyProgress(), res('x', 'warn')).rows.map((r) => r.id)).toEqual(['x']);
  });
});
