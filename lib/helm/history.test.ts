import { describe, expect, it } from 'vitest';
import { parseHistory, previousRevision, releaseState } from './history';

const h = (...s: string[]) => s.map((status, i) => ({ revision: i + 1, status }));

describe('releaseState', () => {
  it.each([
    ['no history', [], { kind: 'absent' }],
    ['deployed', h('superseded', 'deployed'), { kind: 'ok', revision: 2, status: 'deployed' }],
    ['failed is not stuck', h('deployed', 'failed'), { kind: 'ok', revision: 2, status: 'failed' }],
    [
      'pending-upgrade rolls back to the last deployed',
      h('superseded', 'deployed', 'pending-upgrade'),
      {
        kind: 'pending',
        revision: 3,
        status: 'pending-upgrade',
        recovery: { action: 'rollback', toRevision: 2 },
      },
    ],
    [
      'pending-upgrade skips a failed revision',
      h('deployed', 'failed', 'pending-upgrade'),
      {
        kind: 'pending',
        revision: 3,
        status: 'pending-upgrade',
        recovery: { action: 'rollback', toRevision: 1 },
      },
    ],
    [
      'pending-install that never deployed is uninstalled',
      h('pending-install'),
      {
        kind: 'pending',
        revision: 1,
        status: 'pending-install',
        recovery: { action: 'uninstall' },
      },
    ],
    [
      'pending-rollback',
      h('deployed', 'superseded', 'pending-rollback'),
      {
        kind: 'pending',
        revision: 3,
        status: 'pending-rollback',
        recovery: { action: 'rollback', toRevision: 2 },
      },
    ],
  ])('%s', (_n, history, want) => {
    expect(releaseState(history)).toEqual(want);
  });
});

describe('previousRevision', () => {
  it.each([
    [h(), null],
    [h('deployed'), null],
    [h('superseded', 'deployed'), 1],
    [h('superseded', 'failed', 'deployed'), 1],
  ])('%j -> %j', (history, want) => {
    expect(previousRevision(history)).toBe(want);
  });
});

describe('parseHistory', () => {
  it('sorts by revision and drops malformed entries', () => {
    expect(
      parseHistory(
        '[{"revision":2,"status":"deployed"},{"revision":1,"status":"superseded"},{"status":"x"}]',
      ),
    ).toEqual([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'deployed' },
    ]);
    expect(() => parseHistory('{"a":1}')).toThrow('helm history did not return a list');
  });
});
