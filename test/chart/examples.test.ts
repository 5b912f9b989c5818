// Every examples/<name>/values.yaml (+ secrets.yaml), rendered by the CLI, must lint and render
// with helm v4 and v3, and render the objects its values ask for; the same for every example's
// chart 3.50 files (values-3.50.yaml + secrets-3.50.yaml) with chart-3.50/, whose images must be
// the ones the wizard predicts from the file (the CLI's `images`, Review's list).
import { describe, expect, it } from 'vitest';
import { IMAGE_TABLE_350, imagesFromManifests, predictImages } from '../../lib/images';
import { isMap, type Tree } from '../../lib/values/tree';
import {
  K8sObject,
  RELEASE as R,
  chart350Dir,
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
  templateRaw,
  valueAt,
} from './helm';
import { checkInvariants } from './invariants';

const examples = exampleConfigs();
const examples350 = exampleConfigs('3.50.0');
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

/** What a chart 3.50 file asks for (docs/chart-3.50.md §11): 3.50's workloads, none of 3.9.4's. */
function expectMatchesValues350(objs: K8sObject[], v: Tree) {
  const got = names(objs);
  const g = (path: string) => valueAt(v, `general.${path}`);
  for (const n of ['Deployment/artifacts', 'Deployment/router', 'StatefulSet/keycloak'])
    expect(got, n).toContain(n.replace('/', `/${R}-`));
  expect(got.includes(`Deployment/${R}-crons`)).toBe(!!g('crons.enabled'));
  expect(got.includes(`StatefulSet/${R}-mq`)).toBe(!!(g('mq.enabled') && g('mq.local')));
  expect(got.includes(`StatefulSet/${R}-mysql`)).toBe(!!g('db_local'));
  for (const gone of ['Deployment/nginx', 'Ingress/clients', 'Deployment/keycloak', 'Secret/aes'])
    expect(got, gone).not.toContain(gone.replace('/', `/${R}-`));
  const key = valueAt(v, 'secrets.keysEncryption.userEncryptionKey');
  if (g('deploy_secrets.enabled'))
    expect(find(objs, 'Secret', `${R}-backend`).data['encryption-key-0']).toBe(
      Buffer.from(String(key)).toString('base64'),
    );
  else expect(got).not.toContain(`Secret/${R}-backend`);
}

describe('examples for chart 3.50', () => {
  it('every example has its 3.50 files (examples/<name>/values-3.50.yaml)', () => {
    expect(examples350.map((e) => e.name)).toEqual(examples.map((e) => e.name));
  });
});

describe.each(bins)('examples for chart 3.50 with $name', (bin) => {
  it.each(examples350)('$name: helm lint passes', (ex) => {
    const args = ['lint', chart350Dir, '--strict'];
    for (const f of ex.files) args.push('--values', f);
    const r = runHelm(bin, args);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  });

  it.each(examples350)(
    '$name: helm template renders 3.50’s objects, with the predicted images',
    (ex) => {
      const r = templateRaw(ex.files, { bin, chart: chart350Dir });
      expect(r.code, r.stderr).toBe(0);
      const objs = template(ex.files, { bin, chart: chart350Dir });
      checkInvariants(objs);
      const v = mergedValues(ex.files, chart350Dir);
      expectMatchesValues350(objs, v);
      expect(predictImages(v, IMAGE_TABLE_350)).toEqual(imagesFromManifests(r.stdout));
    },
  );
});
