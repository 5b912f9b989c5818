// Table-driven render tests of chart/: per configuration, which objects exist and the fields
// that matter. Each configuration is fixtures/base.yaml plus one fixture file.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  K8sObject,
  RELEASE as R,
  container,
  envOf,
  find,
  fixturesDir,
  helmBinaries,
  maybe,
  names,
  podSpec,
  template,
  templateRaw,
  volume,
  isWorkload,
  type Workload,
} from './helm';
import { checkInvariants } from './invariants';

const fx = (name: string) => path.join(fixturesDir, `${name}.yaml`);
const base = fx('base');

interface Case {
  name: string;
  /** fixture files layered on base.yaml */
  files: string[];
  present: string[];
  absent: string[];
  check?: (objs: K8sObject[]) => void;
}

const core = [
  `Deployment/${R}-backend`,
  `Deployment/${R}-frontend`,
  `Deployment/${R}-keycloak`,
  `Deployment/${R}-redis`,
  `Service/${R}-backend`,
  `Service/${R}-frontend`,
  `Service/${R}-keycloak`,
  `Service/${R}-keycloak-headless`,
  `Service/${R}-redis`,
  `ConfigMap/${R}-backend-jcache-config`,
  `ConfigMap/${R}-frontend-config`,
  `ConfigMap/${R}-redis-config`,
  `ServiceAccount/${R}`,
  `ServiceAccount/${R}-backend`,
  `ServiceAccount/${R}-frontend`,
  `ServiceAccount/${R}-keycloak`,
  `ServiceAccount/${R}-mysql`,
  `ServiceAccount/${R}-nginx`,
  `ServiceAccount/${R}-redis`,
];
const ingresses = [
  `Ingress/${R}-clients`,
  `Ingress/${R}-agents`,
  `Ingress/${R}-keycloak-admin`,
  `Ingress/${R}-metrics-metrics`,
];
const secrets = [`Secret/${R}-backend`, `Secret/${R}-keycloak`, `Secret/${R}-certificate`];
const mysql = [`StatefulSet/${R}-mysql`, `Service/${R}-mysql`];
const mq = [
  `StatefulSet/${R}-mq`,
  `Service/${R}-mq`,
  `ConfigMap/${R}-mq-config`,
  `ServiceAccount/${R}-mq`,
];
const nginx = [`Deployment/${R}-nginx`, `Service/${R}-nginx`, `ConfigMap/${R}-nginx-conf`];
const router = [
  `Deployment/${R}-router`,
  `Service/${R}-router`,
  `ConfigMap/${R}-router-conf`,
  `Ingress/${R}-router`,
  `ServiceAccount/${R}-router`,
];
const selfSigned = ['frontend', 'keycloak', 'redis', 'mq', 'data-streamer'].map(
  (c) => `Secret/${R}-${c}-cert`,
);

const backend = (o: K8sObject[]) => find(o, 'Deployment', `${R}-backend`);
const backendEnv = (o: K8sObject[]) => envOf(container(backend(o), 'backend'));
const initNames = (w: Workload) => (podSpec(w).initContainers ?? []).map((c) => c.name);

