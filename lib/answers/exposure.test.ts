import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { branchDefault } from './branches';
import { exposureSummary } from './exposure';
import { exposureSummary350 } from './exposure-350';
import type { Answers } from './schema';

const withAccess = (e: Answers['externalAccess']) => {
  const a = validAnswers();
  a.externalAccess = e;
  return exposureSummary(a).map((x) => [x.what, x.via, x.reachableFrom, x.note ?? '']);
};
const ic = (
  admin: string[],
  metrics: string[],
  className = 'nginx',
): Answers['externalAccess'] => ({
  mode: 'ingress-controller',
  className,
  annotations: [],
  keepServerSnippet: false,
  adminAllowCidrs: admin,
  metricsAllowCidrs: metrics,
});
const OPEN =
  'The chart-made nginx has no per-path allow-list: anyone who reaches the Service reaches this. Restrict it with the network policy (ingress CIDRs) or use an ingress controller.';

describe('exposureSummary', () => {
  it.each([
    [
      'defaults: four Ingresses, admin console and metrics reachable from nobody',
      ic([], []),
      [
        ['Web app, login and API', 'Ingress lightrun-clients', 'anyone', ''],
        ['Agents', 'Ingress lightrun-agents', 'anyone', ''],
        ['Keycloak admin console', 'Ingress lightrun-keycloak-admin', 'nobody', ''],
        ['Metrics (Prometheus)', 'Ingress lightrun-metrics-metrics', 'nobody', ''],
      ],
    ],
    [
      'one CIDR each',
      ic(['10.1.0.0/16'], ['10.2.0.0/24']),
      [
        ['Web app, login and API', 'Ingress lightrun-clients', 'anyone', ''],
        ['Agents', 'Ingress lightrun-agents', 'anyone', ''],
        ['Keycloak admin console', 'Ingress lightrun-keycloak-admin', ['10.1.0.0/16'], ''],
        ['Metrics (Prometheus)', 'Ingress lightrun-metrics-metrics', ['10.2.0.0/24'], ''],
      ],
    ],
    [
      '0.0.0.0/0 is anyone',
      ic(['0.0.0.0/0'], ['::/0']),
      [
        ['Web app, login and API', 'Ingress lightrun-clients', 'anyone', ''],
        ['Agents', 'Ingress lightrun-agents', 'anyone', ''],
        ['Keycloak admin console', 'Ingress lightrun-keycloak-admin', 'anyone', ''],
        ['Metrics (Prometheus)', 'Ingress lightrun-metrics-metrics', 'anyone', ''],
      ],
    ],
    [
      'chart-made nginx: everything open, said so',
      { mode: 'load-balancer', serviceAnnotations: [] },
      [
        ['Web app, login and API', 'Service lightrun-nginx (LoadBalancer)', 'anyone', ''],
        ['Agents', 'Service lightrun-nginx (LoadBalancer)', 'anyone', ''],
        ['Keycloak admin console', 'Service lightrun-nginx (LoadBalancer)', 'anyone', OPEN],
        ['Metrics (Prometheus)', 'Service lightrun-nginx (LoadBalancer)', 'anyone', OPEN],
      ],
    ],
  ] as const)('%s', (_n, e, expected) =>
    expect(withAccess(e as Answers['externalAccess'])).toEqual(expected),
  );

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
    expect(
      withAccess({
        mode: 'router',
        service: 'load-balancer',
        className: 'nginx',
        tls: true,
        adminAllowCidrs: ['10.1.0.0/16'],
        metricsAllowCidrs: [],
      }),
    ).toEqual([
      ['Web app, login and API', 'Service lightrun-router (LoadBalancer)', 'anyone', ''],
      ['Agents', 'Service lightrun-router (LoadBalancer)', 'anyone', ''],
      ['Keycloak admin console', 'Service lightrun-router (LoadBalancer)', ['10.1.0.0/16'], ''],
      ['Metrics (Prometheus)', 'Service lightrun-router (LoadBalancer)', 'nobody', ''],
    ]);
  });

  it('a shared allow-list annotation restricts the clients and agents rows too', () => {
    const e = {
      ...ic(['10.9.0.0/16'], []),
      annotations: [
        {
          key: 'nginx.ingress.kubernetes.io/whitelist-source-range',
          value: '192.0.2.0/24, 198.51.100.0/24',
        },
      ],
    };
    expect(withAccess(e).map((x) => x[2])).toEqual([
      ['192.0.2.0/24', '198.51.100.0/24'],
      ['192.0.2.0/24', '198.51.100.0/24'],
      ['10.9.0.0/16'],
      'nobody',
    ]);
  });

  it('a non-nginx class gets a note on the restricted paths only', () => {
    const notes = withAccess(ic([], [], 'traefik')).map((x) => x[3] !== '');
    expect(notes).toEqual([false, false, true, true]);
  });
});

