import { LIMITS } from './limits';
// Rules added for issue 12, each with its boundary and its passing side; the exact issue list is
// compared, so a rule that fires too often or not at all turns a case red.
import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { validateAnswers, type Answers } from './schema';
import { branchDefault } from './branches';

const issuesOf = (mutate: (a: Answers) => void) => {
  const a = validAnswers();
  mutate(a);
  const r = validateAnswers(a);
  return r.success ? [] : r.issues.map((i) => i.path.join('.'));
};

type Dir = { enabled: boolean; namespaces: string[]; cidrs: string[] };
const off: Dir = { enabled: false, namespaces: [], cidrs: [] };
const policy = (ingress: Dir, egress: Dir) => (a: Answers) =>
  (a.networkPolicy = { enabled: true, ingress, egress });

describe('network policy: a direction with no peer denies everything (docs/chart-3.9.4.md §9)', () => {
  it.each([
    [
      'ingress on, no peer',
      policy({ enabled: true, namespaces: [], cidrs: [] }, off),
      ['networkPolicy.ingress.namespaces'],
    ],
    [
      'ingress on, one namespace',
      policy({ enabled: true, namespaces: ['ingress-nginx'], cidrs: [] }, off),
      [],
    ],
    [
      'ingress on, one CIDR',
      policy({ enabled: true, namespaces: [], cidrs: ['203.0.113.0/24'] }, off),
      [],
    ],
    [
      'egress on, no peer',
      policy(off, { enabled: true, namespaces: [], cidrs: [] }),
      ['networkPolicy.egress.namespaces'],
    ],
    [
      'egress on, one CIDR',
      policy(off, { enabled: true, namespaces: [], cidrs: ['10.0.0.0/8'] }),
      [],
    ],
    [
      'both on, neither has a peer',
      policy(
        { enabled: true, namespaces: [], cidrs: [] },
        { enabled: true, namespaces: [], cidrs: [] },
      ),
      ['networkPolicy.ingress.namespaces', 'networkPolicy.egress.namespaces'],
    ],
    [
      'a disabled direction needs no peer',
      policy({ enabled: true, namespaces: ['ingress-nginx'], cidrs: [] }, off),
      [],
    ],
    [
      'peers kept from an imported file count (podSelector)',
      (a: Answers) => {
        policy({ enabled: true, namespaces: [], cidrs: [] }, off)(a);
        a.passthrough = {
          general: { networkPolicy: { ingress: { podSelector: { app: ['x'] } } } },
        };
      },
      [],
    ],
    [
      'an empty kept podSelector does not count',
      (a: Answers) => {
        policy({ enabled: true, namespaces: [], cidrs: [] }, off)(a);
        a.passthrough = { general: { networkPolicy: { ingress: { podSelector: {} } } } };
      },
      ['networkPolicy.ingress.namespaces'],
    ],
  ])('%s', (_n, mutate, expected) => expect(issuesOf(mutate)).toEqual(expected));

  it('switching the policy on starts valid: ingress from the ingress controller namespace', () => {
    expect(
      issuesOf(
        (a) => (a.networkPolicy = branchDefault('networkPolicy', true) as Answers['networkPolicy']),
      ),
    ).toEqual([]);
  });
});

