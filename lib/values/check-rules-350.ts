/**
 * The rules only chart 3.50 has (docs/chart-3.50.md §1 G10/G11, §6 F1–F7, §7 traps): what a 3.50
 * values file breaks as written. PURE. The rules both charts share (booleans, secrets, database
 * and queue, network policy, internal TLS, sizing) are 3.9.4's and run beside these (check.ts).
 */
import { fromBase64 } from './base64';
import { get, str, truthy, type RuleInput } from './check-rules';
import { isMap } from './tree';

type Add = (path: string, message: string) => void;

/** The encryption key's only safe form: base64 of 32 bytes (docs/chart-3.50.md §10). */
export const ENCRYPTION_KEY_FORM = /^[A-Za-z0-9+/]{43}=$/;
/** What Masterminds semver (the chart's semverCompare) parses: `8.4`, `v8.4.10`, `8.4.10-x`. */
const SEMVER = /^v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const deploysSecrets = (v: RuleInput['v']) => {
  const ds = get(v, 'general.deploy_secrets');
  return truthy(isMap(ds) ? ds.enabled : ds);
};

/** §4, §6 F1, F2, §7 T8, T9: the custom CA for Keycloak's truststore. */
export function customCa({ v }: RuleInput, add: Add): void {
  const cert = str(get(v, 'secrets.customCa.customCaCertificate'));
  const secret = str(get(v, 'secrets.customCa.existingCaSecret'));
  if (cert && secret)
    add(
      'secrets.customCa.existingCaSecret',
      'Set only one of customCaCertificate and existingCaSecret: the chart refuses to render both (F1).',
    );
  if (cert && !deploysSecrets(v))
    add(
      'secrets.customCa.customCaCertificate',
      'The chart renders this CA only while it deploys the Secrets, and refuses the file otherwise (F2): with your own Secrets, name yours in existingCaSecret.',
    );
  const selfSigned =
    truthy(get(v, 'general.internal_tls.enabled')) &&
    str(get(v, 'general.internal_tls.certificates.source')) === 'generate_self_signed_certificates';
  if ((cert || secret) && selfSigned)
    add(
      cert ? 'secrets.customCa.customCaCertificate' : 'secrets.customCa.existingCaSecret',
      "With self-signed internal TLS this CA takes the internal CA's place in Keycloak's truststore (T8, T9): Keycloak then no longer trusts the internal certificates. Use existing internal certificates, or no custom CA.",
    );
}

/** §4: the pinned hashes, each the SHA-256 of a public key as sha256sum prints it. */
export function pinnedHashes({ v }: RuleInput, add: Add): void {
  const key = 'certificate.security_pinned_hashes';
  const list = get(v, key);
  if (list === undefined || list === null) return;
  if (!Array.isArray(list))
    return add(key, 'Give a list of hashes (one "- <hash>" line each): the chart joins a list.');
  for (const [i, h] of list.entries()) {
    if (typeof h === 'string' && /^[0-9a-f]{64}$/.test(h)) continue;
    add(
      `${key}.${i}`,
      typeof h === 'string' && /^[0-9a-fA-F]{64}$/.test(h)
        ? 'Write the hash in lowercase, as sha256sum prints it: the chart hashes the certificate in lowercase too.'
        : 'Not a SHA-256 hash of a public key (64 hex digits, quoted so Helm reads it as text): agents compare it with the certificate they see.',
    );
  }
}

/** §6 F3: both queues the server and Keycloak look for, by prefix. */
export function queues({ v }: RuleInput, add: Add): void {
  if (!truthy(get(v, 'general.mq.enabled'))) return;
  const names = get(v, 'general.mq.queue_names');
  const list = Array.isArray(names) && names.length > 0 ? names : [get(v, 'general.mq.queue_name')];
  for (const prefix of ['mixpanel-events', 'keycloak-events']) {
    if (!list.some((n) => str(n).toLowerCase().startsWith(prefix)))
      add(
        'general.mq.queue_names',
        `No queue starts with "${prefix}": the chart refuses to render (F3). Keep the defaults mixpanel-events and keycloak-events, or name yours with those prefixes.`,
      );
  }
}

/** §6 F4, F5, §7 T13, T14: the in-chart MySQL's tag decides its arguments. */
export function mysqlTag({ v }: RuleInput, add: Add): void {
  if (!truthy(get(v, 'general.db_local'))) return;
  const p = 'deployments.mysql.image.tag';
  const tag = get(v, p);
  if (typeof tag !== 'string')
    return add(
      p,
      `Quote the tag ("${str(tag)}"): the chart compares it as text and refuses a number (F5).`,
    );
  if (!SEMVER.test(tag))
    return add(
      p,
      `"${tag}" is no version the chart can compare, and it refuses to render (F4): use an 8.4.x tag such as 8.4.10.`,
    );
  if (tag.replace(/^v/, '').includes('-'))
    add(
      p,
      `With a suffix ("${tag}") the chart passes neither --mysql-native-password=ON nor --skip-ssl (T13): use the plain 8.4.x tag.`,
    );
  if (Number(tag.replace(/^v/, '').split('.')[0]) >= 9)
    add(p, 'MySQL 9 removed the native-password plugin the chart turns on (T14): keep 8.4.x.');
}

