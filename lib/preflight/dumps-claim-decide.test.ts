import { describe, expect, it } from 'vitest';
import { decideDumpsClaims, wantedDumpsClaims, type ClaimFacts } from './dumps-claim-decide';

// The heap-dump claim check of a chart 3.50 plan (docs/chart-3.50.md §4): which claims the
// values mount and by whom, and what the namespace's claim says about it.
const dumps = (claim: string) => ({ dumpsPersistence: { enabled: true, existingClaim: claim } });
const values = (over: Record<string, unknown> = {}) => ({
  general: { crons: { enabled: true } },
  deployments: {
    backend: { replicas: 1, hpa: { enabled: false, maxReplicas: 5 }, ...dumps('d') },
    crons: dumps('d'),
  },
  ...over,
});

describe('wantedDumpsClaims', () => {
  it('one claim shared by backend and crons; crons off leaves the backend alone', () => {
    expect(wantedDumpsClaims(values())).toEqual([
      { name: 'd', pods: ['the backend pod', 'crons'] },
    ]);
    expect(wantedDumpsClaims(values({ general: { crons: { enabled: false } } }))).toEqual([
      { name: 'd', pods: ['the backend pod'] },
    ]);
  });
  it('the backend’s most pods: replicas, or the autoscaler’s maximum', () => {
    const v = values({
      general: { crons: { enabled: false } },
      deployments: {
        backend: { replicas: 1, hpa: { enabled: true, maxReplicas: 4 }, ...dumps('d') },
      },
    });
    expect(wantedDumpsClaims(v)).toEqual([{ name: 'd', pods: ['up to 4 backend pods'] }]);
  });
  it('none when off, or enabled without a name (T5 is refused at entry)', () => {
    expect(wantedDumpsClaims({ deployments: { backend: {} } })).toEqual([]);
    expect(wantedDumpsClaims({ deployments: { backend: dumps('') } })).toEqual([]);
  });
});

describe('decideDumpsClaims', () => {
  const found = (modes: string[], phase = 'Bound'): ClaimFacts => ({
    name: 'd',
    found: true,
    accessModes: modes,
    phase,
  });
  const shared = [{ name: 'd', pods: ['the backend pod', 'crons'] }];
  const alone = [{ name: 'd', pods: ['the backend pod'] }];
  const decide = (w: typeof shared, f: ClaimFacts) => decideDumpsClaims(w, [f], 'ns1');

  it('missing: fails naming the claim and the namespace', () => {
    expect(decide(shared, { name: 'd', found: false })).toMatchObject({
      status: 'fail',
      message:
        'PersistentVolumeClaim d (heap dumps) does not exist in namespace ns1: the backend would never start.',
    });
  });
  it('ReadWriteMany passes shared; ReadWriteOnce passes alone, warns shared', () => {
    expect(decide(shared, found(['ReadWriteMany'])).status).toBe('pass');
    expect(decide(alone, found(['ReadWriteOnce'])).status).toBe('pass');
    expect(decide(shared, found(['ReadWriteOnce']))).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(/is ReadWriteOnce, but the backend pod and crons mount it/),
    });
  });
  it('ReadWriteOncePod shared and ReadOnlyMany fail; a Lost claim fails', () => {
    expect(decide(shared, found(['ReadWriteOncePod'])).status).toBe('fail');
    expect(decide(alone, found(['ReadWriteOncePod'])).status).toBe('pass');
    expect(decide(alone, found(['ReadOnlyMany'])).status).toBe('fail');
    expect(decide(alone, found(['ReadWriteMany'], 'Lost')).status).toBe('fail');
  });
  it('unreadable: a warning with the API’s reason', () => {
    expect(
      decide(alone, { name: 'd', found: 'unknown', error: 'HTTP 403: forbidden' }),
    ).toMatchObject({
      status: 'warn',
      message: 'Could not read PersistentVolumeClaim d: HTTP 403: forbidden.',
    });
  });
});
