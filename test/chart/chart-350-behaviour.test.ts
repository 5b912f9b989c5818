// chart-3.50/ behaviour docs/chart-3.50.md lists, with helm v4 and v3: the render failures
// F1-F7 of §6 (each failing value names its key; the value beside it renders), the encryption
// keys of §10, the router of §8.5 and G11, crons and Keycloak of §8.1/§8.2, MySQL's version
// flags (§8.4), node selection (§8.9), internal TLS (§8.7) and the Secrets of §9.
import { X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  RELEASE as R,
  container,
  envOf,
  find,
  helmBinaries,
  isWorkload,
  maybe,
  names,
  podSpec,
  volume,
  type K8sObject,
} from './helm';
import { cleanup350, defaultObjects350, raw350, render350 } from './chart350';
import { failures, refusals } from './chart350-cases';

afterAll(cleanup350);
const bins = helmBinaries();
const KEY = 'UHAQfP+tkn/kCax6InSSrYvP5eW+pD1JTTC/6KxDTz8='; // base64 of 32 bytes
const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

describe.each(bins)('chart-3.50 with $name', (bin) => {
  describe.each([...failures, ...refusals])('$id', (f) => {
    it('fails the render with a message naming the key', () => {
      const r = raw350(bin, [f.bad]);
      expect(r.code, r.stdout.slice(0, 200)).not.toBe(0);
      for (const k of f.keys) expect(r.stderr).toContain(k);
    });
    it('the good side renders', () => {
      const r = raw350(bin, [f.good]);
      expect(r.code, r.stderr).toBe(0);
    });
  });

  it('a bare deploy_secrets: false renders with no chart Secrets (F6 is about true only)', () => {
    const o = render350(bin, [{ general: { deploy_secrets: false } }]);
    expect(names(o).filter((n) => n.startsWith('Secret/'))).toEqual([]);
  });

  describe('encryption keys (§10) without a cluster', () => {
    const secret = (o: K8sObject[]) => find(o, 'Secret', `${R}-backend`);
    it('a new release gets encryption-key-0: base64 of 32 random bytes, different on each render', () => {
      const one = secret(render350(bin)).data!;
      const two = secret(render350(bin)).data!;
      expect(Object.keys(one)).toEqual(['encryption-key-0']);
      const key = b64(one['encryption-key-0']!);
      expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(key, 'base64')).toHaveLength(32);
      expect(b64(two['encryption-key-0']!)).not.toBe(key);
    });
    it("the user's key becomes encryption-key-0; rotateKey on a new release adds nothing", () => {
      const o = render350(bin, [
        { secrets: { keysEncryption: { userEncryptionKey: KEY, rotateKey: true } } },
      ]);
      expect(secret(o).data).toEqual({ 'encryption-key-0': Buffer.from(KEY).toString('base64') });
    });
    it('backend and crons mount every key, optional, at /encryption-keys', () => {
      const o = render350(bin);
      for (const d of ['backend', 'crons']) {
        const w = find(o, 'Deployment', `${R}-${d}`);
        expect(volume(w, 'encryption-keys').secret).toEqual({
          secretName: `${R}-backend`,
          optional: true,
          items: [{ key: 'encryption-key-0', path: 'encryption-key-0' }],
        });
        expect(container(w, d).volumeMounts).toContainEqual({
          name: 'encryption-keys',
          mountPath: '/encryption-keys',
          readOnly: true,
        });
        expect(envOf(container(w, d))['SERVER_SECURITY_ENCRYPTION-KEYS-PATH']).toBe(
          'file:/encryption-keys',
        );
      }
    });
    it('Secrets made outside the chart: no Secret, the volume points at the named one', () => {
      const o = render350(bin, [
        {
          general: { deploy_secrets: { enabled: false, existing_secrets: { backend: 'ext-be' } } },
        },
      ]);
      expect(maybe(o, 'Secret', `${R}-backend`)).toBeUndefined();
      expect(volume(find(o, 'Deployment', `${R}-crons`), 'encryption-keys').secret).toMatchObject({
        secretName: 'ext-be',
        items: [{ key: 'encryption-key-0', path: 'encryption-key-0' }],
      });
    });
  });

  describe('backend Secret (§9)', () => {
    it('always the MQ keys; optional keys only when set; no hubspot token', () => {
      const plain = find(render350(bin), 'Secret', `${R}-backend`).stringData!;
      expect(plain).toHaveProperty('SPRING_RABBITMQ_USERNAME', '');
      for (const k of [
        'LIGHTRUN_INITIAL_SYS_API_KEY',
        'SALESFORCE_USERNAME',
        'TRACKING_HUBSPOT_TOKEN',
      ])
        expect(plain).not.toHaveProperty(k);
      const set = find(
        render350(bin, [
          {
            secrets: {
              defaults: {
                lightrun_initial_sys_api_key: 'sys',
                open_ai_admin_api_key: 'oai',
                hubspot_token: 'hub',
                salesforce: { username: 'u', jwt_private_key: 'k' },
              },
            },
          },
        ]),
        'Secret',
        `${R}-backend`,
      ).stringData!;
      expect(set).toMatchObject({
        LIGHTRUN_INITIAL_SYS_API_KEY: 'sys',
        AUTONOMOUS_DEBUGGER_OPEN_AI_ADMIN_API_KEY: 'oai',
        SALESFORCE_USERNAME: 'u',
        SALESFORCE_JWT_PRIVATE_KEY: 'k',
      });
      expect(set).not.toHaveProperty('TRACKING_HUBSPOT_TOKEN');
      expect(set).not.toHaveProperty('SALESFORCE_CLIENT_ID');
    });
    it('the default empty pull config is a valid .dockerconfigjson; existingSecret and null render none', () => {
      const pull = find(render350(bin), 'Secret', `${R}-lightrun-dockerhub`);
      expect(pull.type).toBe('kubernetes.io/dockerconfigjson');
      expect(JSON.parse(b64(pull.data!['.dockerconfigjson']!))).toEqual({ auths: {} });
      const ext = render350(bin, [
        { secrets: { defaults: { dockerhub_config: { existingSecret: 'regcred' } } } },
      ]);
      expect(maybe(ext, 'Secret', `${R}-lightrun-dockerhub`)).toBeUndefined();
      expect(podSpec(find(ext, 'Deployment', `${R}-artifacts`)).imagePullSecrets).toEqual([
        { name: 'regcred' },
      ]);
      const none = render350(bin, [{ secrets: { defaults: { dockerhub_config: null } } }]);
      expect(maybe(none, 'Secret', `${R}-lightrun-dockerhub`)).toBeUndefined();
      expect(podSpec(find(none, 'Deployment', `${R}-backend`)).imagePullSecrets).toBeUndefined();
    });
  });

  describe('router (§8.5, G11)', () => {
    const conf = (o: K8sObject[]) => find(o, 'ConfigMap', `${R}-router-conf`).data!['nginx.conf']!;
    /** The body of `location <path> {` up to its closing brace (no nested blocks in ours). */
    const location = (text: string, path: string) => {
      const at = text.indexOf(`location ${path} {`);
      expect(at, `location ${path}`).toBeGreaterThan(-1);
      return text.slice(at, text.indexOf('}', at));
    };
    it('ACLs: admin console and metrics denied, /router_status only from the pod, user lists', () => {
      const c = conf(
        render350(bin, [
          {
            general: {
              router: {
                acl: {
                  auth_admin: { allow_ips: ['10.1.0.0/16'] },
                  agents: { deny_ips: ['192.0.2.0/24'] },
                  global: { allow_ips: ['198.51.100.0/24'], deny_ips: ['all'] },
                },
              },
            },
          },
        ]),
      );
      expect(location(c, '/auth/admin')).toMatch(/allow 10\.1\.0\.0\/16;\s+deny all;/);
      expect(location(c, '/management/prometheus')).toContain('deny all;');
      expect(location(c, '= /router_status')).toMatch(
        /allow 127\.0\.0\.1\/32;\s+deny all;\s+stub_status;/,
      );
      expect(location(c, '/debuggees')).toContain('deny 192.0.2.0/24;');
      expect(c).toMatch(/allow 198\.51\.100\.0\/24;\s+deny all;\s+location = \/healthz/);
    });
    it('locations, body limit, MCP timeouts, workers', () => {
      const c = conf(
        render350(bin, [{ general: { router: { mcp_endpoint: { timeout_seconds: 900 } } } }]),
      );
      expect(c).toContain('client_max_body_size 50m;');
      expect(c).toContain('worker_processes 3;');
      expect(location(c, '/mcp')).toMatch(/proxy_read_timeout 900s;\s+proxy_send_timeout 900s;/);
      expect(location(c, '/api/')).toContain('error_page 502 503 504 = @backend_unavailable;');
      expect(location(c, '@backend_unavailable')).toContain('return 503 \'{"status":503');
      for (const p of [
        '= /.well-known/openid-configuration',
        '= /.well-known/oauth-authorization-server',
        '= /auth/realms/.well-known/openid-configuration',
      ])
        expect(location(c, p)).toContain('://lightrun_keycloak/auth/realms/lightrun/.well-known/');
    });
    it('router TLS: HTTPS listener with the server certificate, HTTP redirects, keystore password file', () => {
      const o = render350(bin, [
        {
          general: { router: { tls: { enabled: true } } },
          secrets: { defaults: { keystore_password: 'ks-pw-123' } },
        },
      ]);
      const c = conf(o);
      expect(c).toContain('listen 8443 ssl;');
      expect(c).toContain('ssl_password_file /keystore/password;');
      expect(c).toContain('return 301 https://$host$request_uri;');
      const d = find(o, 'Deployment', `${R}-router`);
      expect(volume(d, 'keystore-password').secret).toEqual({
        secretName: `${R}-backend`,
        items: [{ key: 'KEYSTORE_PASSWORD', path: 'password' }],
      });
      expect(volume(d, 'certificate').secret.secretName).toBe(`${R}-certificate`);
      const plain = render350(bin, [{ general: { router: { tls: { enabled: true } } } }]);
      expect(conf(plain)).not.toContain('ssl_password_file');
    });
    it('G11: with an nginx class the chart sets proxy-buffer-size 8k (and HTTPS with TLS) once, over the user value', () => {
      const o = render350(bin, [
        {
          general: {
            router: {
              tls: { enabled: true },
              ingress: {
                annotations: {
                  'nginx.ingress.kubernetes.io/proxy-buffer-size': '64k',
                  'nginx.ingress.kubernetes.io/proxy-body-size': '50m',
                },
              },
            },
          },
        },
      ]);
      const ing = find(o, 'Ingress', `${R}-router`);
      expect(ing.metadata.annotations).toEqual({
        'nginx.ingress.kubernetes.io/proxy-buffer-size': '8k',
        'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
        'nginx.ingress.kubernetes.io/proxy-body-size': '50m',
      });
      expect(ing.spec.rules[0]!.http.paths[0]!.backend.service).toEqual({
        name: `${R}-router`,
        port: { name: 'https' },
      });
      const other = find(
        render350(bin, [{ general: { router: { ingress: { ingress_class_name: 'traefik' } } } }]),
        'Ingress',
        `${R}-router`,
      );
      expect(other.metadata.annotations).toBeUndefined();
      expect(other.spec.ingressClassName).toBe('traefik');
    });
  });

  describe('crons and backend (§8.1)', () => {
    it('crons: one replica, Recreate, cron profile, heap 75 % with Xms a third, backend extraEnvs first (T12)', () => {
      const o = render350(bin, [
        {
          deployments: {
            backend: {
              replicas: 3,
              extraEnvs: [
                { name: '_JAVA_OPTIONS', value: '-Xmx6g' },
                { name: 'FROM_BACKEND', value: 'b' },
                { name: 'BOTH', value: 'backend' },
              ],
            },
            crons: { extraEnvs: [{ name: 'BOTH', value: 'crons' }] },
          },
        },
      ]);
      const crons = find(o, 'Deployment', `${R}-crons`);
      expect(crons.spec.replicas).toBe(1);
      expect(crons.spec.strategy.type).toBe('Recreate');
      const env = envOf(container(crons, 'crons'));
      expect(env).toMatchObject({
        SPRING_PROFILES_ACTIVE: 'prod,swagger,cluster,cron',
        _JAVA_OPTIONS: '-Xmx6g',
        FROM_BACKEND: 'b',
        BOTH: 'crons',
      });
      const plain = envOf(container(find(render350(bin), 'Deployment', `${R}-crons`), 'crons'));
      expect(plain._JAVA_OPTIONS).toBe('-Xmx1536m -Xms512m');
      const be = envOf(container(find(render350(bin), 'Deployment', `${R}-backend`), 'backend'));
      expect(be._JAVA_OPTIONS).toBe('-Xmx4608m -Xms4608m');
      expect(be.SPRING_PROFILES_ACTIVE).toBe('prod,swagger,cluster');
      expect(find(o, 'Deployment', `${R}-backend`).spec.replicas).toBe(3);
    });
    it("crons' init containers take the backend's containerSecurityContext, its main container its own", () => {
      const o = render350(bin, [
        {
          deployments: {
            backend: { containerSecurityContext: { procMount: 'Default' } },
            crons: { containerSecurityContext: { privileged: false } },
          },
        },
      ]);
      const crons = find(o, 'Deployment', `${R}-crons`);
      expect(container(crons, 'wait-for-keycloak').securityContext.procMount).toBe('Default');
      expect(container(crons, 'wait-for-keycloak').securityContext.privileged).toBeUndefined();
      expect(container(crons, 'crons').securityContext.privileged).toBe(false);
      expect(container(crons, 'crons').securityContext.procMount).toBeUndefined();
    });
    it('init containers: Keycloak health on 9000, pinned hash always, p12-creator and KEYSTORE_PATH only with internal TLS', () => {
      const plain = find(render350(bin), 'Deployment', `${R}-backend`);
      expect((podSpec(plain).initContainers ?? []).map((c) => c.name)).toEqual([
        'wait-for-keycloak',
        'wait-for-rabbitmq',
        'pinned-cert-hash-creator',
      ]);
      expect(container(plain, 'wait-for-keycloak').args[0]).toContain(
        `http://${R}-keycloak:9000/auth/health/started`,
      );
      expect(envOf(container(plain, 'backend'))).not.toHaveProperty('KEYSTORE_PATH');
      const tls = find(
        render350(bin, [
          {
            general: {
              internal_tls: {
                enabled: true,
                certificates: { source: 'generate_self_signed_certificates', verification: false },
              },
            },
          },
        ]),
        'Deployment',
        `${R}-backend`,
      );
      expect((podSpec(tls).initContainers ?? []).map((c) => c.name)).toContain('p12-creator');
      expect(envOf(container(tls, 'backend'))).toMatchObject({
        KEYSTORE_PATH: '/p12/lightrun.p12',
        LIGHTRUN_ARTIFACTS_URL: `https://${R}-artifacts:8080`,
      });
    });
    it('queue names by prefix, pinned hashes, system config mount in backend and crons', () => {
      const o = render350(bin, [
        {
          general: {
            mq: { queue_names: ['KEYCLOAK-events-x', 'mixpanel-events-y'] },
            system_config: { content: 'eyJhIjoxfQ==', signature: 'c2ln' },
          },
          certificate: { security_pinned_hashes: ['a'.repeat(64), 'b'.repeat(64)] },
        },
      ]);
      for (const d of ['backend', 'crons']) {
        const w = find(o, 'Deployment', `${R}-${d}`);
        expect(envOf(container(w, d))).toMatchObject({
          TRACKING_MIXPANEL_QUEUE_NAME: 'mixpanel-events-y',
          KEYCLOAK_QUEUE_NAME: 'KEYCLOAK-events-x',
          LIGHTRUN_SECURITY_PINNED_HASHES: `${'a'.repeat(64)},${'b'.repeat(64)}`,
          LIGHTRUN_SYSTEM_CONFIG_JSON_FILE_PATH: '/opt/lightrun/system_config.json',
          LIGHTRUN_SYSTEM_CONFIG_JSON_SIGNATURE: 'c2ln',
        });
        expect(volume(w, 'system-config').configMap.name).toBe(`${R}-system-config`);
      }
      const mq = find(o, 'ConfigMap', `${R}-mq-config`).data!['definitions.json']!;
      expect(
        (JSON.parse(mq) as { queues: Array<{ name: string }> }).queues.map((q) => q.name),
      ).toEqual([
        'KEYCLOAK-events-x',
        'KEYCLOAK-events-x.dlq',
        'mixpanel-events-y',
        'mixpanel-events-y.dlq',
      ]);
    });
  });

  describe('Keycloak (§8.2)', () => {
    const inits = (o: K8sObject[]) =>
      (podSpec(find(o, 'StatefulSet', `${R}-keycloak`)).initContainers ?? []).map((c) => c.name);
    it('init containers only when read-only root, local DB, internal TLS or the profiler ask; the queue wait first', () => {
      expect(inits(render350(bin))).toEqual(['wait-for-rabbitmq', 'wait-for-mysql']);
      expect(inits(render350(bin, [{ general: { readOnlyRootFilesystem: true } }]))).toEqual([
        'wait-for-rabbitmq',
        'prepare-readonlyfs',
        'wait-for-mysql',
      ]);
      expect(inits(render350(bin, [{ general: { db_local: false } }]))).toEqual([]);
      expect(
        inits(
          render350(bin, [
            {
              general: { db_local: false },
              deployments: { keycloak: { asyncProfiler: { enabled: true } } },
            },
          ]),
        ),
      ).toEqual(['wait-for-rabbitmq', 'download-async-profiler', 'persist-async-profiler']);
    });
    it('admin bootstrap, jdbc-ping, RabbitMQ credentials from the backend Secret', () => {
      const env = envOf(
        container(find(render350(bin), 'StatefulSet', `${R}-keycloak`), 'keycloak'),
      );
      expect(env).toMatchObject({
        KC_BOOTSTRAP_ADMIN_USERNAME: {
          secretKeyRef: { name: `${R}-keycloak`, key: 'KEYCLOAK_USER' },
        },
        KC_BOOTSTRAP_ADMIN_PASSWORD: {
          secretKeyRef: { name: `${R}-keycloak`, key: 'KEYCLOAK_PASSWORD' },
        },
        KC_HTTP_ENABLED: 'true',
        KC_HTTPS_ENABLED: 'false',
        KC_CACHE_STACK: 'jdbc-ping',
        RABBITMQ_HOST: `${R}-mq`,
        KEYCLOAK_QUEUE_NAME: 'keycloak-events',
        RABBITMQ_USERNAME: {
          secretKeyRef: { name: `${R}-backend`, key: 'SPRING_RABBITMQ_USERNAME' },
        },
      });
      expect(env).not.toHaveProperty('KC_PROXY');
      expect(env).not.toHaveProperty('KEYCLOAK_ADMIN');
    });
    it('the custom CA (or an existing CA Secret) is mounted as Keycloak trust store', () => {
      for (const [ca, secret] of [
        [{ customCaCertificate: 'Q0E=' }, `${R}-custom-ca-certificate`],
        [{ existingCaSecret: 'ldaps-ca' }, 'ldaps-ca'],
      ] as const) {
        const kc = find(
          render350(bin, [{ secrets: { customCa: ca } }]),
          'StatefulSet',
          `${R}-keycloak`,
        );
        expect(volume(kc, 'truststores').secret.secretName).toBe(secret);
        expect(container(kc, 'keycloak').volumeMounts).toContainEqual({
          name: 'truststores',
          mountPath: '/opt/keycloak/conf/truststores',
          readOnly: true,
        });
      }
      expect(podSpec(find(render350(bin), 'StatefulSet', `${R}-keycloak`)).volumes).toBeUndefined();
    });
  });

  describe('MySQL flags by version (§8.4, T13, T14)', () => {
    const args = (tag: string, secure = false) =>
      container(
        find(
          render350(bin, [
            {
              general: { db_require_secure_transport: secure },
              deployments: { mysql: { image: { tag } } },
            },
          ]),
          'StatefulSet',
          `${R}-mysql`,
        ),
        'mysql',
      ).args.filter((a) => /native-password|ssl|secure-transport/.test(a));
    it.each([
      ['8.4.10', false, ['--mysql-native-password=ON']],
      ['8.0.38', false, ['--skip-ssl']],
      ['8.4.10-oraclelinux9', false, []],
      ['9.1.0', false, ['--mysql-native-password=ON']],
      ['8.4.10', true, ['--mysql-native-password=ON', '--require-secure-transport=ON']],
      ['8.0.38', true, ['--require-secure-transport=ON']],
    ])('%s (secure transport %s)', (tag, secure, expected) => {
      expect(args(tag, secure)).toEqual(expected);
    });
  });

  it('node selection (§8.9): general.nodeSelector everywhere but MySQL and RabbitMQ, which read only their own', () => {
    const o = render350(bin, [
      {
        general: {
          nodeSelector: { pool: 'lightrun' },
          tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }],
          data_streamer: { enabled: true },
        },
        deployments: {
          mysql: { nodeSelector: { disk: 'ssd' } },
          backend: { nodeSelector: { ignored: 'yes' } },
        },
      },
    ]);
    const own: Record<string, unknown> = {
      [`${R}-mysql`]: { disk: 'ssd' },
      [`${R}-mq`]: undefined,
    };
    const workloads = o.filter(isWorkload);
    expect(workloads).toHaveLength(10);
    for (const w of workloads) {
      const s = podSpec(w);
      const want = w.metadata.name in own ? own[w.metadata.name] : { pool: 'lightrun' };
      expect(s.nodeSelector, w.metadata.name).toEqual(want);
      expect(s.tolerations, w.metadata.name).toHaveLength(1);
    }
  });

  describe('internal TLS (§8.7, T7)', () => {
    const selfSigned = {
      general: {
        internal_tls: {
          enabled: true,
          certificates: { source: 'generate_self_signed_certificates', verification: false },
        },
      },
    };
    it('one CA and six certificates it signs, each with its Service names, all pre-install hooks', () => {
      const o = render350(bin, [selfSigned]);
      const ca = find(o, 'Secret', `${R}-internal-tls-ca`);
      expect(ca.type).toBe('Opaque');
      const caCert = new X509Certificate(b64(ca.data!['custom-ca.pem']!));
      expect(caCert.ca).toBe(true);
      for (const c of ['frontend', 'keycloak', 'redis', 'mq', 'data-streamer', 'artifacts']) {
        const s = find(o, 'Secret', `${R}-${c}-cert`);
        expect(s.type).toBe('kubernetes.io/tls');
        const cert = new X509Certificate(b64(s.data!['tls.crt']!));
        expect(cert.verify(caCert.publicKey), c).toBe(true);
        expect(cert.subjectAltName).toContain(`DNS:${R}-${c}.lightrun.svc`);
      }
      for (const s of o.filter((x) => x.kind === 'Secret' && x.metadata.name.endsWith('-cert')))
        expect(s.metadata.annotations).toEqual({
          'helm.sh/hook': 'pre-install',
          'helm.sh/hook-delete-policy': 'before-hook-creation',
        });
      expect(ca.metadata.annotations?.['helm.sh/hook']).toBe('pre-install');
      expect(volume(find(o, 'StatefulSet', `${R}-keycloak`), 'truststores').secret.secretName).toBe(
        `${R}-internal-tls-ca`,
      );
      expect(volume(find(o, 'Deployment', `${R}-artifacts`), 'tls').secret.secretName).toBe(
        `${R}-artifacts-cert`,
      );
    });
    it('existing certificates: each component uses its named Secret; the router verifies with the CA', () => {
      const o = render350(bin, [
        {
          general: {
            internal_tls: {
              enabled: true,
              certificates: {
                existing_ca_secret_name: 'int-ca',
                existing_certificates: {
                  frontend: 'c-fe',
                  keycloak: 'c-kc',
                  keycloak_cluster: 'c-kcc',
                  redis: 'c-redis',
                  rabbitmq: 'c-mq',
                  artifacts: 'c-art',
                },
              },
            },
          },
        },
      ]);
      expect(volume(find(o, 'Deployment', `${R}-artifacts`), 'tls').secret.secretName).toBe(
        'c-art',
      );
      expect(volume(find(o, 'StatefulSet', `${R}-mq`), 'tls').secret.secretName).toBe('c-mq');
      const kc = find(o, 'StatefulSet', `${R}-keycloak`);
      expect(volume(kc, 'cluster-tls').secret.secretName).toBe('c-kcc');
      expect(container(kc, 'cluster-cert-ca').image).toBe(
        'lightruncom/keycloak:1.91.0-release.943266f167',
      );
      expect(find(o, 'ConfigMap', `${R}-router-conf`).data!['nginx.conf']).toContain(
        'proxy_ssl_trusted_certificate /ca/ca.crt;',
      );
      expect(names(o).filter((n) => n.endsWith('-cert') || n.endsWith('-ca'))).toEqual([]);
    });
  });

  it('defaults vs minimal values: only the pull secret differs (dockerhub_config: null)', () => {
    expect(names(render350(bin, [`${__dirname}/fixtures/chart-3.50/minimal.yaml`]))).toEqual(
      defaultObjects350(R).filter((n) => n !== `Secret/${R}-lightrun-dockerhub`),
    );
  });
});