/** §6 F6, F7, §7 T3, T5: values the chart reads in a shape it cannot use. */
export function shapes({ v, user }: RuleInput, add: Add): void {
  if (get(user, 'general.deploy_secrets') === true)
    add(
      'general.deploy_secrets',
      'A bare true no longer works in 3.50 (F6): write deploy_secrets: {enabled: true}.',
    );
  const keyPath = 'secrets.keysEncryption.userEncryptionKey';
  const key = get(v, keyPath);
  // null is no "empty" here: it reaches the Secret as null, which the API refuses (T3).
  if (key !== '' && key !== undefined) {
    if (typeof key !== 'string')
      add(
        keyPath,
        'Helm reads this key as a number, a boolean or null, and the API refuses the Secret (T3): quote it, or leave it empty for the chart to make one (the value is not repeated here).',
      );
    else if (!ENCRYPTION_KEY_FORM.test(key))
      add(
        keyPath,
        'Not the base64 of 32 bytes (44 characters ending in "="): the chart writes it unquoted, so another form may break the render (F7) or the Secret (T3). Make one with openssl rand -base64 32.',
      );
  }
  for (const c of ['backend', 'crons']) {
    const d = `deployments.${c}.dumpsPersistence`;
    const claim = str(get(v, `${d}.existingClaim`));
    if (truthy(get(v, `${d}.enabled`)) && !claim)
      add(
        `${d}.existingClaim`,
        'Dumps on a claim need the claim: an empty name renders claimName: null, which the API refuses (T5).',
      );
    else if (claim && (claim.length > 253 || !DNS_SUBDOMAIN.test(claim)))
      add(
        `${d}.existingClaim`,
        `"${claim}" is no claim name (lowercase letters, digits, "-" and "."): the API refuses the ${c} Deployment.`,
      );
  }
  const timeout = str(get(v, 'general.router.mcp_endpoint.timeout_seconds'));
  if (!/^\d+$/.test(timeout))
    add(
      'general.router.mcp_endpoint.timeout_seconds',
      'Digits only: the chart writes it as "<n>s" into the router configuration.',
    );
}

/** §4, §7 T11, T12, G10: system configuration, crons' Java options, the name override. */
export function serverConfig({ v }: RuleInput, add: Add): void {
  const sc = 'general.system_config';
  const [content, signature] = [str(get(v, `${sc}.content`)), str(get(v, `${sc}.signature`))];
  if (Boolean(content) !== Boolean(signature))
    add(
      content ? `${sc}.signature` : `${sc}.content`,
      'The system configuration needs both content and signature: with one of them the chart renders nothing at all.',
    );
  if (content && fromBase64(content) === null)
    add(
      `${sc}.content`,
      'Give the base64 Lightrun sent, not the JSON itself: the chart decodes it, and the signature check then fails (T11).',
    );
  const envs = get(v, 'deployments.backend.extraEnvs');
  if (Array.isArray(envs) && envs.some((e) => isMap(e) && e.name === '_JAVA_OPTIONS'))
    add(
      'deployments.backend.extraEnvs',
      "The backend's extra environment is copied into crons too: its _JAVA_OPTIONS would give the 2Gi crons pod the backend's heap (T12). Set crons' own _JAVA_OPTIONS in deployments.crons.extraEnvs.",
    );
  const m = str(get(v, 'deployments.crons.resources.memory'));
  if (!/^\d+(Gi|Mi)$/.test(m))
    add(
      'deployments.crons.resources.memory',
      `"${m}": the chart computes the crons' Java heap only from a whole number of Gi or Mi.`,
    );
  const name = str(get(v, 'general.nameOverride'));
  if (name && (name.length > 45 || !DNS_LABEL.test(name)))
    add(
      'general.nameOverride',
      'At most 45 lowercase letters, digits and "-" (G10): every object is named after it, and the longest name must fit 63 characters.',
    );
}

