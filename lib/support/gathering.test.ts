import { describe, expect, it } from 'vitest';
import { apiErrorText } from './gathering';

describe('apiErrorText', () => {
  it("a 403 names the denial with the API's own message and how to grant the read", () => {
    const e = Object.assign(new Error('HTTP-Code: 403 … Headers: {"authorization":"Bearer x"}'), {
      code: 403,
      body: JSON.stringify({
        kind: 'Status',
        message:
          'pods is forbidden: User "dev" cannot list resource "pods" in API group "" in the namespace "lr"',
      }),
    });
    const t = apiErrorText(e, 'pods in lr');
    expect(t).toBe(
      'denied (403 Forbidden): pods is forbidden: User "dev" cannot list resource "pods" in API group "" in the namespace "lr". Grant the context\'s user read access to pods in lr (npm run cli -- preflight --print-rbac USER lists what the install needs).',
    );
    expect(t).not.toContain('Bearer');
  });

  it.each([
    [{ code: 404, body: 'not json' }, 'not found (404).'],
    [{ code: 401, body: { message: 'Unauthorized' } }, 'not authenticated (401): Unauthorized.'],
    [{ code: 500, body: { message: 'line one\nline two' } }, 'HTTP 500: line one.'],
  ])('%j → %s', (err, want) => {
    expect(apiErrorText(Object.assign(new Error('x'), err), 'x')).toBe(want);
  });

  it('a timeout and a network error say so in one line', () => {
    expect(
      apiErrorText(
        Object.assign(new Error('the request (listNode) did not finish within 2 s'), {
          name: 'TimeoutError',
        }),
        'nodes',
      ),
    ).toBe('no answer in time (the request (listNode) did not finish within 2 s).');
    expect(apiErrorText(new Error('connect ECONNREFUSED 127.0.0.1:1\nstack'), 'nodes')).toBe(
      'connect ECONNREFUSED 127.0.0.1:1.',
    );
    expect(apiErrorText(Object.assign(new Error('x'), { code: 'ECONNRESET' }), 'nodes')).toBe('x.');
  });
});
