import { describe, expect, it } from 'vitest';
import type { Answers } from '@/lib/answers';
import { createServerValidation, issuesOfResponse, toFieldErrors } from './server-validation';

const answers = (endpoint: string) => ({ general: { endpoint } }) as unknown as Answers;

/** A fake server: answers each request with one issue naming the endpoint it was sent. */
function fakeServer() {
  const bodies: string[] = [];
  const fetchImpl = async (_url: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(String(init?.body));
    const endpoint = (JSON.parse(String(init?.body)) as { general: { endpoint: string } }).general
      .endpoint;
    await new Promise((r) => setTimeout(r, 5));
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return Response.json(
      { issues: [{ path: ['general', 'endpoint'], message: `bad ${endpoint}` }] },
      { status: 200 },
    );
  };
  return { bodies, fetchImpl };
}

describe('server validation', () => {
  it('checks made in quick succession share one request, and all get the newest answers’ issues', async () => {
    const server = fakeServer();
    const v = createServerValidation({ delay: 10, fetchImpl: server.fetchImpl });
    const results = await Promise.all(['a', 'ab', 'abc'].map((e) => v.check(answers(e))));
    expect(server.bodies).toHaveLength(1);
    expect(results.map((r) => r[0]!.message)).toEqual(['bad abc', 'bad abc', 'bad abc']);
    expect(v.getState()).toEqual({
      issues: [{ path: ['general', 'endpoint'], message: 'bad abc' }],
      pending: false,
    });
  });

  it('a newer check aborts the request in flight; its callers get the newer result', async () => {
    const server = fakeServer();
    const v = createServerValidation({ delay: 0, fetchImpl: server.fetchImpl });
    const first = v.check(answers('old'));
    await new Promise((r) => setTimeout(r, 2)); // the first request is in flight
    const second = v.check(answers('new'));
    expect((await first)[0]!.message).toBe('bad new');
    expect((await second)[0]!.message).toBe('bad new');
    expect(server.bodies).toHaveLength(2);
  });

  it('the resolver gives nested react-hook-form errors; an unreachable server is an error too', async () => {
    const v = createServerValidation({
      delay: 0,
      fetchImpl: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const r = await v.resolver(answers('x'), undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    });
    expect(r.errors.root?.server?.message).toMatch(/could not be checked/);
    expect(
      toFieldErrors([
        { path: ['networkPolicy', 'ingress', 'cidrs', 1], message: 'twice' },
        { path: ['networkPolicy', 'ingress', 'cidrs', 1], message: 'later' },
      ]),
    ).toEqual({
      networkPolicy: { ingress: { cidrs: [undefined, { type: 'server', message: 'twice' }] } },
    });
  });
});

describe('issuesOfResponse', () => {
  const form = (message: string) => [{ path: [], message }];
  it.each([
    [
      '200 with issues: the check result',
      200,
      { issues: [{ path: ['a'], message: 'm' }] },
      [{ path: ['a'], message: 'm' }],
    ],
    ['200 valid', 200, { issues: [] }, []],
    [
      '413 names the limit',
      413,
      { error: 'The request is larger than 2 MiB, the most answers validation can take.' },
      form(
        'The server refused the check (413): The request is larger than 2 MiB, the most answers validation can take.',
      ),
    ],
    [
      '403 cross-origin',
      403,
      { error: 'Cross-origin request refused.' },
      form('The server refused the check (403): Cross-origin request refused.'),
    ],
    [
      '401 signed out',
      401,
      { error: 'Sign in first.' },
      form('Your session with the wizard’s server ended: reload the page and sign in again.'),
    ],
    [
      '422 with issues is not a check result',
      422,
      { issues: [{ path: ['a'], message: 'm' }] },
      form(
        'The answers could not be checked: is the wizard’s server still running? Change any answer to try again.',
      ),
    ],
    [
      '500 without JSON',
      500,
      null,
      form(
        'The answers could not be checked: is the wizard’s server still running? Change any answer to try again.',
      ),
    ],
  ])('%s', (_, status, body, expected) => {
    expect(issuesOfResponse(status, body)).toEqual(expected);
  });
});
