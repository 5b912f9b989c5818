import { describe, expect, it } from 'vitest';
import { describeCredentialError, describeProbeError } from './probe-error';

const S = 'https://10.0.0.1:6443';
const fetchErr = (code: string) =>
  Object.assign(new Error(`request to ${S}/version failed, reason: connect ${code} token=sekrit`), {
    name: 'FetchError',
    type: 'system',
    code,
    errno: code,
  });

describe('describeProbeError', () => {
  it.each([
    {
      err: Object.assign(new Error('The operation was aborted.'), {
        name: 'AbortError',
        type: 'aborted',
      }),
      msg: `The API server at ${S} did not answer within 4 s.`,
    },
    {
      err: Object.assign(new Error('timeout'), { name: 'TimeoutError' }),
      msg: `The API server at ${S} did not answer within 4 s.`,
    },
    { err: fetchErr('ECONNREFUSED'), msg: `Nothing is listening at ${S} (connection refused).` },
    { err: fetchErr('ENOTFOUND'), msg: `The host name of ${S} cannot be resolved (DNS).` },
    { err: fetchErr('EAI_AGAIN'), msg: `The host name of ${S} cannot be resolved (DNS).` },
    {
      err: fetchErr('EHOSTUNREACH'),
      msg: `The API server at ${S} cannot be reached (EHOSTUNREACH).`,
    },
    {
      err: fetchErr('ECONNRESET'),
      msg: `The connection to ${S} was closed by the other side (ECONNRESET).`,
    },
    {
      err: fetchErr('DEPTH_ZERO_SELF_SIGNED_CERT'),
      msg: `The certificate of ${S} is self-signed and not trusted (DEPTH_ZERO_SELF_SIGNED_CERT).`,
    },
    {
      err: fetchErr('ERR_TLS_CERT_ALTNAME_INVALID'),
      msg: `The certificate of ${S} does not name this server address (ERR_TLS_CERT_ALTNAME_INVALID).`,
    },
    {
      err: { code: 401, body: 'token sekrit' },
      msg: `The API server at ${S} rejected the credentials of context "dev" (401 Unauthorized).`,
    },
    { err: { code: 403 }, msg: `The API server at ${S} refused context "dev" (403 Forbidden).` },
    { err: { code: 404 }, msg: `The API server at ${S} answered HTTP 404.` },
    { err: { code: 600 }, msg: `The API server at ${S} could not be reached (600).` },
    {
      err: { cause: { code: 'ECONNREFUSED' } },
      msg: `Nothing is listening at ${S} (connection refused).`,
    },
    { err: new Error('boom sekrit'), msg: `The API server at ${S} could not be reached.` },
    { err: 'not an error', msg: `The API server at ${S} could not be reached.` },
  ])('$msg', ({ err, msg }) => {
    const r = describeProbeError(err, S, 'dev', 4000);
    expect(r.message).toBe(msg);
    expect(r.fix.length).toBeGreaterThan(10);
    expect(JSON.stringify(r)).not.toContain('sekrit');
  });
  it('rounds the timeout to a tenth of a second', () => {
    expect(describeProbeError({ name: 'AbortError' }, S, 'dev', 2550).message).toBe(
      `The API server at ${S} did not answer within 2.6 s.`,
    );
  });
  it('names the context in the kubectl command of the fix', () => {
    expect(describeProbeError(fetchErr('ECONNREFUSED'), S, 'prod-eu', 4000).fix).toContain(
      'kubectl --context prod-eu cluster-info',
    );
  });
});

describe('describeCredentialError', () => {
  const base = { context: 'eks', user: 'admin', timeoutMs: 4000, timedOut: false };
  it.each([
    {
      x: { ...base, err: new Error('x'), timedOut: true, command: '/usr/local/bin/aws' },
      msg: 'The credential plugin `aws` of user "admin" did not finish within 4 s.',
      fix: /waiting for a login/,
    },
    {
      x: {
        ...base,
        err: Object.assign(new Error('spawn aws ENOENT'), {
          code: 'ENOENT',
          syscall: 'spawn aws',
          path: 'aws',
        }),
        command: 'aws',
      },
      msg: 'The credential plugin `aws` of user "admin" is not installed on this machine (not found on PATH).',
      fix: /Install/,
    },
    {
      x: {
        ...base,
        err: Object.assign(new Error('ENOENT'), {
          code: 'ENOENT',
          syscall: 'open',
          path: '/k/client.crt',
        }),
      },
      msg: 'The file /k/client.crt, named by the kubeconfig for context "eks", does not exist.',
      fix: /relative to the kubeconfig file/,
    },
    {
      x: { ...base, err: new Error('sso session expired sekrit'), command: 'kubelogin' },
      msg: 'The credential plugin `kubelogin` of user "admin" failed.',
      fix: /kubectl --context eks get --raw \/version/,
    },
    {
      x: { ...base, err: Object.assign(new Error('e'), { code: 'EACCES' }) },
      msg: 'The credentials of context "eks" could not be prepared (EACCES).',
      fix: /kubectl --context eks/,
    },
    {
      x: { ...base, err: 'weird' },
      msg: 'The credentials of context "eks" could not be prepared.',
      fix: /kubectl --context eks/,
    },
  ])('$msg', ({ x, msg, fix }) => {
    const r = describeCredentialError(x);
    expect(r.message).toBe(msg);
    expect(r.fix).toMatch(fix);
    expect(JSON.stringify(r)).not.toContain('sekrit');
  });
});
