// Helpers of the chart-3.50 suites: values written as temporary files (so YAML types such as an
// unquoted 8.4 reach helm as they would from an admin's file), renders of chart-3.50/, and the
// default object set of the values contract 3.50 §11.1.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import {
  RELEASE as R,
  type HelmBin,
  type HelmResult,
  type K8sObject,
  type TemplateOpts,
  chart350Dir,
  container,
  envOf,
  find,
  fixturesDir,
  isWorkload,
  names,
  podSpec,
  template,
  templateRaw,
  volume,
} from './helm';

export const minimal350 = path.join(fixturesDir, 'chart-3.50', 'minimal.yaml');
export const kwokSmall350 = path.join(fixturesDir, 'chart-3.50', 'kwok-small.yaml');

let tmp: string | undefined;
let n = 0;

/** A values file holding `v` (removed by cleanup350). */
export function valuesFile(v: unknown): string {
  tmp ??= mkdtempSync(path.join(os.tmpdir(), 'lw-chart350-'));
  const f = path.join(tmp, `values-${n++}.yaml`);
  writeFileSync(f, stringify(v), { mode: 0o600 });
  return f;
}

export function cleanup350() {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
}

/** The -f list: files as given, objects written to files, in order. */
function files(layers: Array<string | object>): string[] {
  return layers.map((l) => (typeof l === 'string' ? l : valuesFile(l)));
}

/** `helm template` of chart-3.50 with the layers (files or value objects); throws on failure. */
export function render350(
  bin: HelmBin,
  layers: Array<string | object> = [],
  opts: TemplateOpts = {},
): K8sObject[] {
  return template(files(layers), { ...opts, bin, chart: chart350Dir });
}

export function raw350(
  bin: HelmBin,
  layers: Array<string | object> = [],
  opts: TemplateOpts = {},
): HelmResult {
  return templateRaw(files(layers), { ...opts, bin, chart: chart350Dir });
}

/**
 * The 39 objects of contract 3.50 §11.1 ("Rendered with default values"), as "Kind/name", for
 * the object-name prefix `rel` (the release, or general.nameOverride).
 */
export function defaultObjects350(rel: string): string[] {
  const by: Record<string, string[]> = {
    Deployment: ['artifacts', 'backend', 'crons', 'frontend', 'redis', 'router'],
    StatefulSet: ['keycloak', 'mq', 'mysql'],
    Service: [
      'artifacts',
      'backend',
      'frontend',
      'keycloak',
      'keycloak-headless',
      'mq',
      'mysql',
      'redis',
      'router',
    ],
    Ingress: ['router'],
    ConfigMap: [
      'artifacts-config',
      'backend-jcache-config',
      'frontend-config',
      'mq-config',
      'redis-config',
      'router-conf',
    ],
    Secret: ['backend', 'keycloak', 'certificate', 'lightrun-dockerhub'],
    ServiceAccount: [
      '',
      'artifacts',
      'backend',
      'crons',
      'frontend',
      'keycloak',
      'mq',
      'mysql',
      'redis',
      'router',
    ],
  };
  return Object.entries(by)
    .flatMap(([kind, suffixes]) => suffixes.map((s) => `${kind}/${s ? `${rel}-${s}` : rel}`))
    .sort();
}

/** `base` with `add` added and `remove` removed (every removed name must be in base). */
export function delta(base: string[], add: string[], remove: string[]): string[] {
  for (const r of remove) if (!base.includes(r)) throw new Error(`${r} is not in the base set`);
  return [...base.filter((x) => !remove.includes(x)), ...add].sort();
}

const initNames = (o: K8sObject[], kind: 'Deployment' | 'StatefulSet', name: string) =>
  (podSpec(find(o, kind, name)).initContainers ?? []).map((c) => c.name);

export interface Row350 {
  name: string;
  values: object;
  add?: string[];
  remove?: string[];
  check?: (o: K8sObject[]) => void;
}

