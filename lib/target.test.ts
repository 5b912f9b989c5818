import { describe, expect, it } from 'vitest';
import { validAnswers } from './answers/__fixtures__/valid-answers';
import { resolveAnswers } from './target';

// The cluster actions (install, preflight, release actions) take a plan for either chart: the
// install and the preflight then use the chart of its profile (lib/install/request resolveChart).
describe('resolveAnswers', () => {
  it('takes a 3.9.4 plan, and a plan that does not name its chart', () => {
    expect(resolveAnswers(validAnswers()).chart).toBe('3.9.4');
    const { chart: _chart, ...old } = validAnswers();
    expect(resolveAnswers(old).chart).toBe('3.9.4');
  });

  it('takes a valid 3.50 plan, its chart kept', () => {
    const a = { ...validAnswers(), chart: '3.50.0' as const };
    if (a.secrets.mode === 'chart') a.secrets.encryptionKey = btoa('k'.repeat(32));
    expect(resolveAnswers(a).chart).toBe('3.50.0');
  });
});