const cases: Case[] = [
  {
    name: 'quick default (mode D: ingresses, local MySQL statefulset)',
    files: [],
    present: [...core, ...ingresses, ...secrets, ...mysql],
    absent: [
      ...mq,
      ...nginx,
      ...router,
      `Deployment/${R}-mysql`,
      `NetworkPolicy/${R}-network-policy`,
      `HorizontalPodAutoscaler/${R}-backend`,
    ],
    check: (o) => {
      const sts = find(o, 'StatefulSet', `${R}-mysql`);
      const claim = sts.spec.volumeClaimTemplates[0]!;
      expect(claim.metadata.name).toBe('mysql');
      expect(claim.spec.storageClassName).toBe('kwok-volume');
      expect(claim.spec.resources.requests.storage).toBe('1Gi');
      expect(sts.spec.persistentVolumeClaimRetentionPolicy).toBeUndefined();
      expect(podSpec(sts).securityContext).toEqual({ fsGroup: 1000000 });
      expect(find(o, 'Service', `${R}-mysql`).spec.clusterIP).toBe('None');
      for (const i of ingresses) {
        const ing = find(o, 'Ingress', i.split('/')[1]!);
        expect(ing.spec.rules[0]!.host).toBe('lightrun.example.test');
        expect(ing.spec.tls[0]).toEqual({
          hosts: ['lightrun.example.test'],
          secretName: `${R}-certificate`,
        });
        expect(ing.metadata.annotations?.['nginx.ingress.kubernetes.io/backend-protocol']).not.toBe(
          'HTTPS',
        );
      }
      // The metrics ingress keeps the deprecated class annotation, which excludes ingressClassName.
      expect(find(o, 'Ingress', `${R}-metrics-metrics`).spec.ingressClassName).toBeUndefined();
      expect(find(o, 'Ingress', `${R}-clients`).spec.ingressClassName).toBe('nginx');
      expect(find(o, 'Ingress', `${R}-agents`).spec.rules[0]!.http.paths[0]).toMatchObject({
        path: '/debuggees',
        backend: { service: { name: `${R}-backend` } },
      });
      expect(backendEnv(o).SPRING_DATASOURCE_URL).toBe(
        `jdbc:mariadb://${R}-mysql:3306/lightrunserver?useSSL=false`,
      );
      expect(backendEnv(o).LIGHTRUN_HOSTNAME).toBe('acme');
      expect(backendEnv(o)._JAVA_OPTIONS).toBe('-Xmx5376m -Xms5376m');
      expect(initNames(find(o, 'Deployment', `${R}-keycloak`))).toContain('wait-for-mysql');
      expect(container(backend(o), 'backend').envFrom).toEqual([
        { secretRef: { name: `${R}-backend` } },
      ]);
      const s = find(o, 'Secret', `${R}-backend`).stringData!;
      expect(s.SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD).toBe('Keycl0ak-admin-pw');
      expect(s.SPRING_DATASOURCE_USERNAME).toBe('lightrun');
      expect(s.LICENSE_CONTENT).toBe('test-license-content');
      expect(s).not.toHaveProperty('SPRING_REDIS_PASSWORD');
      expect(find(o, 'Secret', `${R}-keycloak`).stringData).toMatchObject({
        KEYCLOAK_USER: 'admin',
        DB_USER: 'lightrun',
        DB_PASSWORD: 'Db-pass-123',
      });
      expect(find(o, 'Secret', `${R}-certificate`).type).toBe('kubernetes.io/tls');
      expect(podSpec(backend(o)).imagePullSecrets).toBeUndefined();
    },
  },
  {
    name: 'external database',
    files: ['external-db'],
    present: [...core, ...ingresses],
    absent: [...mysql, `Deployment/${R}-mysql`],
    check: (o) => {
      expect(backendEnv(o).SPRING_DATASOURCE_URL).toBe(
        'jdbc:mariadb://mysql.corp.example:3306/lightrun_prod?useSSL=true&trustServerCertificate=true',
      );
      expect(backendEnv(o).SPRING_FLYWAY_URL).toContain('mysql.corp.example:3306/lightrun_prod');
      const kc = find(o, 'Deployment', `${R}-keycloak`);
      expect(envOf(container(kc, 'keycloak')).KC_DB_URL).toContain(
        '//mysql.corp.example:3306/lightrun_prod',
      );
      expect(initNames(kc)).not.toContain('wait-for-mysql');
    },
  },
  {
    name: 'local MySQL as a deployment (statefulset off)',
    files: ['mysql-deployment'],
    present: [`Deployment/${R}-mysql`, `Service/${R}-mysql`],
    absent: [`StatefulSet/${R}-mysql`],
    check: (o) => {
      const d = find(o, 'Deployment', `${R}-mysql`);
      expect(volume(d, 'mysql')).toEqual({ name: 'mysql', emptyDir: { sizeLimit: '3Gi' } });
      expect(d.spec).not.toHaveProperty('persistentVolumeClaimRetentionPolicy');
      expect(d.spec).not.toHaveProperty('volumeClaimTemplates');
    },
  },
  {
    name: 'local message queue with metrics and PVC retention',
    files: ['mq-local-metrics'],
    present: [...core, ...mq, ...mysql],
    absent: [],
    check: (o) => {
      const sts = find(o, 'StatefulSet', `${R}-mq`);
      expect(sts.spec.volumeClaimTemplates[0]!.metadata.name).toBe(`${R}-mq-data`);
      expect(sts.spec.volumeClaimTemplates[0]!.spec.resources.requests.storage).toBe('2Gi');
      expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({
        whenDeleted: 'Delete',
        whenScaled: 'Retain',
      });
      expect(
        find(o, 'StatefulSet', `${R}-mysql`).spec.persistentVolumeClaimRetentionPolicy,
      ).toEqual({ whenDeleted: 'Delete', whenScaled: 'Retain' });
      const svc = find(o, 'Service', `${R}-mq`);
      expect(svc.spec.ports.map((p) => p.port)).toEqual([5672, 15672, 15692]);
      expect(svc.metadata.annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '15692',
      });
      const cm = find(o, 'ConfigMap', `${R}-mq-config`).data!;
      expect(cm.enabled_plugins!.trim()).toBe('[rabbitmq_management,rabbitmq_prometheus].');
      // RabbitMQ's definitions file: the parts read here.
      const defs: { queues: { name: string }[]; policies: unknown[] } = JSON.parse(
        cm['definitions.json']!,
      );
      expect(defs.queues.map((q) => q.name)).toEqual(['mixpanel-events', 'mixpanel-events-dlq']);
      expect(defs.policies[0]).toMatchObject({
        pattern: '^mixpanel-events.*',
        definition: { 'message-ttl': 600000000, 'max-length': 2000, overflow: 'reject-publish' },
      });
      expect(initNames(backend(o))).toContain('wait-for-rabbitmq');
      expect(backendEnv(o).SPRING_RABBITMQ_HOST).toBe(`${R}-mq`);
      expect(find(o, 'Secret', `${R}-backend`).stringData).toMatchObject({
        SPRING_RABBITMQ_USERNAME: 'lightrun-mq',
        SPRING_RABBITMQ_PASSWORD: 'Mq-pass-123',
      });
    },
  },
  {
    name: 'local message queue without storage ("0")',
    files: ['mq-no-storage'],
    present: mq,
    absent: [],
    check: (o) => {
      const sts = find(o, 'StatefulSet', `${R}-mq`);
      expect(sts.spec.volumeClaimTemplates).toBeUndefined();
      expect(volume(sts, `${R}-mq-data`).emptyDir).toEqual({ sizeLimit: '5Gi' });
      expect(find(o, 'ConfigMap', `${R}-mq-config`).data!.enabled_plugins!.trim()).toBe(
        '[rabbitmq_management].',
      );
      expect(find(o, 'Service', `${R}-mq`).spec.ports.map((p) => p.port)).toContain(15692);
    },
  },
  {
    name: 'external message queue',
    files: ['mq-external'],
    present: core,
    absent: mq,
    check: (o) => {
      expect(backendEnv(o)).toMatchObject({
        SPRING_RABBITMQ_HOST: 'rabbit.corp.example',
        SPRING_RABBITMQ_PORT: '5671',
      });
      expect(container(backend(o), 'wait-for-rabbitmq').args[0]).toContain(
        'http://rabbit.corp.example:15672/api/overview',
      );
    },
  },
  {
    name: 'no ingress controller: nginx behind a LoadBalancer (mode E)',
    files: ['nginx-loadbalancer'],
    present: [...core, ...nginx],
    absent: [...ingresses, ...router],
    check: (o) => {
      const svc = find(o, 'Service', `${R}-nginx`);
      expect(svc.spec.type).toBe('LoadBalancer');
      expect(svc.spec.ports).toEqual([
        { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' },
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
      ]);
      expect(
        container(find(o, 'Deployment', `${R}-nginx`), 'nginx').ports.map((p) => [
          p.name,
          p.containerPort,
        ]),
      ).toEqual([
        ['http', 8080],
        ['https', 8443],
      ]);
      expect(svc.metadata.annotations).toEqual({
        'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
      });
      const d = find(o, 'Deployment', `${R}-nginx`);
      expect(volume(d, 'certificate').secret.secretName).toBe(`${R}-certificate`);
      const conf = find(o, 'ConfigMap', `${R}-nginx-conf`).data!['nginx.conf'];
      expect(conf).toContain('listen 8443 ssl;');
      expect(conf).toContain('server_name lightrun.example.test;');
      expect(conf).toContain(`server ${R}-keycloak:8080;`);
      expect(conf).toContain('proxy_pass http://lightrun_backend;');
    },
  },
  {
    name: 'no ingress controller: nginx behind a ClusterIP',
    files: ['nginx-clusterip'],
    present: nginx,
    absent: ingresses,
    check: (o) => expect(find(o, 'Service', `${R}-nginx`).spec.type).toBe('ClusterIP'),
  },
  {
    name: 'internal TLS with existing certificates and a private CA',
    files: ['internal-tls-existing'],
    present: [...core, ...ingresses, ...mq],
    absent: selfSigned,
    check: (o) => {
      for (const i of ingresses) {
        expect(
          find(o, 'Ingress', i.split('/')[1]!).metadata.annotations?.[
            'nginx.ingress.kubernetes.io/backend-protocol'
          ],
        ).toBe('HTTPS');
      }
      expect(volume(find(o, 'Deployment', `${R}-frontend`), 'tls').secret.secretName).toBe(
        'tls-frontend',
      );
      const kc = find(o, 'Deployment', `${R}-keycloak`);
      expect(volume(kc, 'tls').secret.secretName).toBe('tls-keycloak');
      expect(volume(kc, 'cluster-tls').secret.secretName).toBe('tls-keycloak-cluster');
      expect(volume(kc, 'internal-ca').secret).toEqual({
        secretName: 'corp-ca',
        items: [{ key: 'ca.crt', path: 'ca.crt' }],
      });
      expect(envOf(container(kc, 'keycloak'))).toMatchObject({
        KC_HTTPS_PORT: '9080',
        KC_HTTP_ENABLED: 'false',
        KC_TRUSTSTORE_PATHS: '/etc/x509/ca/ca.crt',
      });
      expect(volume(find(o, 'Deployment', `${R}-redis`), 'tls').secret.secretName).toBe(
        'tls-redis',
      );
      expect(find(o, 'ConfigMap', `${R}-redis-config`).data!['redis.conf']).toContain(
        'tls-port 6379',
      );
      expect(volume(find(o, 'StatefulSet', `${R}-mq`), 'tls').secret.secretName).toBe(
        'tls-rabbitmq',
      );
      const b = backend(o);
      expect(initNames(b)).toContain('root-ca-creator');
      expect(volume(b, 'internal-ca').secret.secretName).toBe('corp-ca');
      expect(backendEnv(o)).toMatchObject({
        SERVER_SSL_ENABLED: 'true',
        TLS_SKIPCLIENTCERTIFICATEVERIFICATION: 'false',
        SPRING_REDIS_SSL: 'true',
        SPRING_RABBITMQ_SSL_ENABLED: 'true',
        SPRING_SECURITY_KEYCLOAK_URL: `https://${R}-keycloak:8080/auth`,
      });
      expect(container(b, 'backend').readinessProbe.httpGet.scheme).toBe('HTTPS');
      expect(find(o, 'Service', `${R}-backend`).spec.ports[0]!.name).toBe('https');
    },
  },
  {
    name: 'internal TLS with self-signed certificates (pre-install hook secrets)',
    files: ['internal-tls-self-signed'],
    present: [...core, ...selfSigned],
    absent: [],
    check: (o) => {
      for (const s of selfSigned) {
        const sec = find(o, 'Secret', s.split('/')[1]!);
        expect(sec.type).toBe('kubernetes.io/tls');
        expect(sec.metadata.annotations).toEqual({
          'helm.sh/hook': 'pre-install',
          'helm.sh/hook-delete-policy': 'before-hook-creation',
        });
        expect(Buffer.from(sec.data['tls.crt']!, 'base64').toString()).toContain(
          'BEGIN CERTIFICATE',
        );
        expect(Buffer.from(sec.data['tls.key']!, 'base64').toString()).toContain('PRIVATE KEY');
      }
      expect(volume(find(o, 'Deployment', `${R}-frontend`), 'tls').secret.secretName).toBe(
        `${R}-frontend-cert`,
      );
      expect(volume(find(o, 'Deployment', `${R}-keycloak`), 'tls').secret.secretName).toBe(
        `${R}-keycloak-cert`,
      );
      expect(backendEnv(o).TLS_SKIPCLIENTCERTIFICATEVERIFICATION).toBe('true');
      expect(
        find(o, 'Ingress', `${R}-clients`).metadata.annotations?.[
          'nginx.ingress.kubernetes.io/backend-protocol'
        ],
      ).toBe('HTTPS');
    },
  },
  {
    name: 'secrets outside the chart, network policy, read-only root filesystem',
    files: ['secrets-outside'],
    present: [...core, `NetworkPolicy/${R}-network-policy`],
    absent: [...secrets, `Secret/${R}-aes`, `Secret/${R}-lightrun-dockerhub`],
    check: (o) => {
      expect(o.filter((x) => x.kind === 'Secret')).toEqual([]);
      const b = backend(o);
      expect(container(b, 'backend').envFrom).toEqual([{ secretRef: { name: 'corp-backend' } }]);
      expect(volume(b, 'certificate').secret.secretName).toBe('corp-server-tls');
      expect(volume(b, 'aes-key').secret).toEqual({
        secretName: 'corp-aes',
        items: [{ key: 'aes.key', path: 'aes.key' }],
      });
      expect(container(b, 'backend').volumeMounts).toContainEqual({
        name: 'aes-key',
        mountPath: '/etc/lightrun/keys',
        readOnly: true,
      });
      expect(backendEnv(o).SYSTEM_API_AES_KEY_PATH).toBe('file:/etc/lightrun/keys/aes.key');
      expect(podSpec(b).imagePullSecrets).toEqual([{ name: 'corp-registry' }]);
      expect(
        envOf(container(find(o, 'Deployment', `${R}-keycloak`), 'keycloak')).KC_DB_USERNAME,
      ).toEqual({ secretKeyRef: { name: 'corp-keycloak', key: 'DB_USER' } });
      expect(
        envOf(container(find(o, 'StatefulSet', `${R}-mysql`), 'mysql')).MYSQL_PASSWORD,
      ).toEqual({ secretKeyRef: { name: 'corp-keycloak', key: 'DB_PASSWORD' } });
      for (const [name, main] of [
        ['backend', 'backend'],
        ['frontend', 'frontend'],
        ['keycloak', 'keycloak'],
      ] as const) {
        const w = find(o, 'Deployment', `${R}-${name}`);
        expect(container(w, main).securityContext.readOnlyRootFilesystem).toBe(true);
        expect(container(w, main).volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
        expect(volume(w, 'tmp').emptyDir).toEqual({ medium: 'Memory', sizeLimit: '256Mi' });
      }
      expect(initNames(find(o, 'Deployment', `${R}-keycloak`))).toContain('prepare-readonlyfs');
      expect(
        container(find(o, 'StatefulSet', `${R}-mysql`), 'mysql').securityContext
          .readOnlyRootFilesystem,
      ).toBeUndefined();
      const np = find(o, 'NetworkPolicy', `${R}-network-policy`);
      expect(np.spec.podSelector).toEqual({});
      expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      const mandatory = [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'lightrun' } } },
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } },
      ];
      // The vendor's single rule per direction: release namespace, kube-system, then the user's peers.
      expect(np.spec.ingress).toEqual([
        {
          from: [
            ...mandatory,
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
              },
            },
          ],
        },
      ]);
      expect(np.spec.egress).toEqual([
        { to: [...mandatory, { ipBlock: { cidr: '10.20.0.0/16' } }] },
      ]);
    },
  },
  {
    name: 'security contexts: defaults win on overlap, user keys are added',
    files: ['hardening'],
    present: core,
    absent: [],
    check: (o) => {
      expect(container(backend(o), 'backend').securityContext).toEqual({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
        readOnlyRootFilesystem: false,
        runAsNonRoot: true,
        runAsUser: 1000000,
        runAsGroup: 3000,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(podSpec(backend(o)).securityContext).toEqual({ fsGroup: 3000 });
      // null is not an opt-out: the defaults stay.
      expect(
        container(find(o, 'Deployment', `${R}-frontend`), 'frontend').securityContext,
      ).toMatchObject({ runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
      expect(
        container(find(o, 'StatefulSet', `${R}-mysql`), 'mysql').securityContext,
      ).toMatchObject({ runAsUser: 1000000, runAsNonRoot: true, privileged: true });
    },
  },
  {
    name: 'autoscaling, disruption budget and API keys encryption',
    files: ['hpa-aes'],
    present: [
      `HorizontalPodAutoscaler/${R}-backend`,
      `HorizontalPodAutoscaler/${R}-frontend`,
      `PodDisruptionBudget/${R}-backend`,
      `Secret/${R}-aes`,
    ],
    absent: [`HorizontalPodAutoscaler/${R}-keycloak`, `PodDisruptionBudget/${R}-frontend`],
    check: (o) => {
      const hpa = find(o, 'HorizontalPodAutoscaler', `${R}-backend`);
      expect(hpa.spec).toMatchObject({
        minReplicas: 2,
        maxReplicas: 6,
        scaleTargetRef: { kind: 'Deployment', name: `${R}-backend` },
      });
      expect(
        hpa.spec.metrics.map((m) => [m.resource.name, m.resource.target.averageUtilization]),
      ).toEqual([
        ['cpu', 60],
        ['memory', 80],
      ]);
      expect(
        find(o, 'HorizontalPodAutoscaler', `${R}-frontend`).spec.metrics.map(
          (m) => m.resource.name,
        ),
      ).toEqual(['cpu']);
      expect(backend(o).spec.replicas).toBeUndefined();
      expect(find(o, 'Deployment', `${R}-frontend`).spec.replicas).toBeUndefined();
      expect(find(o, 'Deployment', `${R}-keycloak`).spec.replicas).toBe(1);
      expect(find(o, 'Secret', `${R}-aes`).stringData).toEqual({
        'aes.key': '00112233445566778899aabbccddeeff',
      });
      expect(volume(backend(o), 'aes-key').secret.secretName).toBe(`${R}-aes`);
      expect(backendEnv(o).SYSTEM_API_AES_KEY_PATH).toBe('file:/keys/aes.key');
      expect(find(o, 'PodDisruptionBudget', `${R}-backend`).spec).toMatchObject({
        minAvailable: 1,
        selector: { matchLabels: { 'app.kubernetes.io/component': 'backend' } },
      });
    },
  },
  {
    name: 'images, registry secret, node selectors and tolerations',
    files: ['images-scheduling'],
    present: [`Secret/${R}-lightrun-dockerhub`],
    absent: [],
    check: (o) => {
      expect(container(backend(o), 'backend').image).toBe('registry.corp/lightrun/server:1.51.0');
      expect(container(find(o, 'Deployment', `${R}-keycloak`), 'keycloak').image).toBe(
        'registry.corp/lightrun/keycloak:1.51.0',
      );
      expect(container(find(o, 'Deployment', `${R}-redis`), 'redis').image).toBe(
        'registry.corp/lightrun/redis:alpine-7.2.5-r1',
      );
      expect(container(find(o, 'StatefulSet', `${R}-mysql`), 'mysql').image).toBe(
        'registry.corp/mysql:8.0.40',
      );
      const pull = find(o, 'Secret', `${R}-lightrun-dockerhub`);
      expect(pull.type).toBe('kubernetes.io/dockerconfigjson');
      expect(pull.data).toEqual({ '.dockerconfigjson': 'eyJhdXRocyI6e319' });
      for (const w of o.filter(isWorkload)) {
        expect(podSpec(w).imagePullSecrets, w.metadata.name).toEqual([
          { name: `${R}-lightrun-dockerhub` },
        ]);
        expect(podSpec(w).tolerations, w.metadata.name).toEqual([
          { key: 'dedicated', operator: 'Equal', value: 'lightrun', effect: 'NoSchedule' },
        ]);
        expect(podSpec(w).nodeSelector.purpose, w.metadata.name).toBe('lightrun');
      }
      expect(podSpec(find(o, 'StatefulSet', `${R}-mysql`)).nodeSelector).toEqual({
        purpose: 'lightrun',
        disk: 'ssd',
      });
    },
  },
  {
    name: 'empty image tags fall back to the chart appVersion',
    files: ['empty-tags'],
    present: core,
    absent: [],
    check: (o) => {
      for (const [d, c, repo] of [
        ['backend', 'backend', 'server'],
        ['frontend', 'frontend', 'webapp'],
        ['keycloak', 'keycloak', 'keycloak'],
      ] as const) {
        expect(container(find(o, 'Deployment', `${R}-${d}`), c).image).toBe(
          `lightruncom/${repo}:1.50.1-release.ef66f0e08e`,
        );
      }
      // Keycloak >= 1.42: management port probes.
      expect(
        container(find(o, 'Deployment', `${R}-keycloak`), 'keycloak').readinessProbe.httpGet,
      ).toMatchObject({ path: '/auth/health/ready', port: 9000 });
    },
  },
  {
    name: 'OpenShift: the SCC assigns user and group ids',
    files: ['openshift'],
    present: [...core, ...mq],
    absent: [],
    check: (o) => {
      for (const w of o.filter(isWorkload)) {
        const s = podSpec(w);
        for (const c of [...(s.initContainers ?? []), ...s.containers])
          expect(c.securityContext, `${w.metadata.name}/${c.name}`).not.toHaveProperty('runAsUser');
        expect(s.securityContext?.fsGroup, w.metadata.name).toBeUndefined();
      }
    },
  },
  {
    name: 'SIEM data streamer with internal TLS',
    files: ['data-streamer'],
    present: [
      ...core,
      `Deployment/${R}-data-streamer`,
      `Service/${R}-data-streamer`,
      `ServiceAccount/${R}-data-streamer`,
      `PodDisruptionBudget/${R}-data-streamer`,
    ],
    absent: [],
    check: (o) => {
      const d = find(o, 'Deployment', `${R}-data-streamer`);
      expect(d.spec.replicas).toBe(2);
      expect(volume(d, 'tls').secret.secretName).toBe('tls-streamer');
      expect(envOf(container(d, 'data-streamer'))).toMatchObject({
        AUTHORIZATION_HEADER_NAME: 'Authorization',
        DO_NOT_RETRY_ON: '401,403',
      });
      expect(container(d, 'data-streamer').readinessProbe.httpGet).toMatchObject({
        path: '/ready',
        port: 4195,
        scheme: 'HTTPS',
      });
      expect(find(o, 'Service', `${R}-data-streamer`).spec.ports[0]).toMatchObject({
        name: 'https',
        port: 4195,
      });
      expect(backendEnv(o)).toMatchObject({
        DATA_STREAMER_ENABLED: 'true',
        DATA_STREAMER_URL: `https://${R}-data-streamer:4195`,
      });
    },
  },
  {
    name: 'router mode (the vendor default) with router TLS',
    files: ['router'],
    present: [...core, ...router],
    absent: [...ingresses, ...nginx],
    check: (o) => {
      const ing = find(o, 'Ingress', `${R}-router`);
      expect(ing.spec.ingressClassName).toBe('nginx');
      expect(ing.metadata.annotations).toMatchObject({
        'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
        'nginx.ingress.kubernetes.io/proxy-buffer-size': '8k',
      });
      expect(ing.spec.rules[0]!.http.paths[0]!.backend.service).toEqual({
        name: `${R}-router`,
        port: { name: 'https' },
      });
      expect(find(o, 'Service', `${R}-router`).spec.ports.map((p) => [p.name, p.port])).toEqual([
        ['http', 8080],
        ['https', 8443],
      ]);
      const conf = find(o, 'ConfigMap', `${R}-router-conf`).data!['nginx.conf'];
      expect(conf).toMatch(/location \/auth\/admin \{\s+deny all;/);
      expect(conf).toMatch(/location \/management\/prometheus \{\s+deny all;/);
    },
  },
];

const bins = helmBinaries();

describe.each(bins)('chart render ($name)', (bin) => {
  it.each(cases)('$name', (c) => {
    const objs = template([base, ...c.files.map(fx)], { bin });
    const got = names(objs);
    for (const p of c.present) expect(got, `expected ${p}`).toContain(p);
    for (const a of c.absent) expect(got, `unexpected ${a}`).not.toContain(a);
    checkInvariants(objs);
    c.check?.(objs);
  });
});

describe('chart render: single values', () => {
  it('a dockerhub config of null renders no pull secret and no reference', () => {
    // docs/chart-3.9.4.md §2.2 allows null; checked here without the schema, which owns its own rules.
    const objs = template([base], {
      set: ['secrets.defaults.dockerhub_config=null'],
      skipSchema: true,
    });
    expect(names(objs).filter((n) => n.includes('dockerhub'))).toEqual([]);
    expect(podSpec(backend(objs)).imagePullSecrets).toBeUndefined();
  });
  it('a release name containing "lightrun" names the pull secret <rel>-dockerhub', () => {
    const objs = template([fx('base'), fx('images-scheduling')], { release: 'lightrun-prod' });
    expect(maybe(objs, 'Secret', 'lightrun-prod-dockerhub')).toBeDefined();
  });
  it('standalone nginx listens on deployments.standalone_nginx.ports', () => {
    const objs = template([base, fx('nginx-loadbalancer')], {
      set: [
        'deployments.standalone_nginx.ports.http=80',
        'deployments.standalone_nginx.ports.https=443',
      ],
    });
    const d = find(objs, 'Deployment', `${R}-nginx`);
    expect(container(d, 'nginx').ports.map((p) => [p.name, p.containerPort])).toEqual([
      ['http', 80],
      ['https', 443],
    ]);
    expect(
      find(objs, 'Service', `${R}-nginx`).spec.ports.map((p) => [p.port, p.targetPort]),
    ).toEqual([
      [443, 'https'],
      [80, 'http'],
    ]);
    const conf = find(objs, 'ConfigMap', `${R}-nginx-conf`).data['nginx.conf'];
    expect(conf).toContain('listen 443 ssl;');
    expect(conf).toContain('listen 80;');
  });
  it('router host ports: one replica, Recreate, host ports 80/443', () => {
    const objs = template([base, fx('router')], {
      set: ['general.router.host_port.enabled=true', 'deployments.router.replicas=3'],
    });
    const d = find(objs, 'Deployment', `${R}-router`);
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
    expect(container(d, 'nginx').ports.map((p) => p.hostPort)).toEqual([80, 443]);
  });
  it('keycloak images older than 1.42 / 1.38 get the old probes and hostname variable', () => {
    const kc = (tag: string) =>
      container(
        find(
          template([base], { set: [`deployments.keycloak.image.tag=${tag}`] }),
          'Deployment',
          `${R}-keycloak`,
        ),
        'keycloak',
      );
    expect(kc('1.40.0').readinessProbe.httpGet).toMatchObject({ path: '/auth', port: 9080 });
    expect(envOf(kc('1.40.0')).KC_HOSTNAME).toBe('https://lightrun.example.test/auth');
    expect(envOf(kc('1.30.2')).KC_HOSTNAME_URL).toBe('https://lightrun.example.test/auth');
    expect(envOf(kc('latest')).KC_HOSTNAME).toBe('https://lightrun.example.test/auth');
  });
  it('external replicated Redis: no Redis objects, the backend gets every node', () => {
    const objs = template([base], {
      set: [
        'deployments.redis.external.enabled=true',
        'deployments.redis.architecture=replicated',
        'deployments.redis.encryption.enabled=true',
        'deployments.redis.external.replicatedConfig.nodeAddresses={r1.corp,r2.corp}',
      ],
    });
    expect(names(objs).filter((n) => n.includes('redis'))).toEqual([]);
    const jcache = find(objs, 'ConfigMap', `${R}-backend-jcache-config`).data['jcache.yaml'];
    expect(jcache).toContain('replicatedServersConfig:');
    expect(jcache).toContain('- "rediss://r1.corp:6379"');
    expect(jcache).toContain('- "rediss://r2.corp:6379"');
    expect(backendEnv(objs).SPRING_REDIS_SSL).toBe('true');
  });
  it('extraEnvs replace the chart entry of the same name (no duplicates)', () => {
    const objs = template([base], {
      set: [
        'deployments.backend.extraEnvs[0].name=_JAVA_OPTIONS',
        'deployments.backend.extraEnvs[0].value=-Xmx1g',
      ],
    });
    const env = container(backend(objs), 'backend').env.filter((e) => e.name === '_JAVA_OPTIONS');
    expect(env).toEqual([{ name: '_JAVA_OPTIONS', value: '-Xmx1g' }]);
  });
});

// docs/chart-3.9.4.md §9: the vendor chart adds the release namespace and kube-system only to a
// direction that has at least one entry; a direction without any has no rule, which denies it
// entirely.
describe('mode D: the Keycloak admin console Ingress covers both admin paths', () => {
  it('routes /auth/admin and /auth/realms/master through <rel>-keycloak-admin with its own annotations', () => {
    const objs = template([base], {
      set: [
        'ingress_keycloak_admin.annotations.nginx\\.ingress\\.kubernetes\\.io/denylist-source-range=0.0.0.0/0',
      ],
    });
    const ing = find(objs, 'Ingress', `${R}-keycloak-admin`);
    expect(
      ing.spec.rules[0]!.http.paths.map((p) => [p.path, p.pathType, p.backend.service.name]),
    ).toEqual([
      ['/auth/admin', 'Prefix', `${R}-keycloak`],
      ['/auth/realms/master', 'Prefix', `${R}-keycloak`],
    ]);
    expect(ing.metadata.annotations?.['nginx.ingress.kubernetes.io/denylist-source-range']).toBe(
      '0.0.0.0/0',
    );
  });
});

describe('network policy behaves exactly as the vendor chart', () => {
  const NP = 'general.networkPolicy';
  const mandatory = [
    { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'lightrun' } } },
    { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } },
  ];
  const policy = (set: string[]) =>
    find(
      template([base], { set: [`${NP}.enabled=true`, ...set] }),
      'NetworkPolicy',
      `${R}-network-policy`,
    ).spec;
  it.each([
    [
      'ingress with no peer: no rule at all (deny all ingress)',
      [`${NP}.ingress.enabled=true`],
      { podSelector: {}, policyTypes: ['Ingress'] },
    ],
    [
      'egress with no peer: no rule at all (deny all egress, DNS included)',
      [`${NP}.egress.enabled=true`],
      { podSelector: {}, policyTypes: ['Egress'] },
    ],
    [
      'one namespace: one rule with the two mandatory namespaces first',
      [`${NP}.ingress.enabled=true`, `${NP}.ingress.namespacesSelector[0]=ingress-nginx`],
      {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              ...mandatory,
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
                },
              },
            ],
          },
        ],
      },
    ],
    [
      'ports only: the same single rule, restricted to the ports (intra-namespace too)',
      [
        `${NP}.ingress.enabled=true`,
        `${NP}.ingress.ports[0].port=443`,
        `${NP}.ingress.ports[0].protocol=TCP`,
      ],
      {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: mandatory, ports: [{ port: 443, protocol: 'TCP' }] }],
      },
    ],
    [
      'a CIDR for egress',
      [`${NP}.egress.enabled=true`, `${NP}.egress.ipBlock[0].cidr=10.0.0.0/8`],
      {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [...mandatory, { ipBlock: { cidr: '10.0.0.0/8' } }] }],
      },
    ],
  ])('%s', (_n, set, expected) => expect(policy(set as string[])).toEqual(expected));
});

