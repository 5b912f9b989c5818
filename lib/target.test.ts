import { describe, expect, it } from 'vitest';
import { validAnswers } from './answers/__fixtures__/valid-answers';
import { CHART_350_NOT_YET, RequestProblems, resolveAnswers } from './target';

// The cluster actions (install, preflight, release actions) know chart 3.9.4 only: a plan for
// 3.50 is refused, never installed with the bundled 3.9.4 chart.
describe('resolveAnswers', () => {
  it('takes a 3.9.4 plan, and a plan that does not name its chart', () => {
    expect(resolveAnswers(validAnswers()).chart).toBe('3.9.4');
    const { chart: _chart, ...old } = validAnswers();
    expect(resolveAnswers(old).chart).toBe('3.9.4');
  });

  it('refuses a valid 3.50 plan at answers.chart', () => {
    const a = { ...validAnswers(), chart: '3.50.0' as const };
    if (a.secrets.mode === 'chart') a.secrets.encryptionKey = btoa('k'.repeat(32));
    let thrown: unknown;
    try {
      resolveAnswers(a);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RequestProblems);
    expect((thrown as RequestProblems).problems).toEqual([
      { path: 'answers.chart', message: CHART_350_NOT_YET },
    ]);
  });
});
