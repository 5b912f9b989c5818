// Every rule checkValues applies to a chart 3.50 file (lib/values/check-rules-350.ts and the rules
// both charts share), message for message; §N, FN, TN and GN are sections of docs/chart-3.50.md.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { answers350, examples } from './__fixtures__/examples-350';
import { toBase64 } from './base64';
import { checkValues, chartToCheck, type Finding } from './check';
import { ONLY_394 } from './chart-profile';
import { renderYaml } from './render';
import { deepMerge, type Tree } from './tree';

const all = examples();
const file350 = (name: string): Tree => {
  const e = all.find((x) => x.name === name)!;
  const r = renderYaml(answers350(e), { splitSecrets: e.splitSecrets });
  return deepMerge(parse(r.values) as Tree, (parse(r.secrets ?? '{}') ?? {}) as Tree) as Tree;
};
// The wizard's own 3.50 render of the quick default: clean, and the base of every row.
const CLEAN = file350('quick-default');
// Forced to 3.50: a row that adds a key 3.50 removed would otherwise read as a mixed file (3.9.4).
const check = (over: unknown, chart: '3.50.0' | '3.9.4' = '3.50.0') =>
  checkValues([CLEAN, over], { chart });
const f = (path: string, message: string): Finding => ({ path, message });
type Row = [name: string, over: unknown, expected: Finding[]];

const KEY = 'secrets.keysEncryption.userEncryptionKey';
const GOOD_KEY = `${'A'.repeat(42)}b=`;
const KEY_FORM =
  'Not the base64 of 32 bytes (44 characters ending in "="): the chart writes it unquoted, so another form may break the render (F7) or the Secret (T3). Make one with openssl rand -base64 32.';
const KEY_NOT_TEXT =
  'Helm reads this key as a number, a boolean or null, and the API refuses the Secret (T3): quote it, or leave it empty for the chart to make one (the value is not repeated here).';
const SECRET_NOT_TEXT =
  'Helm reads this secret as a number, not as text, so the chart gets another value than the one typed (a leading 0 makes digits octal; yes/no/on/off are booleans). Quote it if it is text (the value is not repeated here).';
const F1 =
  'Set only one of customCaCertificate and existingCaSecret: the chart refuses to render both (F1).';
const F2 =
  'The chart renders this CA only while it deploys the Secrets, and refuses the file otherwise (F2): with your own Secrets, name yours in existingCaSecret.';
const T8 =
  "With self-signed internal TLS this CA takes the internal CA's place in Keycloak's truststore (T8, T9): Keycloak then no longer trusts the internal certificates. Use existing internal certificates, or no custom CA.";
const mqOn = (mq: object) => ({
  general: { mq: { enabled: true, ...mq } },
  secrets: { mq: { user: 'u', password: 'p' } },
});
const queue = (p: string) =>
  `No queue starts with "${p}": the chart refuses to render (F3). Keep the defaults mixpanel-events and keycloak-events, or name yours with those prefixes.`;
const mysql = (tag: unknown) => ({
  general: { db_local: true },
  deployments: { mysql: { image: { tag } } },
});
const F4 = (t: string) =>
  `"${t}" is no version the chart can compare, and it refuses to render (F4): use an 8.4.x tag such as 8.4.10.`;
const T13 = (t: string) =>
  `With a suffix ("${t}") the chart passes neither --mysql-native-password=ON nor --skip-ssl (T13): use the plain 8.4.x tag.`;
const T14 = 'MySQL 9 removed the native-password plugin the chart turns on (T14): keep 8.4.x.';
const T5 =
  'Dumps on a claim need the claim: an empty name renders claimName: null, which the API refuses (T5).';
const MCP = 'Digits only: the chart writes it as "<n>s" into the router configuration.';
const HASH =
  'Not a SHA-256 hash of a public key (64 hex digits, quoted so Helm reads it as text): agents compare it with the certificate they see.';
const HASH_CASE =
  'Write the hash in lowercase, as sha256sum prints it: the chart hashes the certificate in lowercase too.';