/** §7 T15, G11/T17: what the router's exposure makes of its allow-lists and annotations. */
export function router({ v }: RuleInput, add: Add): void {
  const r = 'general.router';
  const type = str(get(v, `${r}.service.type`));
  const direct = type === 'LoadBalancer' || type === 'NodePort';
  if (direct) {
    for (const acl of ['global', 'agents', 'auth_admin', 'metrics']) {
      const allow = get(v, `${r}.acl.${acl}.allow_ips`);
      if (Array.isArray(allow) && allow.length > 0)
        add(
          `${r}.acl.${acl}.allow_ips`,
          `Behind a ${type} the router trusts the left-most X-Forwarded-For a client sends (T15): this allow-list protects nothing. Put the router behind a proxy that replaces X-Forwarded-For (an ingress), or restrict the ${type} itself (loadBalancerSourceRanges, firewall).`,
        );
    }
  }
  const cls = str(get(v, `${r}.ingress.ingress_class_name`));
  const annotations = get(v, `${r}.ingress.annotations`);
  if (!truthy(get(v, `${r}.ingress.enabled`)) || !cls.includes('nginx') || !isMap(annotations))
    return;
  for (const k of [
    'nginx.ingress.kubernetes.io/proxy-buffer-size',
    'nginx.ingress.kubernetes.io/backend-protocol',
  ])
    if (Object.hasOwn(annotations, k))
      add(
        `${r}.ingress.annotations`,
        `Leave out ${k}: the chart sets it itself for an nginx class, and its value silently replaces yours (G11).`,
      );
}

/** §7 T6, §8.7: existing internal certificates now include the artifacts pod's. */
export function artifactsCertificate({ v }: RuleInput, add: Add): void {
  const t = 'general.internal_tls';
  if (!truthy(get(v, `${t}.enabled`))) return;
  if (str(get(v, `${t}.certificates.source`)) !== 'existing_certificates') return;
  if (!str(get(v, `${t}.certificates.existing_certificates.artifacts`)))
    add(
      `${t}.certificates.existing_certificates.artifacts`,
      'Empty: the artifacts pod (new in 3.50) renders secretName: null, which the API refuses (T6). Name its TLS Secret.',
    );
}

/**
 * Keys chart 3.50 reads that its values.yaml does not list: not "unknown" to it. The legacy
 * `queue_name` is the only queue when `queue_names` is empty (§3, F3).
 */
export const READ_WITHOUT_DEFAULT_350: readonly string[] = ['general.mq.queue_name'];

/** What replaced each key chart 3.50 removed (§3), by the key's start: the message's second half. */
const REMOVED: ReadonlyArray<[string, string]> = [
  [
    'general.router.enabled',
    'the router always runs; it is reached through general.router.service and general.router.ingress',
  ],
  [
    'general.ingress_',
    'the way in is the router: set general.router.ingress (a file relying on this key gets no way in at all, T2)',
  ],
  [
    'general.nginx_svc',
    'the way in is the router: set general.router.service.type (a file relying on this key gets no LoadBalancer at all, T2)',
  ],
  [
    'ingress_',
    'the four Ingresses are gone: the router serves every path (general.router.ingress, its ACLs under general.router.acl)',
  ],
  [
    'deployments.standalone_nginx',
    'the router replaces the chart-made nginx (general.router, deployments.router)',
  ],
  [
    'general.api_keys_encryption',
    'encryption keys replace the AES key (secrets.keysEncryption, docs/chart-3.50.md §10)',
  ],
  [
    'secrets.api_keys_encryption',
    'encryption keys replace the AES key (secrets.keysEncryption, docs/chart-3.50.md §10)',
  ],
  [
    'general.deploy_secrets.existing_secrets.api_keys_encryption',
    'encryption keys live in the backend Secret as encryption-key-0 (docs/chart-3.50.md §9)',
  ],
  [
    'general.mq.',
    'RabbitMQ keeps its data in an emptyDir (deployments.rabbitmq.emptyDir.sizeLimit)',
  ],
  ['deployments.keycloak.rollout_strategy', 'Keycloak is a StatefulSet with RollingUpdate'],
  ['deployments.', 'the async profiler is fetched from asyncProfiler.downloadUrl'],
  ['secrets.defaults.hubspot_token', 'the server no longer uses it'],
];

/** The message for a key chart 3.50 removed, or null for a key it never had. */
export function removedKeyMessage(path: string, removed: readonly string[]): string | null {
  // `check` names the first key a chart does not have, so a removed key is named itself.
  if (!removed.includes(path)) return null;
  const why = REMOVED.find(([start]) => path.startsWith(start))?.[1] ?? 'it has no counterpart';
  return `Chart 3.50 removed this key and ignores it (docs/chart-3.50.md §3): ${why}.`;
}

export const RULES_350_ONLY = [
  customCa,
  pinnedHashes,
  queues,
  mysqlTag,
  shapes,
  serverConfig,
  router,
  artifactsCertificate,
];