describe("chart render: the guide's bare boolean deploy_secrets", () => {
  it('deploy_secrets: false renders no Secret and references the default names', () => {
    const objs = template([base], { set: ['general.deploy_secrets=false'] });
    expect(objs.filter((x) => x.kind === 'Secret')).toEqual([]);
    expect(container(backend(objs), 'backend').envFrom).toEqual([
      { secretRef: { name: `${R}-backend` } },
    ]);
    expect(volume(backend(objs), 'certificate').secret.secretName).toBe(`${R}-certificate`);
  });
});

// Values helm itself must refuse (the schema or the chart's own checks), with a message naming the key.
const rejects: Array<{ name: string; set: string[]; setString?: string[]; message: RegExp }> = [
  {
    name: 'API keys encryption without a key',
    set: ['general.api_keys_encryption.enabled=true'],
    message: /aes_key/,
  },
  {
    name: 'Redis auth without a password',
    set: ['deployments.redis.auth.enabled=true'],
    message: /secrets\.redis\.password/,
  },
  {
    name: 'self-signed internal TLS with verification',
    set: [
      'general.internal_tls.enabled=true',
      'general.internal_tls.certificates.source=generate_self_signed_certificates',
      'general.internal_tls.certificates.verification=true',
    ],
    message: /verification/,
  },
  {
    name: 'existing internal certificates left empty',
    set: ['general.internal_tls.enabled=true'],
    message: /existing_certificates\.(frontend|keycloak|keycloak_cluster|redis)/,
  },
  {
    name: 'network policy without a direction',
    set: ['general.networkPolicy.enabled=true'],
    message: /networkPolicy/,
  },
  {
    name: 'nginx service of type NodePort',
    set: ['general.ingress_controller=false', 'general.nginx_svc.type=NodePort'],
    message: /nginx_svc/,
  },
  {
    name: 'a JVM memory figure in G',
    set: ['deployments.backend.resources.memory=7G'],
    message: /memory/,
  },
  {
    name: 'a quoted boolean (G2)',
    set: [],
    setString: ['general.db_local=false'],
    message: /db_local/,
  },
  {
    name: 'the data streamer with internal TLS and no certificate for it',
    set: [
      'general.data_streamer.enabled=true',
      'general.internal_tls.enabled=true',
      'general.internal_tls.certificates.existing_certificates.frontend=a',
      'general.internal_tls.certificates.existing_certificates.keycloak=a',
      'general.internal_tls.certificates.existing_certificates.keycloak_cluster=a',
      'general.internal_tls.certificates.existing_certificates.redis=a',
    ],
    message: /existing_certificates\.data_streamer/,
  },
];