const HASHES = 'Give a list of hashes (one "- <hash>" line each): the chart joins a list.';
const PINS = 'certificate.security_pinned_hashes';
const BOTH_CONFIG =
  'The system configuration needs both content and signature: with one of them the chart renders nothing at all.';
const T11 =
  'Give the base64 Lightrun sent, not the JSON itself: the chart decodes it, and the signature check then fails (T11).';
const T12 =
  "The backend's extra environment is copied into crons too: its _JAVA_OPTIONS would give the 2Gi crons pod the backend's heap (T12). Set crons' own _JAVA_OPTIONS in deployments.crons.extraEnvs.";
const cronsHeap = (m: string) =>
  `"${m}": the chart computes the crons' Java heap only from a whole number of Gi or Mi.`;
const G10 =
  'At most 45 lowercase letters, digits and "-" (G10): every object is named after it, and the longest name must fit 63 characters.';
const t15 = (type: string) =>
  `Behind a ${type} the router trusts the left-most X-Forwarded-For a client sends (T15): this allow-list protects nothing. Put the router behind a proxy that replaces X-Forwarded-For (an ingress), or restrict the ${type} itself (loadBalancerSourceRanges, firewall).`;
const g11 = (k: string) =>
  `Leave out ${k}: the chart sets it itself for an nginx class, and its value silently replaces yours (G11).`;
const T6 =
  'Empty: the artifacts pod (new in 3.50) renders secretName: null, which the API refuses (T6). Name its TLS Secret.';
const LB_NO_TLS =
  'A LoadBalancer router without TLS carries plain HTTP while the server advertises https on 443: turn router TLS on.';
const router = (r: object) => ({ general: { router: r } });
const selfSigned = {
  internal_tls: {
    enabled: true,
    certificates: { source: 'generate_self_signed_certificates', verification: false },
  },
};
const existingTls = (certs: object) => ({
  general: {
    internal_tls: {
      enabled: true,
      certificates: { source: 'existing_certificates', existing_certificates: certs },
    },
  },
});
const ALL_CERTS = {
  frontend: 'f',
  keycloak: 'k',
  redis: 'r',
  rabbitmq: 'q',
  keycloak_cluster: 'kc',
};
const NGINX = 'nginx.ingress.kubernetes.io/proxy-buffer-size';
const PROTO = 'nginx.ingress.kubernetes.io/backend-protocol';
const removed = (why: string) =>
  `Chart 3.50 removed this key and ignores it (docs/chart-3.50.md §3): ${why}.`;