describe('values the chart writes unquoted or the API server validates (docs/chart-3.9.4.md G6)', () => {
  const persistent =
    (storageClassName: string, size = '100Gi') =>
    (a: Answers) =>
      (a.database = {
        ...a.database,
        storage: { kind: 'persistent', storageClassName, size, whenDeleted: '', whenScaled: '' },
      } as Answers['database']);
  const ingressClass = (className: string) => (a: Answers) =>
    (a.externalAccess = {
      ...(branchDefault('externalAccess', 'ingress-controller') as Answers['externalAccess']),
      className,
    } as Answers['externalAccess']);
  const mq = (patch: Record<string, unknown>) => (a: Answers) =>
    (a.messageQueue = {
      ...(branchDefault('messageQueue', 'local') as object),
      user: 'u',
      password: 'p',
      ...patch,
    } as Answers['messageQueue']);
  const ns = (namespaces: string[]) => policy({ enabled: true, namespaces, cidrs: [] }, off);
  it.each([
    ['StorageClass "standard"', persistent('standard'), []],
    ['StorageClass empty = cluster default', persistent(''), []],
    ['StorageClass "yes"', persistent('yes'), ['database.storage.storageClassName']],
    ['StorageClass "0123"', persistent('0123'), ['database.storage.storageClassName']],
    ['StorageClass "null"', persistent('null'), ['database.storage.storageClassName']],
    ['StorageClass "1e3"', persistent('1e3'), ['database.storage.storageClassName']],
    ['StorageClass "fast.ssd" (a subdomain)', persistent('fast.ssd'), []],
    ['StorageClass with a bad dot', persistent('fast..ssd'), ['database.storage.storageClassName']],
    ['database volume of 0Gi', persistent('', '0Gi'), ['database.storage.size']],
    ['database volume of 1Gi', persistent('', '1Gi'), []],
    [
      'MQ StorageClass "on"',
      mq({ storage: { kind: 'persistent', size: '10Gi', storageClassName: 'on' } }),
      ['messageQueue.storage.storageClassName'],
    ],
    ['IngressClass "nginx"', ingressClass('nginx'), []],
    ['IngressClass "true"', ingressClass('true'), ['externalAccess.className']],
    ['IngressClass "123"', ingressClass('123'), ['externalAccess.className']],
    ['queue name "mixpanel-events"', mq({ queueName: 'mixpanel-events' }), []],
    ['queue name "no"', mq({ queueName: 'no' }), ['messageQueue.queueName']],
    ['queue name with a space', mq({ queueName: 'a b' }), ['messageQueue.queueName']],
    ['namespace "ingress-nginx"', ns(['ingress-nginx']), []],
    ['namespace "yes"', ns(['yes']), ['networkPolicy.ingress.namespaces.0']],
    [
      'namespace with "_" (not a namespace name)',
      ns(['my_ns']),
      ['networkPolicy.ingress.namespaces.0'],
    ],
    ['namespace of 64 characters', ns(['a'.repeat(64)]), ['networkPolicy.ingress.namespaces.0']],
    ['namespace of 63 characters', ns(['a'.repeat(63)]), []],
    [
      'existing Secret "0123"',
      (a: Answers) => (a.certificate = { source: 'existing', secretName: '0123' }),
      ['certificate.secretName'],
    ],
    [
      'existing Secret "tls-0123"',
      (a: Answers) => (a.certificate = { source: 'existing', secretName: 'tls-0123' }),
      [],
    ],
    ['release name "123"', (a: Answers) => (a.release.name = '123'), ['release.name']],
    ['release namespace "y"', (a: Answers) => (a.release.namespace = 'y'), ['release.namespace']],
    [
      'annotation name of 63 characters',
      (a: Answers) =>
        ingressClass('nginx')(a) &&
        (a.externalAccess as { annotations: unknown[] }).annotations.push({
          key: `x.io/${'a'.repeat(63)}`,
          value: '1',
        }),
      [],
    ],
    [
      'annotation name of 64 characters',
      (a: Answers) =>
        ingressClass('nginx')(a) &&
        (a.externalAccess as { annotations: unknown[] }).annotations.push({
          key: `x.io/${'a'.repeat(64)}`,
          value: '1',
        }),
      ['externalAccess.annotations.0.key'],
    ],
  ])('%s', (_n, mutate, expected) =>
    expect(issuesOf(mutate as (a: Answers) => void)).toEqual(expected),
  );

  it('the message names what to do', () => {
    const a = validAnswers();
    persistent('yes')(a);
    const r = validateAnswers(a);
    expect(r.success ? [] : r.issues.map((i) => i.message)).toEqual([
      'This StorageClass name reads as a number, a boolean or null in YAML ("yes", "0123", "null" …) and the chart writes it unquoted, so Kubernetes would refuse it: use (or create) a StorageClass with another name, or leave this empty for the cluster default.',
    ]);
  });
});

describe('pasted hosts and oversized licenses', () => {
  const parsed = (mutate: (a: Answers) => void) => {
    const a = validAnswers();
    mutate(a);
    return validateAnswers(a);
  };
  it.each([
    [
      'endpoint with spaces and a newline',
      (a: Answers) => (a.general.endpoint = '  lightrun.acme.example.com \n'),
      'general',
      'endpoint',
      'lightrun.acme.example.com',
    ],
    [
      'external DB host with spaces',
      (a: Answers) =>
        (a.database = {
          ...(branchDefault('database', 'external') as object),
          endpoint: ' db.corp ',
          user: 'u',
          password: 'p',
        } as Answers['database']),
      'database',
      'endpoint',
      'db.corp',
    ],
  ])('%s is trimmed, not refused', (_n, mutate, section, key, expected) => {
    const r = parsed(mutate);
    expect(r.success && (r.data[section as 'general'] as Record<string, unknown>)[key]).toBe(
      expected,
    );
  });
  it('a host with an inner space is still refused', () =>
    expect(issuesOf((a) => (a.general.endpoint = 'light run.example.com'))).toEqual([
      'general.endpoint',
    ]));
  it.each([
    ['content at the bound', 'content', LIMITS.licenseContent, []],
    ['content one above', 'content', LIMITS.licenseContent + 1, ['license.content']],
    ['a 5 MB signature', 'signature', 5 * 1024 * 1024, ['license.signature']],
  ] as const)('license %s', (_n, k, size, expected) =>
    expect(issuesOf((a) => (a.license[k] = 'x'.repeat(size)))).toEqual(expected),
  );
});

describe('router behind a LoadBalancer needs TLS (docs/chart-3.9.4.md §8 mode B)', () => {
  const router = (service: 'ingress' | 'load-balancer', tls: boolean) => (a: Answers) =>
    (a.externalAccess = {
      mode: 'router',
      service,
      className: 'nginx',
      tls,
      adminAllowCidrs: [],
      metricsAllowCidrs: [],
    });
  it.each([
    ['LoadBalancer without TLS', router('load-balancer', false), ['externalAccess.tls']],
    ['LoadBalancer with TLS', router('load-balancer', true), []],
    ['Ingress without TLS', router('ingress', false), []],
  ])('%s', (_n, mutate, expected) => expect(issuesOf(mutate)).toEqual(expected));
});
