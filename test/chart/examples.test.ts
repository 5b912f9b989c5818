// Every examples/<name>/values.yaml (+ secrets.yaml), rendered by the CLI, must lint and render
// with helm v4 and v3, and render the objects its values ask for.
import { describe, expect, it } from 'vitest';
import { isMap, type Tree } from '../../lib/values/tree';
import {
  K8sObject,
  RELEASE as R,
  chartDir,
  container,
  envOf,
  exampleConfigs,
  find,
  helmBinaries,
  mergedValues,
  names,
  runHelm,
  template,
  valueAt,
} from './helm';
import { checkInvariants } from './invariants';

const examples = exampleConfigs();
const bins = helmBinaries();

/** What a configuration's values ask for, in objects and a few fields (docs/chart-3.9.4.md rules). */
function expectMatchesValues(objs: K8sObject[], v: Tree) {
  const got = names(objs);
  const has = (n: string) => got.includes(n);
  const g = (path: string) => valueAt(v, `general.${path}`);
  const mysqlKind = g('db_local')
    ? g('statefulset.enabled')
      ? 'StatefulSet'
      : 'Deployment'
    : null;
  expect(has(`StatefulSet/${R}-mysql`)).toBe(mysqlKind === 'StatefulSet');
  expect(has(`Deployment/${R}-mysql`)).toBe(mysqlKind === 'Deployment');
  expect(has(`Service/${R}-mysql`)).toBe(!!g('db_local'));
  const db = envOf(
    container(find(objs, 'Deployment', `${R}-backend`), 'backend'),
  ).SPRING_DATASOURCE_URL;
  expect(db).toContain(
    `//${g('db_local') ? `${R}-mysql` : g('db_endpoint')}:3306/${g('db_database')}`,
  );

  const mqLocal = g('mq.enabled') && g('mq.local');
  expect(has(`StatefulSet/${R}-mq`)).toBe(!!mqLocal);
  if (mqLocal) {
    const sts = find(objs, 'StatefulSet', `${R}-mq`);
    expect(!!sts.spec.volumeClaimTemplates).toBe(String(g('mq.storage')) !== '0');
    expect(find(objs, 'Service', `${R}-mq`).spec.ports.map((p) => p.port)).toContain(15692);
    expect(
      find(objs, 'ConfigMap', `${R}-mq-config`).data.enabled_plugins!.includes(
        'rabbitmq_prometheus',
      ),
    ).toBe(!!g('mq.metrics'));
  }

  const ingressMode = !g('router.enabled') && g('ingress_controller');
  const nginxMode = !g('router.enabled') && !g('ingress_controller');
  for (const i of ['clients', 'agents', 'keycloak-admin', 'metrics-metrics'])
    expect(has(`Ingress/${R}-${i}`)).toBe(!!ingressMode);
  expect(has(`Deployment/${R}-nginx`)).toBe(!!nginxMode);
  if (nginxMode) expect(find(objs, 'Service', `${R}-nginx`).spec.type).toBe(g('nginx_svc.type'));
  if (
    ingressMode &&
    g('internal_tls.enabled') &&
    String(g('ingress_class_name')).includes('nginx')
  ) {
    expect(
      find(objs, 'Ingress', `${R}-clients`).metadata.annotations?.[
        'nginx.ingress.kubernetes.io/backend-protocol'
      ],
    ).toBe('HTTPS');
  }

  const secrets = g('deploy_secrets');
  const deploy = isMap(secrets) ? secrets.enabled : secrets;
  expect(has(`Secret/${R}-backend`)).toBe(!!deploy);
  expect(has(`Secret/${R}-certificate`)).toBe(!!deploy && !valueAt(v, 'certificate.existing_cert'));
  expect(has(`NetworkPolicy/${R}-network-policy`)).toBe(!!g('networkPolicy.enabled'));
  for (const c of ['backend', 'frontend']) {
    const hpa = valueAt(v, `deployments.${c}.hpa`);
    expect(has(`HorizontalPodAutoscaler/${R}-${c}`)).toBe(!!(isMap(hpa) && hpa.enabled));
  }
  for (const c of ['backend', 'frontend', 'keycloak']) {
    expect(
      container(find(objs, 'Deployment', `${R}-${c}`), c).securityContext.readOnlyRootFilesystem,
    ).toBe(!!g('readOnlyRootFilesystem'));
  }
}

describe('examples', () => {
  it('exist (examples/<name>/values.yaml, rendered by the CLI)', () => {
    expect(examples.map((e) => e.name).length).toBeGreaterThan(0);
  });
});

describe.each(bins)('examples with $name', (bin) => {
  it.each(examples)('$name: helm lint passes', (ex) => {
    const args = ['lint', chartDir, '--strict'];
    for (const f of ex.files) args.push('--values', f);
    const r = runHelm(bin, args);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  });

  it.each(examples)('$name: helm template renders what the values ask for', (ex) => {
    const objs = template(ex.files, { bin });
    checkInvariants(objs);
    expectMatchesValues(objs, mergedValues(ex.files));
  });
});