// Every field of every row (paths included): what the Review step shows is exactly this.
describe('exposureSummary, whole rows', () => {
  const CLIENTS = ['/', '/auth', '/app', '/device', '/company', '/content'];
  const ADMIN = ['/auth/admin', '/auth/realms/master'];
  const METRICS = ['/management/prometheus'];
  const summary = (e: Answers['externalAccess'], openshift = false) => {
    const a = validAnswers();
    a.externalAccess = e;
    a.general.openshift = openshift;
    return exposureSummary(a);
  };
  const ROUTE_NOTE =
    'On OpenShift without the router the admin console and metrics go through the frontend’s proxy: the chart has no allow-list there. Use the router, or restrict the Route.';

  it('OpenShift without the router: names, paths and the note on the two proxied groups', () => {
    const via = 'Ingress lightrun-clients (OpenShift Route)';
    expect(summary(ic(['10.1.0.0/16'], []), true)).toEqual([
      { what: 'Web app, login and API', paths: CLIENTS, via, reachableFrom: 'anyone' },
      {
        what: 'Agents',
        paths: ['/debuggees'],
        via: 'Ingress lightrun-agents (OpenShift Route)',
        reachableFrom: 'anyone',
      },
      {
        what: 'Keycloak admin console',
        paths: ADMIN,
        via,
        reachableFrom: 'anyone',
        note: ROUTE_NOTE,
      },
      {
        what: 'Metrics (Prometheus)',
        paths: METRICS,
        via,
        reachableFrom: 'anyone',
        note: ROUTE_NOTE,
      },
    ]);
  });

  it('OpenShift with the router: the router rows, its ACLs apply', () => {
    const via = 'Ingress lightrun-router';
    expect(
      summary(
        {
          mode: 'router',
          service: 'ingress',
          className: 'nginx',
          tls: true,
          adminAllowCidrs: [],
          metricsAllowCidrs: ['10.2.0.0/24'],
        },
        true,
      ),
    ).toEqual([
      { what: 'Web app, login and API', paths: CLIENTS, via, reachableFrom: 'anyone' },
      { what: 'Agents', paths: ['/debuggees'], via, reachableFrom: 'anyone' },
      { what: 'Keycloak admin console', paths: ['/auth/admin'], via, reachableFrom: 'nobody' },
      { what: 'Metrics (Prometheus)', paths: METRICS, via, reachableFrom: ['10.2.0.0/24'] },
    ]);
  });

  it('ingress controller: one Ingress per group, each with its paths', () => {
    expect(summary(ic(['10.1.0.0/16'], []))).toEqual([
      {
        what: 'Web app, login and API',
        paths: CLIENTS,
        via: 'Ingress lightrun-clients',
        reachableFrom: 'anyone',
      },
      {
        what: 'Agents',
        paths: ['/debuggees'],
        via: 'Ingress lightrun-agents',
        reachableFrom: 'anyone',
      },
      {
        what: 'Keycloak admin console',
        paths: ADMIN,
        via: 'Ingress lightrun-keycloak-admin',
        reachableFrom: ['10.1.0.0/16'],
      },
      {
        what: 'Metrics (Prometheus)',
        paths: METRICS,
        via: 'Ingress lightrun-metrics-metrics',
        reachableFrom: 'nobody',
      },
    ]);
  });

  it('chart-made nginx through port-forward: a ClusterIP Service, everything open', () => {
    const via = 'Service lightrun-nginx (ClusterIP, through kubectl port-forward)';
    expect(summary({ mode: 'cluster-ip', serviceAnnotations: [] })).toEqual([
      { what: 'Web app, login and API', paths: CLIENTS, via, reachableFrom: 'anyone' },
      { what: 'Agents', paths: ['/debuggees'], via, reachableFrom: 'anyone' },
      { what: 'Keycloak admin console', paths: ADMIN, via, reachableFrom: 'anyone', note: OPEN },
      { what: 'Metrics (Prometheus)', paths: METRICS, via, reachableFrom: 'anyone', note: OPEN },
    ]);
  });

  it.each([
    ['an everyone CIDR among others is anyone', ['10.0.0.0/8', '::/0'], 'anyone'],
    ['no everyone CIDR: the list', ['10.0.0.0/8', '192.0.2.0/24'], ['10.0.0.0/8', '192.0.2.0/24']],
  ] as const)('allow-lists: %s', (_n, cidrs, expected) => {
    expect(summary(ic([...cidrs], []))[2]!.reachableFrom).toEqual(expected);
  });

  it.each([
    [
      'another annotation is not an allow-list',
      [{ key: 'nginx.ingress.kubernetes.io/proxy-body-size', value: '10.0.0.0/8' }],
      'anyone',
    ],
    [
      'empty items of the allow-list are skipped',
      [
        {
          key: 'nginx.ingress.kubernetes.io/whitelist-source-range',
          value: '192.0.2.0/24, ,198.51.100.0/24,',
        },
      ],
      ['192.0.2.0/24', '198.51.100.0/24'],
    ],
  ] as const)('shared annotations: %s', (_n, annotations, expected) => {
    expect(
      summary({
        ...(ic([], []) as Extract<Answers['externalAccess'], { mode: 'ingress-controller' }>),
        annotations: annotations.map((x) => ({ ...x })),
      })[0]!.reachableFrom,
    ).toEqual(expected);
  });
});

