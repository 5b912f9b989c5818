import { describe, expect, it } from 'vitest';
import { describeCredentialError, describeProbeError } from './probe-error';

const S = 'https://10.0.0.1:6443';
const CHECK = 'Check it with `kubectl --context dev cluster-info`.';
const TLS_FIX =
  'Use the kubeconfig your cluster provider gives (its certificate-authority-data must match the server); never switch off TLS verification for a cluster holding production secrets.';
const sys = (code: string) => ({ name: 'FetchError', type: 'system', code });

// The exact message and fix of every case: the fixes are what the admin acts on.
describe('describeProbeError: message and fix', () => {
  it.each([
    [
      '401',
      { code: 401 },
      `The API server at ${S} rejected the credentials of context "dev" (401 Unauthorized).`,
      `The token or client certificate has expired or is wrong: get a fresh kubeconfig from your cluster provider. ${CHECK}`,
    ],
    [
      '403',
      { code: 403 },
      `The API server at ${S} refused context "dev" (403 Forbidden).`,
      "Ask your cluster admin for read access (the wizard needs at least get on /version and the namespace's objects).",
    ],
    [
      '100: the lowest HTTP status',
      { code: 100 },
      `The API server at ${S} answered HTTP 100.`,
      `Is ${S} a Kubernetes API server? ${CHECK}`,
    ],
    [
      '599: the highest HTTP status',
      { code: 599 },
      `The API server at ${S} answered HTTP 599.`,
      `Is ${S} a Kubernetes API server? ${CHECK}`,
    ],
    ['99: not a status', { code: 99 }, `The API server at ${S} could not be reached (99).`, CHECK],
    [
      'a numeric code as text is not a status',
      { code: '503' },
      `The API server at ${S} could not be reached (503).`,
      CHECK,
    ],
    [
      'abort',
      { name: 'AbortError' },
      `The API server at ${S} did not answer within 4 s.`,
      `Check the address, VPN and firewall between this machine and the cluster. ${CHECK}`,
    ],
    [
      'aborted type',
      { type: 'aborted' },
      `The API server at ${S} did not answer within 4 s.`,
      `Check the address, VPN and firewall between this machine and the cluster. ${CHECK}`,
    ],
    [
      'refused',
      sys('ECONNREFUSED'),
      `Nothing is listening at ${S} (connection refused).`,
      `Is the cluster running and is the server address in the kubeconfig right? ${CHECK}`,
    ],
    [
      'DNS',
      sys('ENOTFOUND'),
      `The host name of ${S} cannot be resolved (DNS).`,
      `Check the server address in the kubeconfig and this machine's DNS or VPN. ${CHECK}`,
    ],
    [
      'timed out',
      sys('ETIMEDOUT'),
      `The API server at ${S} cannot be reached (ETIMEDOUT).`,
      `Check the network route, VPN and firewall to the cluster. ${CHECK}`,
    ],
    [
      'net unreachable',
      sys('ENETUNREACH'),
      `The API server at ${S} cannot be reached (ENETUNREACH).`,
      `Check the network route, VPN and firewall to the cluster. ${CHECK}`,
    ],
    [
      'host unreachable',
      sys('EHOSTUNREACH'),
      `The API server at ${S} cannot be reached (EHOSTUNREACH).`,
      `Check the network route, VPN and firewall to the cluster. ${CHECK}`,
    ],
    [
      'reset',
      sys('ECONNRESET'),
      `The connection to ${S} was closed by the other side (ECONNRESET).`,
      `A proxy or firewall may be cutting the connection, or the server is not an API server. ${CHECK}`,
    ],
    [
      'pipe',
      sys('EPIPE'),
      `The connection to ${S} was closed by the other side (EPIPE).`,
      `A proxy or firewall may be cutting the connection, or the server is not an API server. ${CHECK}`,
    ],
    [
      'self-signed CA',
      sys('SELF_SIGNED_CERT_IN_CHAIN'),
      `The certificate of ${S} is signed by an untrusted self-signed CA (SELF_SIGNED_CERT_IN_CHAIN).`,
      TLS_FIX,
    ],
    [
      'leaf',
      sys('UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
      `The certificate of ${S} cannot be verified against the kubeconfig's CA (UNABLE_TO_VERIFY_LEAF_SIGNATURE).`,
      TLS_FIX,
    ],
    [
      'issuer',
      sys('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'),
      `The certificate of ${S} was issued by a CA the kubeconfig does not hold (UNABLE_TO_GET_ISSUER_CERT_LOCALLY).`,
      TLS_FIX,
    ],
    [
      'expired',
      sys('CERT_HAS_EXPIRED'),
      `The certificate of ${S} has expired (CERT_HAS_EXPIRED).`,
      TLS_FIX,
    ],
    [
      'errno only',
      { errno: 'ECONNREFUSED' },
      `Nothing is listening at ${S} (connection refused).`,
      `Is the cluster running and is the server address in the kubeconfig right? ${CHECK}`,
    ],
    [
      'code wins over the cause',
      { code: 'EPIPE', cause: { code: 'ECONNREFUSED' } },
      `The connection to ${S} was closed by the other side (EPIPE).`,
      `A proxy or firewall may be cutting the connection, or the server is not an API server. ${CHECK}`,
    ],
    [
      'a cause that is not an object',
      { cause: 'ECONNREFUSED' },
      `The API server at ${S} could not be reached.`,
      CHECK,
    ],
    [
      'an unknown code',
      sys('EWHATEVER'),
      `The API server at ${S} could not be reached (EWHATEVER).`,
      CHECK,
    ],
    ['null', null, `The API server at ${S} could not be reached.`, CHECK],
  ] as const)('%s', (_n, err, message, fix) => {
    expect(describeProbeError(err, S, 'dev', 4000)).toEqual({ message, fix });
  });

  it('the timeout in tenths of a second', () => {
    expect(describeProbeError({ name: 'TimeoutError' }, S, 'dev', 10_000).message).toBe(
      `The API server at ${S} did not answer within 10 s.`,
    );
    expect(describeProbeError({ name: 'TimeoutError' }, S, 'dev', 1234).message).toBe(
      `The API server at ${S} did not answer within 1.2 s.`,
    );
  });
});

describe('describeCredentialError: message and fix', () => {
  const see =
    'Run `kubectl --context eks get --raw /version` in a terminal to see its own message.';
  const base = { context: 'eks', user: 'admin', timeoutMs: 2500, timedOut: false };
  it.each([
    [
      'plugin timed out, Windows path',
      { ...base, timedOut: true, err: {}, command: 'C:\\tools\\kubelogin.exe' },
      'The credential plugin `kubelogin.exe` of user "admin" did not finish within 2.5 s.',
      `It may be waiting for a login. ${see} Complete the login there, then retry.`,
    ],
    [
      'timed out without a plugin: not a plugin message',
      { ...base, timedOut: true, err: { code: 'ETIMEDOUT' } },
      'The credentials of context "eks" could not be prepared (ETIMEDOUT).',
      see,
    ],
    [
      'plugin missing',
      { ...base, err: { code: 'ENOENT', syscall: 'spawn aws' }, command: 'aws' },
      'The credential plugin `aws` of user "admin" is not installed on this machine (not found on PATH).',
      "Install the command the kubeconfig's exec section names, or use a kubeconfig with a token or client certificate.",
    ],
    [
      'ENOENT of a spawn without a plugin and without a path',
      { ...base, err: { code: 'ENOENT', syscall: 'spawn x' } },
      'The credentials of context "eks" could not be prepared (ENOENT).',
      see,
    ],
    [
      'ENOENT of an open by the plugin: the file',
      { ...base, err: { code: 'ENOENT', syscall: 'open', path: '/k/ca.crt' }, command: 'aws' },
      'The file /k/ca.crt, named by the kubeconfig for context "eks", does not exist.',
      'Fix the certificate or key path in the kubeconfig (relative paths are relative to the kubeconfig file).',
    ],
    [
      'another code with a path is not a missing file',
      { ...base, err: { code: 'EACCES', path: '/k/ca.crt' } },
      'The credentials of context "eks" could not be prepared (EACCES).',
      see,
    ],
    [
      'the plugin cannot be started for another reason: it failed, it is not missing',
      { ...base, err: { code: 'EACCES', syscall: 'spawn aws' }, command: 'aws' },
      'The credential plugin `aws` of user "admin" failed.',
      see,
    ],
    [
      'plugin failed',
      { ...base, err: { code: 'EXIT_1' }, command: '/bin/gke-gcloud-auth-plugin' },
      'The credential plugin `gke-gcloud-auth-plugin` of user "admin" failed.',
      see,
    ],
  ] as const)('%s', (_n, x, message, fix) => {
    expect(describeCredentialError(x)).toEqual({ message, fix });
  });
});
