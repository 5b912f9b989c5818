import { describe, expect, it } from 'vitest';
import { profileConflict, profileMismatch, releaseProfile } from './profile-guard';

const meta = (o: object) => JSON.stringify({ name: 'lr', chart: 'lightrun', ...o });
const t = { release: 'lr', namespace: 'ns' };

describe('releaseProfile', () => {
  it.each([
    [meta({ version: '3.9.4' }), '3.9.4'],
    [meta({ version: '3.50.0' }), '3.50.0'],
    // the project's charts say their contract, whatever their own version
    [meta({ version: '0.1.0', annotations: { 'lightrun.com/values-contract': '3.9.4' } }), '3.9.4'],
    [
      meta({ version: '0.2.0', annotations: { 'lightrun.com/values-contract': '3.50.0' } }),
      '3.50.0',
    ],
    [meta({ version: '9.9.9' }), null],
    ['', null],
    ['not json', null],
    ['null', null],
  ])('%s → %s', (json, want) => {
    expect(releaseProfile(json)).toBe(want);
  });
});

describe('profileMismatch', () => {
  it('the same chart, or a release whose chart is unknown: no refusal', () => {
    expect(profileMismatch('3.50.0', '3.50.0', t)).toBeNull();
    expect(profileMismatch('3.9.4', '3.9.4', t)).toBeNull();
    expect(profileMismatch('3.9.4', undefined, t)).toBeNull();
    expect(profileMismatch(null, '3.50.0', t)).toBeNull();
  });
  it('a 3.50 plan over a 3.9.4 release: refused, pointing at the guided upgrade and its plan', () => {
    const m = profileMismatch('3.9.4', '3.50.0', t)!;
    expect(m).toContain('release lr runs chart 3.9.4');
    expect(m).toContain('npm run cli -- upgrade --release lr --namespace ns --to 3.50.0');
    expect(m).toContain('npm run cli -- upgrade-plan --release lr --namespace ns');
    expect(m).toContain('Nothing was changed');
  });
  it('a 3.9.4 plan over a 3.50 release: refused, it cannot be undone', () => {
    const m = profileMismatch('3.50.0', '3.9.4', t)!;
    expect(m).toContain('runs chart 3.50.0');
    expect(m).toContain('§13.3');
    expect(profileMismatch('3.50.0', undefined, t)).toBe(m);
  });
});

describe('profileConflict: what Review says before Install', () => {
  it('the same chart, or a chart that is neither: nothing to say', () => {
    expect(profileConflict('3.50.0', '3.50.0', t)).toBeNull();
    expect(profileConflict('3.9.4', '3.9.4', t)).toBeNull();
    expect(profileConflict('3.9.4', undefined, t)).toBeNull();
    expect(profileConflict(null, '3.50.0', t)).toBeNull();
  });
  it('a 3.50 plan over a 3.9.4 release: the upgrade plan first', () => {
    const c = profileConflict('3.9.4', '3.50.0', t)!;
    expect(c).toMatchObject({ running: '3.9.4', plan: '3.50.0' });
    expect(c.message).toMatch(
      /^Release lr in namespace ns runs chart 3\.9\.4, and this plan is for chart 3\.50\.0: the install would be refused\./,
    );
    expect(c.message).toContain('the upgrade plan lists them');
    expect(c.message).toContain('§13.4');
  });
  it('a 3.9.4 plan over a 3.50 release: it cannot be undone', () => {
    const c = profileConflict('3.50.0', undefined, t)!;
    expect(c).toMatchObject({ running: '3.50.0', plan: '3.9.4' });
    expect(c.message).toContain('cannot go back to 3.9.4');
    expect(c.message).toContain('cannot be undone');
    expect(c.message).toContain('Choose chart 3.50.0 on step 1');
  });
  it('says it exactly when the job refuses', () => {
    for (const running of ['3.9.4', '3.50.0', null] as const)
      for (const plan of ['3.9.4', '3.50.0', undefined] as const)
        expect(profileConflict(running, plan, t) === null).toBe(
          profileMismatch(running, plan, t) === null,
        );
  });
});