describe('an allow-list with entries that are no CIDR (issue 25 #13: the table echoed them)', () => {
  it('counts only the valid entries and says how many are not, never repeating them', () => {
    const rows = withAccess(ic(['10.1.0.0/16', 'office-vpn', '10.0.0.0/33'], ['not a cidr']));
    expect(rows.slice(2)).toEqual([
      [
        'Keycloak admin console',
        'Ingress lightrun-keycloak-admin',
        ['10.1.0.0/16'],
        '2 entries of the allow-list are not a CIDR and not counted until fixed (step “External access”).',
      ],
      [
        'Metrics (Prometheus)',
        'Ingress lightrun-metrics-metrics',
        'nobody',
        'One entry of the allow-list is not a CIDR and not counted until fixed (step “External access”).',
      ],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/office-vpn|10\.0\.0\.0\/33|not a cidr/);
  });
});

describe('exposureSummary for chart 3.50 (issue 27: the router is the only way in)', () => {
  const at350 = (e: Answers['externalAccess'], openshift = false) => {
    const a = validAnswers();
    a.chart = '3.50.0';
    a.externalAccess = e;
    a.general.openshift = openshift;
    return exposureSummary350(a);
  };
  const lb = {
    ...(branchDefault('externalAccess', 'router') as Answers['externalAccess']),
    service: 'load-balancer',
  } as Answers['externalAccess'];

  it('an ingress controller: one Ingress, <release>-router, the ACLs decide, the master realm is open (T16)', () => {
    const rows = at350(ic(['10.0.0.0/8'], []));
    expect(new Set(rows.map((r) => r.via))).toEqual(new Set(['Ingress lightrun-router']));
    const by = Object.fromEntries(rows.map((r) => [r.what, r]));
    expect(by['Keycloak admin console']!.paths).toEqual(['/auth/admin']);
    expect(by['Keycloak admin console']!.reachableFrom).toEqual(['10.0.0.0/8']);
    expect(by['Keycloak admin console']!.note).toBeUndefined();
    expect(by['Metrics (Prometheus)']!.reachableFrom).toBe('nobody');
    expect(by['Keycloak master realm']!.reachableFrom).toBe('anyone');
    expect(by['Keycloak master realm']!.note).toContain('T16');
  });

  it('the router on its own LoadBalancer: an allow-list is said to protect nothing (T15); "nobody" stays nobody', () => {
    const rows = at350({ ...lb, adminAllowCidrs: ['10.0.0.0/8'] } as Answers['externalAccess']);
    expect(rows[0]!.via).toBe('Service lightrun-router (LoadBalancer)');
    const nginxLb = at350(branchDefault('externalAccess', 'load-balancer') as never);
    expect(nginxLb[0]!.via).toBe('Service lightrun-router (LoadBalancer)');
    const by = Object.fromEntries(rows.map((r) => [r.what, r]));
    expect(by['Keycloak admin console']!.note).toContain('protects nothing');
    expect(by['Metrics (Prometheus)']!.reachableFrom).toBe('nobody');
    expect(by['Metrics (Prometheus)']!.note).toBeUndefined();
  });

  it('OpenShift and ClusterIP name the router too; chart 3.9.4 is unchanged', () => {
    expect(at350(ic([], []), true)[0]!.via).toBe('Ingress lightrun-router (OpenShift Route)');
    const cip = at350(branchDefault('externalAccess', 'cluster-ip') as Answers['externalAccess']);
    expect(cip[0]!.via).toBe('Service lightrun-router (ClusterIP, through kubectl port-forward)');
    expect(cip[2]!.reachableFrom).toBe('nobody'); // the router's ACL default
    expect(withAccess(ic([], []))[0]![1]).toBe('Ingress lightrun-clients');
  });
});
