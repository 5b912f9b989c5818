// The Keycloak admin console and the metrics Ingresses: reachable only from their allow-lists.
import { describe, expect, it } from 'vitest';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import type { Answers } from '../answers/schema';
import { importValues } from './import';
import { renderValues } from './render';

const ALLOW = 'nginx.ingress.kubernetes.io/whitelist-source-range';
const DENY = 'nginx.ingress.kubernetes.io/denylist-source-range';
const answers = (admin: string[], metrics: string[]) => {
  const a = validAnswers();
  a.externalAccess = {
    mode: 'ingress-controller',
    className: 'nginx',
    annotations: [{ key: 'x.io/team', value: 'lr' }],
    keepServerSnippet: false,
    adminAllowCidrs: admin,
    metricsAllowCidrs: metrics,
  };
  return a;
};
const annotationsOf = (a: Answers, ing: string) =>
  (renderValues(a).values as Record<string, { annotations: Record<string, unknown> }>)[ing]!
    .annotations;

describe('allow-lists of the admin console and metrics', () => {
  it.each([
    ['empty: denied to everyone', [], { 'x.io/team': 'lr', [DENY]: '0.0.0.0/0,::/0' }],
    ['one CIDR', ['10.1.0.0/16'], { 'x.io/team': 'lr', [ALLOW]: '10.1.0.0/16' }],
    [
      'two CIDRs, comma-joined',
      ['10.1.0.0/16', '192.0.2.7/32'],
      { 'x.io/team': 'lr', [ALLOW]: '10.1.0.0/16,192.0.2.7/32' },
    ],
  ])('%s', (_n, cidrs, expected) => {
    expect(annotationsOf(answers(cidrs, []), 'ingress_keycloak_admin')).toEqual(expected);
    expect(annotationsOf(answers([], cidrs), 'ingress_metrics')).toEqual(expected);
  });

  it('shared annotations reach all four Ingresses (the metrics one too)', () => {
    for (const ing of [
      'ingress_clients',
      'ingress_agents',
      'ingress_keycloak_admin',
      'ingress_metrics',
    ])
      expect(annotationsOf(answers([], []), ing)['x.io/team']).toBe('lr');
  });

  it.each([
    ['denied', [], []],
    ['restricted', ['10.1.0.0/16', '192.0.2.7/32'], ['10.3.0.0/24']],
  ])('round-trips when %s', (_n, admin, metrics) => {
    const a = answers(admin, metrics);
    const back = importValues(renderValues(a).values).answers.externalAccess;
    expect(back).toEqual(a.externalAccess);
  });

  it('a file that sets neither annotation (the vendor default) is open to anyone, kept as 0.0.0.0/0 with a note', () => {
    const r = importValues({ general: { router: { enabled: false } } });
    expect(r.answers.externalAccess).toMatchObject({
      adminAllowCidrs: ['0.0.0.0/0', '::/0'],
      metricsAllowCidrs: ['0.0.0.0/0', '::/0'],
    });
    expect(r.notes.filter((n) => /lets anyone/.test(n.message)).map((n) => n.path)).toEqual([
      'ingress_keycloak_admin.annotations',
      'ingress_metrics.annotations',
    ]);
  });
});

describe('the 3.9.4 router as an external-access choice', () => {
  type Router = Extract<Answers['externalAccess'], { mode: 'router' }>;
  const router = (patch: Partial<Router>): Answers => {
    const a = validAnswers();
    a.externalAccess = {
      mode: 'router',
      service: 'ingress',
      className: 'nginx',
      tls: false,
      adminAllowCidrs: [],
      metricsAllowCidrs: [],
      ...patch,
    };
    return a;
  };
  const acl = (a: Answers) => (renderValues(a, { full: true }).values as any).general.router.acl; // eslint-disable-line @typescript-eslint/no-explicit-any
  it.each([
    [
      'ACLs default to deny all',
      {},
      { allow_ips: [], deny_ips: ['all'] },
      { allow_ips: [], deny_ips: ['all'] },
    ],
    [
      'an admin allow-list before deny all',
      { adminAllowCidrs: ['10.1.0.0/16'] },
      { allow_ips: ['10.1.0.0/16'], deny_ips: ['all'] },
      { allow_ips: [], deny_ips: ['all'] },
    ],
  ])('%s', (_n, patch, admin, metrics) => {
    const got = acl(router(patch));
    expect([got.auth_admin, got.metrics]).toEqual([admin, metrics]);
  });
  it.each([
    ['Ingress', { className: 'internal-nginx', tls: true }],
    [
      'LoadBalancer',
      { service: 'load-balancer' as const, tls: true, metricsAllowCidrs: ['10.2.0.0/24'] },
    ],
  ])('round-trips (%s)', (_n, patch) => {
    const a = router(patch);
    expect(importValues(renderValues(a).values).answers.externalAccess).toEqual(a.externalAccess);
  });
  it('an ACL that does not deny all is imported as open to anyone, with a note', () => {
    const r = importValues({
      general: { router: { acl: { metrics: { allow_ips: [], deny_ips: [] } } } },
    });
    expect(r.answers.externalAccess).toMatchObject({
      mode: 'router',
      adminAllowCidrs: [],
      metricsAllowCidrs: ['0.0.0.0/0', '::/0'],
    });
    expect(r.notes.map((n) => n.path)).toEqual(['general.router.acl.metrics']);
  });
});
