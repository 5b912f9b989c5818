import { describe, expect, it } from 'vitest';
import {
  FAILURES_PER_ADDRESS,
  FAILURES_TOTAL,
  loginRetryAfter,
  recordFailure,
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
  it(`${FAILURES_TOTAL} failures from many addresses limit everyone`, () => {
    const state = { failures: new Map<string, number[]>() };
    for (let i = 0; i < FAILURES_TOTAL - 1; i++) recordFailure(state, `x${i}`, i);
    expect(loginRetryAfter(state, 'new', 100)).toBe(0);
    recordFailure(state, 'last', 100);
    expect(loginRetryAfter(state, 'new', 100)).toBe(60);
  });
  it('old failures are forgotten', () => {
    const state = fail(3);
    recordFailure(state, 'b', 70_000);
    expect([...state.failures.keys()]).toEqual(['b']);
  });
});
