import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM module without types
import { NO_TOKEN_CONSENT as SERVER_CONSENT } from '../../scripts/server/config.mjs';
import {
  FAILURES_PER_ADDRESS,
  NO_TOKEN_CONSENT,
  serverState,
  STATE_KEY,
  loginRetryAfter,
  recordFailure,
  requestSource,
  sessionValid,
} from './server-state';

describe('sessions', () => {
  it.each([
    [undefined, 1000, false],
    ['unknown', 1000, false],
    ['s', 1999, true],
    ['s', 2000, false],
  ])('%s at %i → %s', (id, now, ok) => {
    const state = { sessions: new Map([['s', 2000]]) };
    expect(sessionValid(state, id, now)).toBe(ok);
  });
  it('an expired session is forgotten', () => {
    const state = { sessions: new Map([['s', 2000]]) };
    sessionValid(state, 's', 2000);
    expect(state.sessions.size).toBe(0);
  });
});

describe('requestSource: whom the per-source limits count', () => {
  const req = (h: Record<string, string>) => new Request('http://127.0.0.1:3000/x', { headers: h });
  it('the client the server stamped, else its peer', () => {
    const stamped = { stampsHeaders: true };
    expect(
      requestSource(req({ 'x-lw-client': '10.0.0.7', 'x-lw-peer': '10.0.0.1' }), stamped),
    ).toBe('10.0.0.7');
    expect(requestSource(req({ 'x-lw-peer': '10.0.0.1' }), stamped)).toBe('10.0.0.1');
    expect(requestSource(req({}), stamped)).toBe('unknown');
  });
  it('without the server that stamps them, headers a client sent count for nothing', () => {
    expect(requestSource(req({ 'x-lw-client': 'me' }), { stampsHeaders: false })).toBe('unknown');
  });
});

describe('login rate limit', () => {
  const fail = (n: number, address = 'a', at = 0) => {
    const state = { failures: new Map<string, number[]>() };
    for (let i = 0; i < n; i++) recordFailure(state, address, at + i);
    return state;
  };
  it(`allows ${FAILURES_PER_ADDRESS - 1} failures, then refuses the address for the rest of the minute`, () => {
    expect(loginRetryAfter(fail(FAILURES_PER_ADDRESS - 1), 'a', 10)).toBe(0);
    expect(loginRetryAfter(fail(FAILURES_PER_ADDRESS), 'a', 10)).toBe(60);
    expect(loginRetryAfter(fail(FAILURES_PER_ADDRESS), 'a', 59_999)).toBe(1);
    expect(loginRetryAfter(fail(FAILURES_PER_ADDRESS), 'a', 60_000)).toBe(0);
  });
  it('another address is not limited by one address’s failures', () => {
    expect(loginRetryAfter(fail(FAILURES_PER_ADDRESS), 'b', 10)).toBe(0);
  });
  it('failures from many sources limit none of the others (no lock-out for everyone)', () => {
    const state = { failures: new Map<string, number[]>() };
    for (let i = 0; i < 1000; i++) recordFailure(state, `x${i}`, i % 50);
    expect(loginRetryAfter(state, 'admin', 100)).toBe(0);
  });
  it('old failures are forgotten', () => {
    const state = fail(3);
    recordFailure(state, 'b', 70_000);
    expect([...state.failures.keys()]).toEqual(['b']);
  });
});

describe('without scripts/server.mjs (plain next start / next dev) the guard fails closed', () => {
  const fresh = (env: Record<string, string>) => {
    delete (globalThis as Record<symbol, unknown>)[STATE_KEY];
    try {
      return serverState(env);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[STATE_KEY];
    }
  };
  it('a token is required, and none can match unless LW_ACCESS_TOKEN gives one', () => {
    expect(fresh({})).toMatchObject({ requireToken: true, tokenDigest: null });
    expect(Buffer.from(fresh({ LW_ACCESS_TOKEN: 't' }).tokenDigest!).toString('hex')).toBe(
      createHash('sha256').update('t').digest('hex'),
    );
  });
  it('only the consent value turns it off', () => {
    expect(fresh({ LW_NO_ACCESS_TOKEN: NO_TOKEN_CONSENT }).requireToken).toBe(false);
    expect(fresh({ LW_NO_ACCESS_TOKEN: '1' }).requireToken).toBe(true);
  });
  it('the consent value is the one the server checks', () => {
    expect(NO_TOKEN_CONSENT).toBe(SERVER_CONSENT);
  });
  it('the default state is kept, so a login session outlives its request', () => {
    delete (globalThis as Record<symbol, unknown>)[STATE_KEY];
    try {
      const a = serverState({});
      a.sessions.set('s', 1);
      expect(serverState({}).sessions.get('s')).toBe(1);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[STATE_KEY];
    }
  });
});
