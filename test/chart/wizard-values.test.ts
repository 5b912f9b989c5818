// Answers -> values.yaml (lib/values) -> helm template of chart/: what the wizard writes for the
// issue-12 choices renders the objects and access rules it promises.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validAnswers } from '../../lib/answers/__fixtures__/valid-answers';
import type { Answers } from '../../lib/answers';
import { renderYaml } from '../../lib/values';
import { RELEASE as R, find, helmBinaries, names, template } from './helm';

const dir = mkdtempSync(path.join(tmpdir(), 'lw-wizard-values-'));
const valuesOf = (mutate: (a: Answers) => void) => {
  const a = validAnswers();
  mutate(a);
  const f = path.join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(f, renderYaml(a).values);
  return f;
};

describe.each(helmBinaries())('wizard values on the project chart ($name)', (bin) => {
  it('ingress controller: admin console and metrics Ingresses deny everyone by default, allow the list when given', () => {
    const objs = template(
      [
        valuesOf(
          (a) =>
            a.externalAccess.mode === 'ingress-controller' &&
            (a.externalAccess.adminAllowCidrs = ['10.1.0.0/16']),
        ),
      ],
      { bin },
    );
    const ann = (n: string) => find(objs, 'Ingress', `${R}-${n}`).metadata.annotations ?? {};
    expect(ann('keycloak-admin')['nginx.ingress.kubernetes.io/whitelist-source-range']).toBe(
      '10.1.0.0/16',
    );
    expect(ann('metrics-metrics')['nginx.ingress.kubernetes.io/denylist-source-range']).toBe(
      '0.0.0.0/0,::/0',
    );
    expect(names(objs).filter((n) => n.startsWith('Ingress/'))).toEqual([
      `Ingress/${R}-agents`,
      `Ingress/${R}-clients`,
      `Ingress/${R}-keycloak-admin`,
      `Ingress/${R}-metrics-metrics`,
    ]);
  });

  it('router behind a LoadBalancer: Service on 443/80, no Ingress, ACLs in nginx.conf', () => {
    const objs = template(
      [
        valuesOf(
          (a) =>
            (a.externalAccess = {
              mode: 'router',
              service: 'load-balancer',
              className: 'nginx',
              tls: true,
              adminAllowCidrs: ['10.1.0.0/16'],
              metricsAllowCidrs: [],
            }),
        ),
      ],
      { bin },
    );
    expect(names(objs)).not.toContain(`Ingress/${R}-router`);
    const svc = find(objs, 'Service', `${R}-router`);
    expect([
      svc.spec.type,
      svc.spec.ports.map((p: { name: string; port: number }) => [p.name, p.port]),
    ]).toEqual([
      'LoadBalancer',
      [
        ['http', 80],
        ['https', 443],
      ],
    ]);
    const conf = find(objs, 'ConfigMap', `${R}-router-conf`).data['nginx.conf'];
    expect(conf).toMatch(/location \/auth\/admin \{\s+allow 10\.1\.0\.0\/16;\s+deny all;/);
    expect(conf).toMatch(/location \/management\/prometheus \{\s+deny all;/);
  });

  it('OpenShift without the router: the two plain Ingresses only', () => {
    const objs = template([valuesOf((a) => (a.general.openshift = true))], { bin });
    expect(names(objs).filter((n) => n.startsWith('Ingress/'))).toEqual([
      `Ingress/${R}-agents`,
      `Ingress/${R}-clients`,
    ]);
    expect(find(objs, 'Ingress', `${R}-clients`).spec.ingressClassName).toBeUndefined();
  });
});