describe.each(bins)('chart rejects bad values ($name)', (bin) => {
  it.each(rejects)('$name', (c) => {
    const r = templateRaw([base], { bin, set: c.set, setString: c.setString });
    expect(r.code, r.stdout.slice(0, 200)).not.toBe(0);
    expect(r.stderr).toMatch(c.message);
  });
});

describe('object names match docs/chart-3.9.4.md', () => {
  it('pure defaults render the §16 set (router mode), minus the empty pull secret', () => {
    const objs = template([], { release: 'rel' });
    expect(names(objs)).toEqual([
      'ConfigMap/rel-backend-jcache-config',
      'ConfigMap/rel-frontend-config',
      'ConfigMap/rel-redis-config',
      'ConfigMap/rel-router-conf',
      'Deployment/rel-backend',
      'Deployment/rel-frontend',
      'Deployment/rel-keycloak',
      'Deployment/rel-redis',
      'Deployment/rel-router',
      'Ingress/rel-router',
      'Secret/rel-backend',
      'Secret/rel-certificate',
      'Secret/rel-keycloak',
      'Service/rel-backend',
      'Service/rel-frontend',
      'Service/rel-keycloak',
      'Service/rel-keycloak-headless',
      'Service/rel-mysql',
      'Service/rel-redis',
      'Service/rel-router',
      'ServiceAccount/rel',
      'ServiceAccount/rel-backend',
      'ServiceAccount/rel-frontend',
      'ServiceAccount/rel-keycloak',
      'ServiceAccount/rel-mysql',
      'ServiceAccount/rel-nginx',
      'ServiceAccount/rel-redis',
      'ServiceAccount/rel-router',
      'StatefulSet/rel-mysql',
    ]);
    const sts = find(objs, 'StatefulSet', 'rel-mysql');
    expect(sts.spec.volumeClaimTemplates[0]!.metadata.name).toBe('mysql');
    expect(sts.spec.volumeClaimTemplates[0]!.spec).toMatchObject({
      storageClassName: 'gp2',
      resources: { requests: { storage: '100Gi' } },
    });
    expect(find(objs, 'Service', 'rel-keycloak').spec.ports[0]).toMatchObject({
      port: 8080,
      targetPort: 9080,
    });
    expect(find(objs, 'Service', 'rel-router').spec.type).toBe('ClusterIP');
  });

  it('router off (mode D) swaps the 5 router objects for the 4 ingresses of §17 row 6', () => {
    const objs = template([], { release: 'rel', set: ['general.router.enabled=false'] });
    const got = names(objs);
    for (const n of [
      'Deployment/rel-router',
      'Service/rel-router',
      'ConfigMap/rel-router-conf',
      'Ingress/rel-router',
      'ServiceAccount/rel-router',
    ])
      expect(got).not.toContain(n);
    expect(got.filter((n) => n.startsWith('Ingress/'))).toEqual([
      'Ingress/rel-agents',
      'Ingress/rel-clients',
      'Ingress/rel-keycloak-admin',
      'Ingress/rel-metrics-metrics',
    ]);
  });
});
