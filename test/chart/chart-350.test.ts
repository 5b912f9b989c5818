// chart-3.50/, the project's test chart of the vendor chart 3.50.0's values layout, rendered with
// helm v4 and v3. Expected object sets are those of the values contract 3.50
// (/work/shared/reference/values-contract-3.50.md): §11.1 for the defaults, §11.2 for each
// representative configuration; images as §2 lists them; the MySQL StatefulSet's immutable fields
// as chart/ renders them (§8.4: the upgrade from 3.9.4 keeps the volume only if they match).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { imagesFromManifests } from '../../lib/images';
import { isMap } from '../../lib/values/tree';
import {
  RELEASE as R,
  chart350Dir,
  container,
  envOf,
  find,
  helmBinaries,
  isWorkload,
  mergedValues,
  names,
  podSpec,
  runHelm,
  template,
  volume,
  type K8sObject,
} from './helm';
import { checkInvariants } from './invariants';
import {
  cleanup350,
  defaultObjects350,
  delta,
  minimal350,
  raw350,
  render350,
  valuesFile,
} from './chart350';
import { checkWiring } from './wiring';

afterAll(cleanup350);
const bins = helmBinaries();
const DEFAULTS = defaultObjects350(R);
const initNames = (o: K8sObject[], kind: 'Deployment' | 'StatefulSet', name: string) =>
  (podSpec(find(o, kind, name)).initContainers ?? []).map((c) => c.name);

interface Row {
  name: string;
  values: object;
  add?: string[];
  remove?: string[];
  check?: (o: K8sObject[]) => void;
}

