import { describe, expect, it } from 'vitest';
import { oneWayCrossing, oneWayRollbackMessage, type RevisionContract } from './rollback';

const r = (revision: number, contract: string, chart?: string): RevisionContract => ({
  revision,
  contract,
  ...(chart ? { chart } : {}),
});

describe('oneWayCrossing: a rollback from a 3.50 revision to one before 3.50', () => {
  it.each([
    ['3.50 back to 3.9.4', [r(1, '3.9.4'), r(2, '3.50.0')], 1, { to: 1, crossed: 2 }],
    [
      'the first 3.50 revision after the target is named',
      [r(1, '3.9.4'), r(2, '3.9.4'), r(3, '3.50.0'), r(4, '3.50.1')],
      2,
      { to: 2, crossed: 3 },
    ],
    [
      'a later 3.x contract is past the step too',
      [r(1, 'v3.9.4'), r(2, '3.51')],
      1,
      { to: 1, crossed: 2 },
    ],
    ['a 4.x contract is past the step', [r(1, '3.9.4'), r(2, '4.0.0')], 1, { to: 1, crossed: 2 }],
    [
      'back to an earlier 3.9.4 revision before the upgrade, all 3.9.4',
      [r(1, '3.9.4'), r(2, '3.9.4')],
      1,
      null,
    ],
    ['within 3.50', [r(1, '3.9.4'), r(2, '3.50.0'), r(3, '3.50.0')], 2, null],
    ['3.49 to 3.9.4 is not across the step', [r(1, '3.9.4'), r(2, '3.49.9')], 1, null],
    ['an unknown target contract', [r(1, 'main'), r(2, '3.50.0')], 1, null],
    ['an unknown later contract', [r(1, '3.9.4'), r(2, 'latest')], 1, null],
    ['a revision not in the list', [r(1, '3.9.4'), r(2, '3.50.0')], 7, null],
    [
      'only revisions after the target count',
      [r(1, '3.50.0'), r(2, '3.9.4'), r(3, '3.9.4')],
      2,
      null,
    ],
  ])('%s', (_, revisions, to, want) => {
    const c = oneWayCrossing(revisions, to);
    expect(c && { to: c.to.revision, crossed: c.crossed.revision }).toEqual(want);
  });
});

describe('oneWayRollbackMessage', () => {
  it('says why, that nothing changed, and the restore path with the release’s own names', () => {
    const c = oneWayCrossing(
      [r(1, '3.9.4', 'lightrun-0.1.0'), r(2, '3.50.0', 'lightrun-0.2.0')],
      1,
    )!;
    const m = oneWayRollbackMessage(c, { release: 'acme', namespace: 'lr-ns' });
    expect(m).toContain(
      'Rollback of acme to revision 1 (chart lightrun-0.1.0, values contract 3.9.4) refused: revision 2 (chart lightrun-0.2.0, values contract 3.50.0)',
    );
    expect(m).toContain('Nothing was changed.');
    expect(m).toContain(
      '`npm run cli -- restore --release acme --namespace lr-ns --from FILE --yes-restore`',
    );
    expect(m).toContain("the plan page's");
    expect(m).not.toContain('\n');
  });
  it('names the contract alone when the chart is not known', () => {
    const c = oneWayCrossing([r(3, '3.9.4'), r(4, '3.50.0')], 3)!;
    expect(oneWayRollbackMessage(c, { release: 'a', namespace: 'b' })).toContain(
      'revision 3 (values contract 3.9.4) refused: revision 4 (values contract 3.50.0)',
    );
  });
});
