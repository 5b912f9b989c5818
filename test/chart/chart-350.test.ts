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
  mergedValues,
  names,
  podSpec,
  runHelm,
  template,
  type K8sObject,
} from './helm';
import { checkInvariants } from './invariants';
import {
  cleanup350,
  defaultObjects350,
  delta,
  rows350,
  minimal350,
  raw350,
  render350,
  valuesFile,
} from './chart350';
import { checkWiring } from './wiring';

afterAll(cleanup350);
const bins = helmBinaries();
const DEFAULTS = defaultObjects350(R);
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

  describe.each(rows350)('§11.2 $name', (row) => {
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
      ...rows350.map((r) => ({
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