const ROWS: Row[] = [
  // §6 F1, F2, §7 T8/T9: the custom CA
  [
    'F1 both CA forms',
    { secrets: { customCa: { customCaCertificate: 'Q0E=', existingCaSecret: 'ca' } } },
    [f('secrets.customCa.existingCaSecret', F1)],
  ],
  ['one CA form each is fine', { secrets: { customCa: { existingCaSecret: 'ca' } } }, []],
  [
    'a CA certificate alone is fine',
    { secrets: { customCa: { customCaCertificate: 'Q0E=' } } },
    [],
  ],
  [
    'F2 CA certificate without chart Secrets',
    {
      general: { deploy_secrets: { enabled: false } },
      secrets: { customCa: { customCaCertificate: 'Q0E=' } },
    },
    [f('secrets.customCa.customCaCertificate', F2)],
  ],
  [
    'T8 CA certificate with self-signed internal TLS',
    { general: selfSigned, secrets: { customCa: { customCaCertificate: 'Q0E=' } } },
    [f('secrets.customCa.customCaCertificate', T8)],
  ],
  [
    'T9 CA Secret with self-signed internal TLS',
    { general: selfSigned, secrets: { customCa: { existingCaSecret: 'ca' } } },
    [f('secrets.customCa.existingCaSecret', T8)],
  ],
  ['self-signed internal TLS without a custom CA is fine', { general: selfSigned }, []],
  [
    'a CA certificate with existing internal certificates is fine',
    {
      ...existingTls({ ...ALL_CERTS, artifacts: 'a' }),
      secrets: { customCa: { customCaCertificate: 'Q0E=' } },
    },
    [],
  ],
  [
    'a CA certificate with the self-signed source but internal TLS off is fine',
    {
      general: {
        internal_tls: {
          enabled: false,
          certificates: { source: 'generate_self_signed_certificates' },
        },
      },
      secrets: { customCa: { customCaCertificate: 'Q0E=' } },
    },
    [],
  ],
  // §6 F3: queues
  [
    'F3 no mixpanel queue',
    mqOn({ queue_names: ['keycloak-events'] }),
    [f('general.mq.queue_names', queue('mixpanel-events'))],
  ],
  [
    'F3 no keycloak queue',
    mqOn({ queue_names: ['mixpanel-events-x'] }),
    [f('general.mq.queue_names', queue('keycloak-events'))],
  ],
  [
    'F3 prefixes are case-insensitive',
    mqOn({ queue_names: ['Mixpanel-Events-1', 'KEYCLOAK-EVENTS'] }),
    [],
  ],
  [
    'F3 an empty list falls back to the legacy queue_name',
    mqOn({ queue_names: [], queue_name: 'mixpanel-events' }),
    [f('general.mq.queue_names', queue('keycloak-events'))],
  ],
  ['F3 no check with the queue off', { general: { mq: { enabled: false, queue_names: [] } } }, []],
  // §6 F4, F5, §7 T13, T14: the MySQL tag, only with the in-chart database
  [
    'F5 a number',
    mysql(8.4),
    [
      f(
        'deployments.mysql.image.tag',
        'Quote the tag ("8.4"): the chart compares it as text and refuses a number (F5).',
      ),
    ],
  ],
  ['F4 not a version', mysql('lts'), [f('deployments.mysql.image.tag', F4('lts'))]],
  ['F4 a digest', mysql('sha256:abc'), [f('deployments.mysql.image.tag', F4('sha256:abc'))]],
  ['a short version is comparable', mysql('8.4'), []],
  ['a v-prefixed version is comparable', mysql('v8.4.10'), []],
  [
    'T13 a suffix',
    mysql('8.4.10-oraclelinux9'),
    [f('deployments.mysql.image.tag', T13('8.4.10-oraclelinux9'))],
  ],
  ['T14 MySQL 9', mysql('9.1.0'), [f('deployments.mysql.image.tag', T14)]],
  ['8.x below 9 is fine', mysql('8.9.9'), []],
  [
    'T13 a suffix after a v',
    mysql('v8.4.10-x'),
    [f('deployments.mysql.image.tag', T13('v8.4.10-x'))],
  ],
  ['T14 MySQL 9 after a v', mysql('v9.0.0'), [f('deployments.mysql.image.tag', T14)]],
  [
    'an external database: the tag is not used',
    {
      general: { db_local: false, db_endpoint: 'db.example.com' },
      deployments: { mysql: { image: { tag: 'lts' } } },
    },
    [],
  ],
  // §6 F6, F7, §7 T3: shapes
  [
    'F6 deploy_secrets: true',
    { general: { deploy_secrets: true } },
    [
      f(
        'general.deploy_secrets',
        'A bare true no longer works in 3.50 (F6): write deploy_secrets: {enabled: true}.',
      ),
    ],
  ],
  [
    'F7 a key that is no base64 of 32 bytes',
    { secrets: { keysEncryption: { userEncryptionKey: 'abc: def' } } },
    [f(KEY, KEY_FORM)],
  ],
  [
    'a key one character short',
    { secrets: { keysEncryption: { userEncryptionKey: `${'A'.repeat(41)}b=` } } },
    [f(KEY, KEY_FORM)],
  ],
  [
    'a key without the final =',
    { secrets: { keysEncryption: { userEncryptionKey: `${'A'.repeat(44)}` } } },
    [f(KEY, KEY_FORM)],
  ],
  ['a key of the right form', { secrets: { keysEncryption: { userEncryptionKey: GOOD_KEY } } }, []],
  [
    'T3 a key Helm reads as a number',
    { secrets: { keysEncryption: { userEncryptionKey: 12345 } } },
    [f(KEY, SECRET_NOT_TEXT), f(KEY, KEY_NOT_TEXT)],
  ],
  [
    'no key: the chart makes one at install',
    { secrets: { keysEncryption: { userEncryptionKey: '' } } },
    [],
  ],
  [
    'T3 a key Helm reads as null',
    { secrets: { keysEncryption: { userEncryptionKey: null } } },
    [f(KEY, KEY_NOT_TEXT)],
  ],
  [
    'rotateKey is a switch, not a secret',
    { secrets: { keysEncryption: { rotateKey: false } } },
    [],
  ],
  // §7 T5: dumps on a claim
  [
    'T5 backend dumps without a claim',
    { deployments: { backend: { dumpsPersistence: { enabled: true } } } },
    [f('deployments.backend.dumpsPersistence.existingClaim', T5)],
  ],
  [
    'T5 crons dumps without a claim',
    { deployments: { crons: { dumpsPersistence: { enabled: true, existingClaim: '' } } } },
    [f('deployments.crons.dumpsPersistence.existingClaim', T5)],
  ],
  [
    'dumps on a named claim are fine',
    { deployments: { backend: { dumpsPersistence: { enabled: true, existingClaim: 'dumps' } } } },
    [],
  ],
  // §4: the MCP timeout and pinned hashes
  [
    'the MCP timeout as text',
    { general: { router: { mcp_endpoint: { timeout_seconds: '10m' } } } },
    [f('general.router.mcp_endpoint.timeout_seconds', MCP)],
  ],
  [
    'the MCP timeout in digits',
    { general: { router: { mcp_endpoint: { timeout_seconds: 900 } } } },
    [],
  ],
  [
    'the MCP timeout with a letter first',
    { general: { router: { mcp_endpoint: { timeout_seconds: 'a600' } } } },
    [f('general.router.mcp_endpoint.timeout_seconds', MCP)],
  ],
  [
    'a pinned hash too short (63)',
    { certificate: { security_pinned_hashes: ['a'.repeat(63)] } },
    [f(`${PINS}.0`, HASH)],
  ],
  [
    'a pinned hash too long (65)',
    { certificate: { security_pinned_hashes: ['a'.repeat(65)] } },
    [f(`${PINS}.0`, HASH)],
  ],
  [
    'pinned hashes not a list',
    { certificate: { security_pinned_hashes: 'a'.repeat(64) } },
    [f(PINS, HASHES)],
  ],
  [
    'pinned hashes of 64 lowercase hex',
    { certificate: { security_pinned_hashes: ['a'.repeat(64), '0'.repeat(64)] } },
    [],
  ],
  [
    'a pinned hash in uppercase',
    { certificate: { security_pinned_hashes: ['a'.repeat(64), 'F'.repeat(64)] } },
    [f(`${PINS}.1`, HASH_CASE)],
  ],
  [
    'a pinned hash Helm reads as a number (unquoted digits)',
    { certificate: { security_pinned_hashes: [1e63] } },
    [f(`${PINS}.0`, HASH)],
  ],
  [
    'a pinned hash with a character before',
    { certificate: { security_pinned_hashes: [`x${'a'.repeat(64)}`] } },
    [f(`${PINS}.0`, HASH)],
  ],
  [
    'a pinned hash with a character after',
    { certificate: { security_pinned_hashes: [`${'a'.repeat(64)}x`] } },
    [f(`${PINS}.0`, HASH)],
  ],
  ['no pinned hashes (null) is fine', { certificate: { security_pinned_hashes: null } }, []],
  // §4, T11, T12, G10
  [
    'system config content alone',
    { general: { system_config: { content: toBase64('{}') } } },
    [f('general.system_config.signature', BOTH_CONFIG)],
  ],
  [
    'system config signature alone',
    { general: { system_config: { signature: 'c2ln' } } },
    [f('general.system_config.content', BOTH_CONFIG)],
  ],
  [
    'T11 system config as raw JSON',
    { general: { system_config: { content: '{"a":1}', signature: 'c2ln' } } },
    [f('general.system_config.content', T11)],
  ],
  [
    'system config as base64 with a signature',
    { general: { system_config: { content: toBase64('{"a":1}'), signature: 'c2ln' } } },
    [],
  ],
  [
    'T12 backend _JAVA_OPTIONS',
    { deployments: { backend: { extraEnvs: [{ name: '_JAVA_OPTIONS', value: '-Xmx6g' }] } } },
    [f('deployments.backend.extraEnvs', T12)],
  ],
  [
    'other backend envs are fine',
    { deployments: { backend: { extraEnvs: [{ name: 'JAVA_OPTS', value: '-Dx=1' }] } } },
    [],
  ],
  [
    'crons memory in G',
    { deployments: { crons: { resources: { memory: '2G' } } } },
    [f('deployments.crons.resources.memory', cronsHeap('2G'))],
  ],
  ['crons memory in Mi', { deployments: { crons: { resources: { memory: '2048Mi' } } } }, []],
  [
    'crons memory with a prefix',
    { deployments: { crons: { resources: { memory: 'x2Gi' } } } },
    [f('deployments.crons.resources.memory', cronsHeap('x2Gi'))],
  ],
  [
    'crons memory with a suffix',
    { deployments: { crons: { resources: { memory: '2Gix' } } } },
    [f('deployments.crons.resources.memory', cronsHeap('2Gix'))],
  ],
  [
    'G10 a name override of 46 characters',
    { general: { nameOverride: 'a'.repeat(46) } },
    [f('general.nameOverride', G10)],
  ],
  ['a name override of 45 characters', { general: { nameOverride: 'a'.repeat(45) } }, []],
  [
    'G10 a name override in capitals',
    { general: { nameOverride: 'Corp' } },
    [f('general.nameOverride', G10)],
  ],
  // §7 T15, G11/T17, and the router rules both charts share
  [
    'T15 a LoadBalancer with an allow-list',
    router({
      service: { type: 'LoadBalancer' },
      tls: { enabled: true },
      acl: { auth_admin: { allow_ips: ['10.0.0.0/8'] } },
    }),
    [f('general.router.acl.auth_admin.allow_ips', t15('LoadBalancer'))],
  ],
  [
    'T15 a NodePort with an allow-list',
    router({ service: { type: 'NodePort' }, acl: { metrics: { allow_ips: ['10.0.0.0/8'] } } }),
    [f('general.router.acl.metrics.allow_ips', t15('NodePort'))],
  ],
  [
    'a LoadBalancer without allow-lists',
    router({ service: { type: 'LoadBalancer' }, tls: { enabled: true } }),
    [],
  ],
  [
    'T15 every allow-list behind a LoadBalancer',
    router({
      service: { type: 'LoadBalancer' },
      tls: { enabled: true },
      acl: { global: { allow_ips: ['10.0.0.0/8'] }, agents: { allow_ips: ['10.1.0.0/16'] } },
    }),
    [
      f('general.router.acl.global.allow_ips', t15('LoadBalancer')),
      f('general.router.acl.agents.allow_ips', t15('LoadBalancer')),
    ],
  ],
  [
    'an allow-list behind the ingress is meaningful',
    router({ acl: { auth_admin: { allow_ips: ['10.0.0.0/8'] } } }),
    [],
  ],
  [
    'a LoadBalancer without TLS',
    router({ service: { type: 'LoadBalancer' } }),
    [f('general.router.tls.enabled', LB_NO_TLS)],
  ],
  [
    'G11 proxy-buffer-size with an nginx class',
    router({ ingress: { annotations: { [NGINX]: '16k' } } }),
    [f('general.router.ingress.annotations', g11(NGINX))],
  ],
  [
    'G11 backend-protocol with an nginx class',
    router({ ingress: { annotations: { [PROTO]: 'HTTPS' } } }),
    [f('general.router.ingress.annotations', g11(PROTO))],
  ],
  [
    'the vendor minimum annotations are fine',
    router({
      ingress: { annotations: { 'nginx.ingress.kubernetes.io/proxy-read-timeout': '600' } },
    }),
    [],
  ],
  [
    'another class keeps its annotations',
    router({ ingress: { ingress_class_name: 'traefik', annotations: { [NGINX]: '16k' } } }),
    [],
  ],
  // §7 T6: internal TLS with existing certificates
  [
    'T6 no artifacts certificate',
    existingTls(ALL_CERTS),
    [f('general.internal_tls.certificates.existing_certificates.artifacts', T6)],
  ],
  ['every certificate named', existingTls({ ...ALL_CERTS, artifacts: 'a' }), []],
  // §3, T2: keys 3.50 removed
  [
    'T2 the standalone nginx Service',
    { general: { nginx_svc: { type: 'LoadBalancer' } } },
    [
      f(
        'general.nginx_svc',
        removed(
          'the way in is the router: set general.router.service.type (a file relying on this key gets no LoadBalancer at all, T2)',
        ),
      ),
    ],
  ],
  [
    'the legacy Ingress of the clients',
    { ingress_clients: { annotations: { a: 'b' } } },
    [
      f(
        'ingress_clients',
        removed(
          'the four Ingresses are gone: the router serves every path (general.router.ingress, its ACLs under general.router.acl)',
        ),
      ),
    ],
  ],
  [
    'the AES key',
    { secrets: { api_keys_encryption: { aes_key: 'x' } } },
    [
      f(
        'secrets.api_keys_encryption',
        removed(
          'encryption keys replace the AES key (secrets.keysEncryption, docs/chart-3.50.md §10)',
        ),
      ),
    ],
  ],
  [
    'the queue claim',
    { general: { mq: { storage: '10Gi' } } },
    [
      f(
        'general.mq.storage',
        removed('RabbitMQ keeps its data in an emptyDir (deployments.rabbitmq.emptyDir.sizeLimit)'),
      ),
    ],
  ],
  [
    'the async profiler version',
    { deployments: { backend: { asyncProfiler: { version: '2.9' } } } },
    [
      f(
        'deployments.backend.asyncProfiler.version',
        removed('the async profiler is fetched from asyncProfiler.downloadUrl'),
      ),
    ],
  ],
  [
    'a key neither chart has',
    { general: { nmae: 'x' } },
    [f('general.nmae', 'Chart 3.50.0 has no such key: Helm ignores it (did you mean name?).')],
  ],
];