/** Contract 3.50 §11.2, one row each, as overlays on the chart's defaults. */
const rows: Row[] = [
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

describe.each(bins)('chart-3.50 with $name', (bin) => {
  it('helm lint passes on the defaults and on the minimal values (contract §12)', () => {
    for (const extra of [[], ['--values', minimal350]]) {
      const r = runHelm(bin, ['lint', chart350Dir, ...extra]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
    }
  });

  it('the defaults render exactly the 39 objects of §11.1', () => {
    const o = render350(bin);
    expect(names(o)).toEqual(DEFAULTS);
    expect(o).toHaveLength(39);
  });

  it('§11.1 details: StatefulSets, headless Services, ports, router Ingress class', () => {
    const o = render350(bin);
    const kc = find(o, 'StatefulSet', `${R}-keycloak`);
    expect(kc.spec.volumeClaimTemplates).toBeUndefined();
    expect(kc.spec.serviceName).toBe(`${R}-keycloak`);
    expect(kc.spec.updateStrategy.type).toBe('RollingUpdate');
    expect(find(o, 'StatefulSet', `${R}-mq`).spec.volumeClaimTemplates).toBeUndefined();
    const claim = find(o, 'StatefulSet', `${R}-mysql`).spec.volumeClaimTemplates[0]!;
    expect([
      claim.metadata.name,
      claim.spec.storageClassName,
      claim.spec.resources.requests.storage,
    ]).toEqual(['mysql', 'gp2', '100Gi']);
    for (const s of ['artifacts', 'mq', 'mysql'])
      expect(find(o, 'Service', `${R}-${s}`).spec.clusterIP, s).toBe('None');
    // §11.1 reads headless for redis; ours stays ClusterIP as in chart/, because clusterIP cannot
    // change on an existing Service and the upgrade from chart/ would fail (README)
    expect(find(o, 'Service', `${R}-redis`).spec.type).toBe('ClusterIP');
    expect(find(o, 'Service', `${R}-redis`).spec.clusterIP).toBeUndefined();
    expect(find(o, 'Service', `${R}-artifacts`).spec.ports.map((p) => p.port)).toEqual([8080]);
    expect(
      find(o, 'Service', `${R}-keycloak`).spec.ports.map((p) => [p.port, p.targetPort]),
    ).toEqual([
      [8080, 9080],
      [9000, 9000],
    ]);
    const router = find(o, 'Service', `${R}-router`);
    expect(router.spec.type).toBe('ClusterIP');
    expect(router.spec.ports.map((p) => p.port)).toEqual([8080, 8443]);
    expect(find(o, 'Ingress', `${R}-router`).spec.ingressClassName).toBe('nginx');
  });

  it('general.nameOverride renames all 39 objects (the release stays the instance label)', () => {
    const o = render350(bin, [{ general: { nameOverride: 'acme' } }]);
    expect(names(o)).toEqual(defaultObjects350('acme'));
    expect(find(o, 'Deployment', 'acme-backend').spec.selector.matchLabels).toMatchObject({
      'app.kubernetes.io/instance': R,
    });
    expect(envOf(container(find(o, 'Deployment', 'acme-backend'), 'backend'))).toMatchObject({
      SPRING_DATASOURCE_URL: 'jdbc:mariadb://acme-mysql:3306/lightrunserver?useSSL=false',
      SPRING_RABBITMQ_HOST: 'acme-mq',
      LIGHTRUN_ARTIFACTS_URL: 'http://acme-artifacts:8080',
    });
  });

  it('a release (or nameOverride) containing "lightrun" names the pull secret <rel>-dockerhub', () => {
    const o = render350(bin, [], { release: 'lightrun' });
    expect(names(o)).toEqual(
      defaultObjects350('lightrun')
        .map((n) => (n === 'Secret/lightrun-lightrun-dockerhub' ? 'Secret/lightrun-dockerhub' : n))
        .sort(),
    );
  });

  describe.each(rows)('§11.2 $name', (row) => {
    it('renders the defaults plus/minus the row', () => {
      const o = render350(bin, [row.values]);
      expect(names(o)).toEqual(delta(DEFAULTS, row.add ?? [], row.remove ?? []));
      row.check?.(o);
    });
  });

  describe('wiring: every reference resolves, every Service port exists on its pods', () => {
    const configs: Array<{ name: string; layers: object[] }> = [
      { name: 'defaults', layers: [] },
      // with Secrets made outside the chart the admin also makes the pull secret: name it
      ...rows.map((r) => ({
        name: r.name,
        layers: JSON.stringify(r.values).includes('"deploy_secrets"')
          ? [
              r.values,
              { secrets: { defaults: { dockerhub_config: { existingSecret: 'ext-pull' } } } },
            ]
          : [r.values],
      })),
      {
        name: 'internal TLS with existing certificates and a CA',
        layers: [
          {
            general: {
              internal_tls: {
                enabled: true,
                certificates: {
                  existing_ca_secret_name: 'int-ca',
                  existing_certificates: Object.fromEntries(
                    ['frontend', 'keycloak', 'keycloak_cluster', 'redis', 'rabbitmq']
                      .concat(['data_streamer', 'artifacts'])
                      .map((k) => [k, `int-${k}`]),
                  ),
                },
              },
              data_streamer: { enabled: true },
            },
          },
        ],
      },
      {
        name: 'read-only root, async profiler, dumps on a claim',
        layers: [
          {
            general: { readOnlyRootFilesystem: true },
            deployments: {
              backend: {
                asyncProfiler: { enabled: true },
                dumpsPersistence: { enabled: true, existingClaim: 'dumps' },
              },
              keycloak: { asyncProfiler: { enabled: true } },
            },
          },
        ],
      },
    ];
    it.each(configs)('$name', ({ layers }) => {
      const files = layers.map(valuesFile);
      const o = render350(bin, files);
      expect(checkWiring(o, mergedValues(files, chart350Dir))).toEqual([]);
      if (!layers.some((l) => JSON.stringify(l).includes('system_diagnostics'))) checkInvariants(o);
    });
  });

  describe('images (§2)', () => {
    const images = (layers: object[]) => {
      const r = raw350(bin, layers);
      expect(r.code, r.stderr).toBe(0);
      return imagesFromManifests(r.stdout);
    };
    const NINE = [
      'lightruncom/server:1.91.0-release.943266f167',
      'lightruncom/webapp:1.91.0-release.943266f167',
      'lightruncom/keycloak:1.91.0-release.943266f167',
      'lightruncom/artifacts:1.91.0-release.943266f167',
      'lightruncom/router:1.30.4-r1-alpine-3.24.1-r5.lr-0',
      'lightruncom/redis:7.4.10-alpine-3.24.1-r5.lr-0',
      'lightruncom/rabbitmq:4.3.4-alpine.lr-1',
      'lightruncom/chart-helper:0.3.0-alpine-3.24.1-r5.lr-0',
      'mysql:8.4.10',
    ].sort();
    it('the defaults pull the first nine images of the table', () => {
      expect(images([])).toEqual(NINE);
    });
    it('the data streamer adds its image', () => {
      expect(images([{ general: { data_streamer: { enabled: true } } }])).toEqual(
        [...NINE, 'lightruncom/data-streamer:4.103.1-alpine-3.24.1-r5.lr-0'].sort(),
      );
    });
    it('crons has its own repository key: rewriting only the backend leaves crons on Docker Hub', () => {
      const o = render350(bin, [
        { deployments: { backend: { image: { repository: 'mirror.example/server' } } } },
      ]);
      expect(container(find(o, 'Deployment', `${R}-backend`), 'backend').image).toBe(
        'mirror.example/server:1.91.0-release.943266f167',
      );
      expect(container(find(o, 'Deployment', `${R}-crons`), 'crons').image).toBe(
        'lightruncom/server:1.91.0-release.943266f167',
      );
    });
    it('crons init containers use the backend initContainers image keys', () => {
      const tag = (t: string) => ({ image: { repository: 'lightruncom/chart-helper', tag: t } });
      const o = render350(bin, [
        {
          deployments: {
            backend: {
              initContainers: {
                wait_for_keycloak: tag('wk'),
                wait_for_rabbitmq: tag('wr'),
                p12_creator: tag('p12'),
              },
            },
          },
        },
      ]);
      for (const d of ['backend', 'crons']) {
        const w = find(o, 'Deployment', `${R}-${d}`);
        expect(
          (podSpec(w).initContainers ?? []).map((c) => [c.name, c.image.split(':')[1]]),
        ).toEqual([
          ['wait-for-keycloak', 'wk'],
          ['wait-for-rabbitmq', 'wr'],
          ['pinned-cert-hash-creator', 'p12'],
        ]);
      }
    });
  });

  it('§3: the keys 3.50 removed change nothing (a 3.9.4 file renders as if they were absent)', () => {
    const key = { secrets: { keysEncryption: { userEncryptionKey: 'k'.repeat(43) + '=' } } };
    const removed = {
      general: {
        router: { enabled: false },
        ingress_controller: false,
        ingress_class_name: 'nginx',
        nginx_svc: { type: 'LoadBalancer', annotations: { a: 'b' } },
        api_keys_encryption: { enabled: true, key_mount_path: '/keys' },
        deploy_secrets: { existing_secrets: { api_keys_encryption: 'aes' } },
        mq: {
          queue_name: 'mixpanel-events-old',
          storage: '10Gi',
          storageClassName: 'gp2',
          pvc_name: 'mqdata',
          persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
        },
      },
      ingress_clients: { annotations: { x: 'y' } },
      ingress_agents: { annotations: { x: 'y' } },
      ingress_keycloak_admin: { annotations: { x: 'y' } },
      ingress_metrics: { annotations: { x: 'y' } },
      secrets: {
        api_keys_encryption: { aes_key: '0'.repeat(32) },
        defaults: { hubspot_token: 'h' },
      },
      deployments: {
        standalone_nginx: { replicas: 2 },
        keycloak: { rollout_strategy: 'Recreate', asyncProfiler: { version: '2.9' } },
        backend: { asyncProfiler: { version: '2.9', architecture: 'arm64' } },
      },
    };
    expect(render350(bin, [minimal350, key, removed])).toEqual(render350(bin, [minimal350, key]));
  });

  describe('MySQL StatefulSet: the immutable fields equal chart/ for the same values (§8.4)', () => {
    const immutable = (o: K8sObject[]) => {
      const s = find(o, 'StatefulSet', `${R}-mysql`).spec;
      return {
        selector: s.selector,
        serviceName: s.serviceName,
        volumeClaimTemplates: s.volumeClaimTemplates,
        podManagementPolicy: s.podManagementPolicy,
      };
    };
    it.each([
      { name: 'defaults', v: {} },
      {
        name: 'pvc_name, no class, retention policy',
        v: {
          general: {
            statefulset: {
              pvc_name: 'lrdata',
              storageClassName: '',
              storageSize: '20Gi',
              persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
            },
          },
        },
      },
    ])('$name', ({ v }) => {
      const f = valuesFile(v);
      const old = immutable(template([f], { bin }));
      const now = immutable(render350(bin, [f]));
      expect(now).toEqual(old);
      expect(now.volumeClaimTemplates).toHaveLength(1);
    });
    it('RabbitMQ too, for a chart/ broker without a volume (storage "0"; with one the upgrade fails, §13.1 U4)', () => {
      const mq = (o: K8sObject[]) => {
        const s = find(o, 'StatefulSet', `${R}-mq`).spec;
        return [s.selector, s.serviceName, s.volumeClaimTemplates, s.podManagementPolicy];
      };
      const f = valuesFile({ general: { mq: { enabled: true, storage: '0' } } });
      expect(mq(render350(bin, [f]))).toEqual(mq(template([f], { bin })));
      expect(mq(render350(bin, [f]))[2]).toBeUndefined();
    });
  });
});

describe("values.yaml: the vendor's image keys", () => {
  it('every image map of chart-3.50/values.yaml is one of the 22 keys of §2 (3.9.4 keys, new keys)', () => {
    const v: unknown = parse(readFileSync(path.join(chart350Dir, 'values.yaml'), 'utf8'));
    const found: string[] = [];
    const walk = (t: unknown, at: string[]) => {
      if (!isMap(t)) return;
      for (const [k, x] of Object.entries(t)) {
        if (k === 'image' && isMap(x) && 'repository' in x) found.push([...at, k].join('.'));
        else walk(x, [...at, k]);
      }
    };
    walk(v, []);
    const prof = (c: string) =>
      ['download', 'persist'].map(
        (p) => `deployments.${c}.asyncProfiler.initContainers.${p}_async_profiler.image`,
      );
    expect(found.sort()).toEqual(
      [
        // 3.9.4's keys without standalone_nginx
        'deployments.backend.image',
        'deployments.backend.initContainers.wait_for_keycloak.image',
        'deployments.backend.initContainers.wait_for_rabbitmq.image',
        'deployments.backend.initContainers.p12_creator.image',
        'deployments.frontend.image',
        'deployments.keycloak.image',
        'deployments.keycloak.initContainers.cluster_cert.image',
        'deployments.mysql.image',
        'deployments.redis.image',
        'deployments.rabbitmq.image',
        'deployments.rabbitmq.initContainers.rabbitmq_config.image',
        'deployments.data_streamer.image',
        'deployments.router.image',
        // §2's new keys
        'deployments.crons.image',
        'deployments.artifacts.image',
        'deployments.keycloak.initContainers.wait_for_rabbitmq.image',
        ...prof('backend'),
        ...prof('crons'),
        ...prof('keycloak'),
      ].sort(),
    );
    expect(found).toHaveLength(22);
  });

  it('Chart.yaml names the contract and the Lightrun version of chart 3.50.0', () => {
    const c = parse(readFileSync(path.join(chart350Dir, 'Chart.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(c.name).toBe('lightrun');
    expect(c.appVersion).toBe('1.91.0-release.943266f167');
    expect(c.annotations).toEqual({ 'lightrun.com/values-contract': '3.50.0' });
  });
});