/** Contract 3.50 §11.2, one row each, as overlays on the chart's defaults. */
export const rows350: Row350[] = [
  {
    name: 'db_local: false',
    values: { general: { db_local: false, db_endpoint: 'db.corp.example' } },
    remove: [`StatefulSet/${R}-mysql`, `Service/${R}-mysql`],
    check: (o) => {
      expect(names(o)).toContain(`ServiceAccount/${R}-mysql`);
      // nothing else asks for them (the message queue alone does not)
      expect(podSpec(find(o, 'StatefulSet', `${R}-keycloak`)).initContainers).toBeUndefined();
      expect(envOf(container(find(o, 'Deployment', `${R}-backend`), 'backend'))).toMatchObject({
        SPRING_DATASOURCE_URL: 'jdbc:mariadb://db.corp.example:3306/lightrunserver?useSSL=false',
      });
    },
  },
  {
    name: 'statefulset.enabled: false',
    values: { general: { statefulset: { enabled: false } } },
    remove: [`StatefulSet/${R}-mysql`],
    add: [`Deployment/${R}-mysql`],
    check: (o) => {
      expect(volume(find(o, 'Deployment', `${R}-mysql`), 'mysql').emptyDir).toBeDefined();
    },
  },
  {
    name: 'mq.enabled: false',
    values: { general: { mq: { enabled: false } } },
    remove: [
      `StatefulSet/${R}-mq`,
      `Service/${R}-mq`,
      `ConfigMap/${R}-mq-config`,
      `ServiceAccount/${R}-mq`,
    ],
    check: (o) => {
      const kc = find(o, 'StatefulSet', `${R}-keycloak`);
      expect(initNames(o, 'StatefulSet', `${R}-keycloak`)).not.toContain('wait-for-rabbitmq');
      expect(
        Object.keys(envOf(container(kc, 'keycloak'))).filter((k) => /RABBITMQ/.test(k)),
      ).toEqual([]);
      expect(initNames(o, 'Deployment', `${R}-backend`)).not.toContain('wait-for-rabbitmq');
      expect(initNames(o, 'Deployment', `${R}-crons`)).not.toContain('wait-for-rabbitmq');
    },
  },
  {
    name: 'mq.local: false + endpoint',
    values: { general: { mq: { local: false, mq_endpoint: 'rmq.corp.example' } } },
    remove: [
      `StatefulSet/${R}-mq`,
      `Service/${R}-mq`,
      `ConfigMap/${R}-mq-config`,
      `ServiceAccount/${R}-mq`,
    ],
    check: (o) => {
      for (const d of ['backend', 'crons'])
        expect(envOf(container(find(o, 'Deployment', `${R}-${d}`), d)).SPRING_RABBITMQ_HOST).toBe(
          'rmq.corp.example',
        );
      expect(
        envOf(container(find(o, 'StatefulSet', `${R}-keycloak`), 'keycloak')).RABBITMQ_HOST,
      ).toBe('rmq.corp.example');
      expect(
        container(find(o, 'StatefulSet', `${R}-keycloak`), 'wait-for-rabbitmq').args[0],
      ).toContain('http://rmq.corp.example:15672/api/overview');
    },
  },
  {
    name: 'router: ingress off, LoadBalancer Service, TLS',
    values: {
      general: {
        router: {
          ingress: { enabled: false },
          service: { type: 'LoadBalancer' },
          tls: { enabled: true },
        },
      },
    },
    remove: [`Ingress/${R}-router`],
    check: (o) => {
      expect(find(o, 'Service', `${R}-router`).spec.type).toBe('LoadBalancer');
    },
  },
  {
    name: 'router.host_port.enabled + TLS',
    values: {
      general: { router: { host_port: { enabled: true }, tls: { enabled: true } } },
      deployments: { router: { replicas: 3 } },
    },
    check: (o) => {
      const d = find(o, 'Deployment', `${R}-router`);
      expect(d.spec.replicas).toBe(1);
      expect(container(d, 'router').ports.map((p) => p.hostPort)).toEqual([80, 443]);
    },
  },
  {
    name: 'deploy off + existing names + existing_cert',
    values: {
      general: {
        deploy_secrets: {
          enabled: false,
          existing_secrets: { backend: 'ext-be', keycloak: 'ext-kc' },
        },
      },
      certificate: { existing_cert: 'ext-cert' },
    },
    remove: [
      `Secret/${R}-backend`,
      `Secret/${R}-keycloak`,
      `Secret/${R}-certificate`,
      `Secret/${R}-lightrun-dockerhub`,
    ],
    check: (o) => {
      const be = find(o, 'Deployment', `${R}-backend`);
      expect(container(be, 'backend').envFrom).toEqual([{ secretRef: { name: 'ext-be' } }]);
      expect(container(find(o, 'Deployment', `${R}-crons`), 'crons').envFrom).toEqual([
        { secretRef: { name: 'ext-be' } },
      ]);
      expect(volume(be, 'certificate').secret.secretName).toBe('ext-cert');
      expect(volume(be, 'encryption-keys').secret).toMatchObject({
        secretName: 'ext-be',
        optional: true,
      });
      const kcEnv = envOf(container(find(o, 'StatefulSet', `${R}-keycloak`), 'keycloak'));
      expect(kcEnv.KC_DB_PASSWORD).toEqual({
        secretKeyRef: { name: 'ext-kc', key: 'DB_PASSWORD' },
      });
      expect(kcEnv.RABBITMQ_PASSWORD).toEqual({
        secretKeyRef: { name: 'ext-be', key: 'SPRING_RABBITMQ_PASSWORD' },
      });
      // the pull secret is still referenced under the chart's name (the admin makes it)
      expect(podSpec(be).imagePullSecrets).toEqual([{ name: `${R}-lightrun-dockerhub` }]);
    },
  },
  {
    name: 'internal TLS self-signed',
    values: {
      general: {
        internal_tls: {
          enabled: true,
          certificates: { source: 'generate_self_signed_certificates', verification: false },
        },
      },
    },
    add: ['internal-tls-ca', 'frontend-cert', 'keycloak-cert', 'redis-cert', 'mq-cert']
      .concat(['data-streamer-cert', 'artifacts-cert'])
      .map((s) => `Secret/${R}-${s}`),
  },
  {
    name: 'networkPolicy (ingress + namespace)',
    values: {
      general: {
        networkPolicy: {
          enabled: true,
          ingress: { enabled: true, namespacesSelector: ['ingress-nginx'] },
        },
      },
    },
    add: [`NetworkPolicy/${R}-network-policy`],
  },
  {
    name: 'backend + frontend HPA',
    values: {
      deployments: { backend: { hpa: { enabled: true } }, frontend: { hpa: { enabled: true } } },
    },
    add: [`HorizontalPodAutoscaler/${R}-backend`, `HorizontalPodAutoscaler/${R}-frontend`],
  },
  {
    name: 'openshift: true',
    values: { general: { openshift: true } },
    check: (o) => {
      const ing = find(o, 'Ingress', `${R}-router`);
      expect(ing.spec.ingressClassName).toBeUndefined();
      expect(ing.metadata.annotations?.['haproxy.router.openshift.io/timeout']).toBe('90s');
      for (const w of o.filter(isWorkload))
        for (const c of [...(podSpec(w).initContainers ?? []), ...podSpec(w).containers])
          expect(c.securityContext.runAsUser, `${w.metadata.name}/${c.name}`).toBeUndefined();
    },
  },
  {
    name: 'data_streamer.enabled',
    values: { general: { data_streamer: { enabled: true } } },
    add: ['Deployment', 'Service', 'ConfigMap', 'ServiceAccount'].map(
      (k) => `${k}/${R}-data-streamer`,
    ),
    check: (o) => {
      // §11.2 reads headless; ClusterIP as in chart/ keeps the upgrade from chart/ possible (README)
      expect(find(o, 'Service', `${R}-data-streamer`).spec.type).toBe('ClusterIP');
      expect(volume(find(o, 'Deployment', `${R}-data-streamer`), 'config').configMap.name).toBe(
        `${R}-data-streamer`,
      );
    },
  },
  {
    name: 'crons.enabled: false',
    values: { general: { crons: { enabled: false } } },
    remove: [`Deployment/${R}-crons`, `ServiceAccount/${R}-crons`],
  },
  {
    name: 'system_config both set',
    values: { general: { system_config: { content: 'eyJhIjoxfQ==', signature: 'c2ln' } } },
    add: [`ConfigMap/${R}-system-config`],
    check: (o) => {
      expect(find(o, 'ConfigMap', `${R}-system-config`).data).toEqual({
        'system_config.json': '{"a":1}',
      });
    },
  },
  {
    name: 'system_config content only (nothing at all)',
    values: { general: { system_config: { content: 'eyJhIjoxfQ==' } } },
  },
  {
    name: 'system_diagnostics_k8s_api.enabled',
    values: { general: { system_diagnostics_k8s_api: { enabled: true } } },
    add: [`Role/${R}-backend-sysdiag-role`, `RoleBinding/${R}-backend-sysdiag-role-binding`],
    check: (o) => {
      expect(find(o, 'ServiceAccount', `${R}-backend`).automountServiceAccountToken).toBe(true);
      expect(podSpec(find(o, 'Deployment', `${R}-backend`)).automountServiceAccountToken).toBe(
        true,
      );
      expect(find(o, 'RoleBinding', `${R}-backend-sysdiag-role-binding`).subjects).toEqual([
        { kind: 'ServiceAccount', name: `${R}-backend`, namespace: 'lightrun' },
      ]);
    },
  },
  {
    name: 'system_diagnostics_k8s_api.enabled without serviceAccount.create (nothing)',
    values: {
      general: { system_diagnostics_k8s_api: { enabled: true } },
      serviceAccount: { create: false },
    },
    remove: [
      'artifacts',
      'backend',
      'crons',
      'frontend',
      'keycloak',
      'mq',
      'mysql',
      'redis',
      'router',
    ].map((s) => `ServiceAccount/${R}-${s}`),
  },
  {
    name: 'customCaCertificate',
    values: { secrets: { customCa: { customCaCertificate: 'Q0EtUEVN' } } },
    add: [`Secret/${R}-custom-ca-certificate`],
    check: (o) => {
      expect(find(o, 'Secret', `${R}-custom-ca-certificate`).data).toEqual({
        'custom-ca.pem': 'Q0EtUEVN',
      });
    },
  },
  {
    name: 'artifacts.podDisruptionBudget (crons: nothing)',
    values: {
      deployments: {
        artifacts: { podDisruptionBudget: { minAvailable: 1 } },
        crons: { podDisruptionBudget: { minAvailable: 1 } },
      },
    },
    add: [`PodDisruptionBudget/${R}-artifacts`],
  },
  {
    name: 'serviceAccount.create: false',
    values: { serviceAccount: { create: false } },
    remove: [
      'artifacts',
      'backend',
      'crons',
      'frontend',
      'keycloak',
      'mq',
      'mysql',
      'redis',
      'router',
    ].map((s) => `ServiceAccount/${R}-${s}`),
    check: (o) => {
      for (const w of o.filter(isWorkload))
        expect(podSpec(w).serviceAccountName, w.metadata.name).toBe(R);
    },
  },
];