describe('check of a chart 3.50 file', () => {
  it('judges a file with signs of 3.50 only against 3.50, and says why', () => {
    expect(chartToCheck(CLEAN)).toEqual({
      version: '3.50.0',
      why: expect.stringMatching(/^the file sets /),
    });
    expect(chartToCheck({})).toEqual({
      version: '3.9.4',
      why: 'the file shows signs of neither chart',
    });
    expect(chartToCheck({ ingress_clients: {}, general: { crons: {} } }).version).toBe('3.9.4');
    expect(chartToCheck({}, '3.50.0')).toEqual({ version: '3.50.0', why: 'as asked' });
  });

  it.each(all.map((e) => [e.name]))('%s: the wizard’s own 3.50 render breaks no rule', (name) => {
    expect(checkValues([file350(name)])).toEqual([]);
  });

  it.each(ROWS)('%s', (_name, over, expected) => {
    expect(check(over)).toEqual(expected);
  });

  it('a 3.50 file judged as 3.9.4 on request gets 3.9.4’s rules', () => {
    const found = check({}, '3.9.4');
    expect(found.some((x) => x.message.startsWith('Chart 3.9.4 has no such key'))).toBe(true);
  });

  it('every key 3.50 removed has its own reason', () => {
    for (const p of ONLY_394) {
      const parts = p.split('.');
      const over: Tree = {};
      let node = over;
      for (const k of parts.slice(0, -1)) node = (node[k] = {}) as Tree;
      node[parts.at(-1)!] = 'x';
      const found = check(over).filter((x) => x.path === p);
      expect(found, p).toHaveLength(1);
      expect(found[0]!.message, p).toMatch(/^Chart 3\.50 removed this key and ignores it/);
      expect(found[0]!.message, p).not.toContain('it has no counterpart');
    }
  });
});
