import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { exposureSummary } from './exposure';
import type { Answers } from './schema';

const withAccess = (e: Answers['externalAccess']) => {
  const a = validAnswers();
  a.externalAccess = e;
  return exposureSummary(a).map((x) => [x.what, x.via, x.reachableFrom, x.note ?? '']);
};
const ic = (admin: string[], metrics: string[], className = 'nginx'): Answers['externalAccess'] => ({
  mode: 'ingress-controller', className, annotations: [], keepServerSnippet: false, adminAllowCidrs: admin, metricsAllowCidrs: metrics,
});
const OPEN = 'The chart-made nginx has no per-path allow-list: anyone who reaches the Service reaches this. Restrict it with the network policy (ingress CIDRs) or use an ingress controller.';

describe('exposureSummary', () => {
  it.each([
    ['defaults: four Ingresses, admin console and metrics reachable from nobody', ic([], []), [
      ['Web app, login and API', 'Ingress lightrun-clients', 'anyone', ''],
      ['Agents', 'Ingress lightrun-agents', 'anyone', ''],
      ['Keycloak admin console', 'Ingress lightrun-keycloak-admin', 'nobody', ''],
      ['Metrics (Prometheus)', 'Ingress lightrun-metrics-metrics', 'nobody', ''],
    ]],
    ['one CIDR each', ic(['10.1.0.0/16'], ['10.2.0.0/24']), [
      ['Web app, login and API', 'Ingress lightrun-clients', 'anyone', ''],
      ['Agents', 'Ingress lightrun-agents', 'anyone', ''],
      ['Keycloak admin console', 'Ingress lightrun-keycloak-admin', ['10.1.0.0/16'], ''],
      ['Metrics (Prometheus)', 'Ingress lightrun-metrics-metrics', ['10.2.0.0/24'], ''],
    ]],
    ['0.0.0.0/0 is anyone', ic(['0.0.0.0/0'], ['::/0']), [
      ['Web app, login and API', 'Ingress lightrun-clients', 'anyone', ''],
      ['Agents', 'Ingress lightrun-agents', 'anyone', ''],
      ['Keycloak admin console', 'Ingress lightrun-keycloak-admin', 'anyone', ''],
      ['Metrics (Prometheus)', 'Ingress lightrun-metrics-metrics', 'anyone', ''],
    ]],
    ['chart-made nginx: everything open, said so', { mode: 'load-balancer', serviceAnnotations: [] }, [
      ['Web app, login and API', 'Service lightrun-nginx (LoadBalancer)', 'anyone', ''],
      ['Agents', 'Service lightrun-nginx (LoadBalancer)', 'anyone', ''],
      ['Keycloak admin console', 'Service lightrun-nginx (LoadBalancer)', 'anyone', OPEN],
      ['Metrics (Prometheus)', 'Service lightrun-nginx (LoadBalancer)', 'anyone', OPEN],
    ]],
  ] as const)('%s', (_n, e, expected) => expect(withAccess(e as Answers['externalAccess'])).toEqual(expected));

  it('OpenShift without the router: the two plain Ingresses, everything reachable (said so)', () => {
    const a = validAnswers();
    a.general.openshift = true;
    expect(exposureSummary(a).map((x) => [x.via, x.reachableFrom])).toEqual([
      ['Ingress lightrun-clients (OpenShift Route)', 'anyone'],
      ['Ingress lightrun-agents (OpenShift Route)', 'anyone'],
      ['Ingress lightrun-clients (OpenShift Route)', 'anyone'],
      ['Ingress lightrun-clients (OpenShift Route)', 'anyone'],
    ]);
  });

  it('router: the ACLs decide admin console and metrics', () => {
    expect(withAccess({ mode: 'router', service: 'load-balancer', className: 'nginx', tls: true, adminAllowCidrs: ['10.1.0.0/16'], metricsAllowCidrs: [] })).toEqual([
      ['Web app, login and API', 'Service lightrun-router (LoadBalancer)', 'anyone', ''],
      ['Agents', 'Service lightrun-router (LoadBalancer)', 'anyone', ''],
      ['Keycloak admin console', 'Service lightrun-router (LoadBalancer)', ['10.1.0.0/16'], ''],
      ['Metrics (Prometheus)', 'Service lightrun-router (LoadBalancer)', 'nobody', ''],
    ]);
  });

  it('a shared allow-list annotation restricts the clients and agents rows too', () => {
    const e = { ...ic(['10.9.0.0/16'], []), annotations: [{ key: 'nginx.ingress.kubernetes.io/whitelist-source-range', value: '192.0.2.0/24, 198.51.100.0/24' }] };
    expect(withAccess(e).map((x) => x[2])).toEqual([['192.0.2.0/24', '198.51.100.0/24'], ['192.0.2.0/24', '198.51.100.0/24'], ['10.9.0.0/16'], 'nobody']);
  });

  it('a non-nginx class gets a note on the restricted paths only', () => {
    const notes = withAccess(ic([], [], 'traefik')).map((x) => x[3] !== '');
    expect(notes).toEqual([false, false, true, true]);
  });
});
