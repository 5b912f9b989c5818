import { z } from 'zod';
import {
  apiKeysEncryptionSchema,
  certificatePinningSchema,
  certificateSchema,
  chartSchema,
  customCaSchema,
  databaseSchema,
  externalAccessSchema,
  generalSchema,
  internalTlsSchema,
  licenseSchema,
  messageQueueSchema,
  networkPolicySchema,
  pullSecretSchema,
  registrySchema,
  releaseSchema,
  secretsSchema,
  securitySchema,
  sizingSchema,
  systemConfigSchema,
  workloadsSchema,
} from './sections';
import type { Annotation } from './fields';
import { capIssues, safeIssue, type AnswersIssue } from './issues';
import type { ValidateOptions } from './certificate-check';
import { certificateTextProblem, keyTextProblem } from './pem-text';
import { plainMessage } from './messages';
import { fqdnSchema } from './fields';
import { registryOfAuthKey } from '../images/reference';
import { objectNameSchema } from './k8s-names';
import { parseSelectorLine, parseTolerationLine } from './node-selection';
import { certificatePin, PIN_FORM } from '../pem/spki-hash';

/** Keys of an imported values file that no answer models, kept verbatim and rendered back untouched. */
export const passthroughSchema = z.record(z.string(), z.unknown());

const answersShape = z.strictObject({
  chart: chartSchema,
  release: releaseSchema,
  general: generalSchema,
  pullSecret: pullSecretSchema,
  registry: registrySchema,
  license: licenseSchema,
  certificate: certificateSchema,
  apiKeysEncryption: apiKeysEncryptionSchema,
  database: databaseSchema,
  messageQueue: messageQueueSchema,
  externalAccess: externalAccessSchema,
  internalTls: internalTlsSchema,
  networkPolicy: networkPolicySchema,
  security: securitySchema,
  secrets: secretsSchema,
  sizing: sizingSchema,
  customCa: customCaSchema,
  systemConfig: systemConfigSchema,
  workloads: workloadsSchema,
  certificatePinning: certificatePinningSchema,
  passthrough: passthroughSchema,
});

type Shape = z.infer<typeof answersShape>;
type Ctx = z.RefinementCtx;
const need = (ctx: Ctx, path: (string | number)[], message: string) =>
  ctx.addIssue({ code: 'custom', path, message });

function checkChartSecrets(a: Shape, ctx: Ctx) {
  if (a.secrets.mode !== 'chart') return;
  if (!a.license.content.trim())
    need(
      ctx,
      ['license', 'content'],
      'Required: paste or upload the license content Lightrun sent you.',
    );
  if (!a.license.signature.trim())
    need(
      ctx,
      ['license', 'signature'],
      'Required: paste or upload the license signature Lightrun sent you.',
    );
  if (!a.secrets.keycloakPassword)
    need(
      ctx,
      ['secrets', 'keycloakPassword'],
      'Required: it becomes the Keycloak admin password and the first-login password.',
    );
  else if (a.secrets.keycloakPassword.length < 8)
    need(ctx, ['secrets', 'keycloakPassword'], 'Use at least 8 characters.');
  if (a.secrets.keystorePassword.length < 6)
    need(
      ctx,
      ['secrets', 'keystorePassword'],
      'Use at least 6 characters: the keystore tools refuse shorter passwords.',
    );
  if (!a.database.user) need(ctx, ['database', 'user'], 'Required: enter the database user.');
  if (!a.database.password)
    need(ctx, ['database', 'password'], 'Required: enter the database password.');
  if (a.messageQueue.mode !== 'off') {
    if (!a.messageQueue.user)
      need(ctx, ['messageQueue', 'user'], 'Required: enter the RabbitMQ user.');
    if (!a.messageQueue.password)
      need(ctx, ['messageQueue', 'password'], 'Required: enter the RabbitMQ password.');
  }
  if (a.apiKeysEncryption.enabled && !a.apiKeysEncryption.aesKey) {
    need(
      ctx,
      ['apiKeysEncryption', 'aesKey'],
      'Required: enter or generate the AES key; without it the backend never starts.',
    );
  }
  if (a.certificate.source === 'inline') {
    const crt = certificateTextProblem(a.certificate.crt);
    if (crt) need(ctx, ['certificate', 'crt'], crt);
    const key = keyTextProblem(a.certificate.key);
    if (key) need(ctx, ['certificate', 'key'], key);
  }
  if (a.pullSecret.mode === 'inline')
    checkDockerConfig(
      a.pullSecret.configContent,
      ctx,
      a.registry?.mode === 'private' ? a.registry.host : null,
    );
}

function checkDockerConfig(b64: string, ctx: Ctx, registry: string | null) {
  const path = ['pullSecret', 'configContent'];
  if (!b64)
    return need(ctx, path, 'Required: upload your .dockerconfigjson, or choose "no pull secret".');
  let text: string;
  try {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new Error('not base64');
    text = atob(b64);
    JSON.parse(text);
  } catch {
    return need(
      ctx,
      path,
      'Use the base64 of a .dockerconfigjson file (e.g. `base64 -w0 ~/.docker/config.json`).',
    );
  }
  if (!/"auths"\s*:/.test(text))
    return need(
      ctx,
      path,
      'The .dockerconfigjson has no "auths" entry: log in to the registry first.',
    );
  if (registry) {
    // The one pull secret serves every pod, and with a private registry every image comes from it.
    const auths = (JSON.parse(text) as { auths?: unknown }).auths;
    const names =
      auths && typeof auths === 'object' ? Object.keys(auths).map(registryOfAuthKey) : [];
    if (!names.includes(registry)) {
      need(
        ctx,
        path,
        `The .dockerconfigjson has no entry for the private registry ${registry} (it names ${names.length ? names.join(', ') : 'no registry'}): run \`docker login ${registry}\` and upload the config again, or choose "no pull secret" if the registry allows anonymous pulls.`,
      );
    }
  }
}

function checkExistingSecrets(a: Shape, ctx: Ctx) {
  if (a.secrets.mode !== 'existing') return;
  if (a.certificate.source === 'inline') {
    need(
      ctx,
      ['certificate', 'source'],
      'With secrets kept outside the chart the chart does not create the certificate Secret: choose "existing Secret" and name it.',
    );
  }
  if (a.pullSecret.mode === 'inline') {
    need(
      ctx,
      ['pullSecret', 'mode'],
      'With secrets kept outside the chart the pull secret is not created either: name an existing Secret or choose none.',
    );
  }
}

function checkDatabase(a: Shape, ctx: Ctx) {
  if (a.database.mode === 'local' && a.database.user === 'root') {
    need(
      ctx,
      ['database', 'user'],
      'Choose another user: the MySQL image refuses "root" as the application user.',
    );
  }
}

function checkInternalTls(a: Shape, ctx: Ctx) {
  const t = a.internalTls;
  if (t.mode === 'off') return;
  if (a.externalAccess.mode === 'load-balancer' || a.externalAccess.mode === 'cluster-ip') {
    need(
      ctx,
      ['internalTls', 'mode'],
      'Internal TLS does not work with the chart-made nginx (it proxies plain HTTP): use an ingress controller, or turn internal TLS off.',
    );
  }
  if (t.mode !== 'existing') return;
  const c = t.certificates;
  const required: [keyof typeof c, boolean, string][] = [
    ['frontend', true, 'frontend'],
    ['keycloak', true, 'Keycloak'],
    ['redis', true, 'Redis'],
    ['rabbitmq', a.messageQueue.mode === 'local', 'RabbitMQ (local message queue)'],
    ['keycloakCluster', a.sizing.keycloak.clusterMode, 'Keycloak cluster mode (needs ca.crt too)'],
  ];
  for (const [k, needed, what] of required) {
    if (needed && !c[k])
      need(
        ctx,
        ['internalTls', 'certificates', k],
        `Required: name the TLS Secret for ${what}; an empty name makes the pod unschedulable.`,
      );
  }
}

function checkNetworkPolicy(a: Shape, ctx: Ctx) {
  const n = a.networkPolicy;
  if (!n.enabled) return;
  if (!n.ingress.enabled && !n.egress.enabled) {
    need(
      ctx,
      ['networkPolicy', 'ingress', 'enabled'],
      'Turn on ingress, egress or both: a policy with neither denies all ingress to the namespace.',
    );
  }
  for (const dir of ['ingress', 'egress'] as const) {
    if (
      n[dir].enabled &&
      n[dir].namespaces.length === 0 &&
      n[dir].cidrs.length === 0 &&
      !hasKeptPeers(a, dir)
    ) {
      need(
        ctx,
        ['networkPolicy', dir, 'namespaces'],
        dir === 'ingress'
          ? 'Add who may connect: with no namespace or CIDR the policy denies all ingress to every pod of the namespace (pod-to-pod included). Add your ingress controller’s namespace (e.g. ingress-nginx) or, with a LoadBalancer, the client CIDRs; the release namespace and kube-system are then allowed too.'
          : 'Add where pods may connect: with no namespace or CIDR the policy denies all egress, DNS included. Add at least one namespace or CIDR (your database, message queue, artifacts.lightrun.com); the release namespace and kube-system (DNS) are then allowed too.',
      );
    }
    dupes(n[dir].namespaces).forEach((i) =>
      need(ctx, ['networkPolicy', dir, 'namespaces', i], 'This namespace is listed twice.'),
    );
    dupes(n[dir].cidrs).forEach((i) =>
      need(ctx, ['networkPolicy', dir, 'cidrs', i], 'This CIDR is listed twice.'),
    );
  }
}

/** Peers the wizard does not model but an imported file keeps (podSelector, namespacePodSelector, ports) also make a rule. */
function hasKeptPeers(a: Shape, dir: 'ingress' | 'egress'): boolean {
  const kept = (
    a.passthrough?.general as
      { networkPolicy?: Record<string, Record<string, unknown>> } | undefined
  )?.networkPolicy?.[dir];
  const nonEmpty = (v: unknown) =>
    Array.isArray(v)
      ? v.length > 0
      : typeof v === 'object' && v !== null && Object.keys(v).length > 0;
  return !!kept && ['podSelector', 'namespacePodSelector', 'ports'].some((k) => nonEmpty(kept[k]));
}

function checkSizing(a: Shape, ctx: Ctx) {
  for (const c of ['backend', 'frontend'] as const) {
    const s = a.sizing[c];
    if (s.hpa.enabled && s.replicas > s.hpa.maxReplicas) {
      need(
        ctx,
        ['sizing', c, 'hpa', 'maxReplicas'],
        `Must be at least the replica count (${s.replicas}): the autoscaler starts from it.`,
      );
    }
  }
  if (a.sizing.keycloak.replicas > 1 && !a.sizing.keycloak.clusterMode) {
    need(
      ctx,
      ['sizing', 'keycloak', 'clusterMode'],
      'Keep cluster mode on with more than one Keycloak replica: the replicas find each other through it.',
    );
  }
}

function checkAnnotations(a: Shape, ctx: Ctx) {
  const lists: [(string | number)[], Annotation[]][] = [];
  if (a.externalAccess.mode === 'ingress-controller')
    lists.push([['externalAccess', 'annotations'], a.externalAccess.annotations]);
  if (a.externalAccess.mode === 'load-balancer' || a.externalAccess.mode === 'cluster-ip') {
    lists.push([['externalAccess', 'serviceAnnotations'], a.externalAccess.serviceAnnotations]);
  }
  if (a.messageQueue.mode === 'local')
    lists.push([['messageQueue', 'serviceAnnotations'], a.messageQueue.serviceAnnotations]);
  if (
    a.externalAccess.mode === 'router' &&
    a.externalAccess.service === 'load-balancer' &&
    !a.externalAccess.tls
  ) {
    need(
      ctx,
      ['externalAccess', 'tls'],
      'Turn router TLS on with a LoadBalancer: otherwise the load balancer carries plain HTTP while the server advertises https on 443.',
    );
  }
  if (a.externalAccess.mode === 'ingress-controller' || a.externalAccess.mode === 'router') {
    for (const k of ['adminAllowCidrs', 'metricsAllowCidrs'] as const) {
      dupes(a.externalAccess[k]).forEach((i) =>
        need(ctx, ['externalAccess', k, i], 'This CIDR is listed twice.'),
      );
    }
  }
  for (const [path, list] of lists) {
    dupes(list.map((x) => x.key)).forEach((i) =>
      need(ctx, [...path, i, 'key'], 'This annotation key is listed twice.'),
    );
  }
}

function dupes(xs: string[]): number[] {
  const seen = new Set<string>();
  return xs.flatMap((x, i) => (seen.has(x) ? [i] : (seen.add(x), [])));
}

/**
 * The vendor's values.yaml ships example values that pass every format check: a file that still
 * holds one was never filled in (its default, or an import of the vendor's file). Each is refused
 * at its field, naming the field and what to enter instead.
 */
const PLACEHOLDERS: {
  path: (string | number)[];
  value: (a: Shape) => string | undefined;
  placeholder: string;
  field: string;
  instead: string;
}[] = [
  {
    path: ['general', 'name'],
    value: (a) => a.general.name,
    placeholder: 'client-name',
    field: 'Organisation name',
    instead: 'enter your organisation’s name in lowercase, e.g. acme',
  },
  {
    path: ['general', 'endpoint'],
    value: (a) => a.general.endpoint,
    placeholder: 'lightrun.example.com',
    field: 'Endpoint host name',
    instead: 'enter the host name users will open, e.g. lightrun.your-company.com',
  },
  {
    path: ['database', 'endpoint'],
    value: (a) => (a.database.mode === 'external' ? a.database.endpoint : undefined),
    placeholder: 'mysql.example.com',
    field: 'MySQL host',
    instead: 'enter the host name of your MySQL server',
  },
  {
    path: ['messageQueue', 'endpoint'],
    value: (a) => (a.messageQueue.mode === 'external' ? a.messageQueue.endpoint : undefined),
    placeholder: 'rabbitmq.example.com',
    field: 'RabbitMQ host',
    instead: 'enter the host name of your RabbitMQ server',
  },
];

function checkPlaceholders(a: Shape, ctx: Ctx) {
  for (const p of PLACEHOLDERS) {
    if (p.value(a)?.trim().toLowerCase() === p.placeholder)
      need(
        ctx,
        p.path,
        `${p.field}: "${p.placeholder}" is the placeholder of the vendor’s values.yaml, not a real value — ${p.instead}.`,
      );
  }
}

/**
 * What chart 3.50 needs that no 3.9.4 answer gives (docs/chart-3.50.md §10). A missing
 * `chart` is 3.9.4 (malformed input reaches the rules unparsed).
 */
function checkChart350(a: Shape, ctx: Ctx) {
  if (a.chart !== '3.50.0') return;
  if (a.secrets.mode === 'chart' && !a.secrets.encryptionKey)
    need(
      ctx,
      ['secrets', 'encryptionKey'],
      'Required for chart 3.50: generate the encryption key, or enter your own as the base64 of 32 bytes (`openssl rand -base64 32`). Without it every render of the values makes a new key (docs/chart-3.50.md §10).',
    );
}

/**
 * Chart 3.50's artifacts pod serves TLS too (docs/chart-3.50.md T6, §8.6): with existing
 * certificates its Secret must be named, or the Deployment gets `secretName: null` and the API
 * server refuses it. Chart 3.9.4 has no artifacts pod, so a name there is refused rather than
 * silently dropped (the wizard clears it when the plan goes back to 3.9.4).
 */
function checkArtifactsCertificate(a: Shape, ctx: Ctx) {
  const t = a.internalTls;
  if (t.mode !== 'existing') return;
  const path = ['internalTls', 'certificates', 'artifacts'];
  if (a.chart === '3.50.0' && !t.certificates.artifacts)
    need(
      ctx,
      path,
      'Required for chart 3.50: name the TLS Secret of the artifacts pod (SANs <release>-artifacts, <release>-artifacts.<namespace>, <release>-artifacts.<namespace>.svc); an empty name makes its Deployment invalid (docs/chart-3.50.md T6).',
    );
  if (a.chart !== '3.50.0' && t.certificates.artifacts)
    need(
      ctx,
      path,
      'Chart 3.9.4 has no artifacts pod: leave this empty, or plan chart 3.50.0 (Endpoint & license).',
    );
}

/**
 * Chart 3.50's custom CA for LDAPS (docs/chart-3.50.md §4, §6, §7). Never both the certificate
 * and an existing Secret (F1): the answer is one choice, so its shape rules that out. Neither
 * with self-signed internal TLS, whose CA shares Keycloak's trust-store mount (T8, T9; the
 * project's chart-3.50/ refuses both). Chart 3.9.4 has no such key, so a 3.9.4 plan with one is
 * refused rather than silently dropped.
 */
function checkCustomCa(a: Shape, ctx: Ctx) {
  const ca = a.customCa;
  if (!ca || ca.mode === 'none') return;
  const path = ['customCa', 'mode'];
  if (a.chart !== '3.50.0')
    return need(
      ctx,
      path,
      'Chart 3.9.4 has no custom CA: choose "none", or plan chart 3.50.0 (Endpoint & license).',
    );
  if (a.internalTls.mode === 'self-signed')
    need(
      ctx,
      path,
      ca.mode === 'inline'
        ? 'Custom CA: a pasted CA cannot go with self-signed internal TLS — both become Secret <release>-internal-tls-ca, and Keycloak loses one of them (docs/chart-3.50.md T8). Turn internal TLS off, or choose "none".'
        : 'Custom CA: a CA Secret cannot go with self-signed internal TLS — it takes the place of the internal CA in Keycloak’s trust store, so Keycloak no longer trusts the internal certificates (docs/chart-3.50.md T9). Turn internal TLS off, or choose "none".',
    );
  if (ca.mode !== 'inline') return;
  if (a.secrets.mode !== 'chart')
    need(
      ctx,
      path,
      'Custom CA: with the Secrets outside the chart the chart does not create the CA Secret (docs/chart-3.50.md F2): choose "existing Secret", create it with your CA as a *.pem key, and name it.',
    );
  const problem = certificateTextProblem(ca.pem);
  if (problem) need(ctx, ['customCa', 'pem'], `CA certificate: ${problem}`);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Base64 (line breaks allowed); with `text`, of UTF-8 text too, as `cli check` reads the content. */
const isBase64 = (s: string, text: boolean) => {
  const t = s.replace(/\s+/g, '');
  if (t.length % 4 !== 0 || !BASE64.test(t)) return false;
  if (!text) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(atob(t), (c) => c.charCodeAt(0)),
    );
    return true;
  } catch {
    return false;
  }
};

/**
 * Chart 3.50's signed system configuration (docs/chart-3.50.md §4, T11): both parts or neither,
 * one alone does nothing; each the base64 text Lightrun sent, not the JSON it decodes to.
 */
function checkSystemConfig(a: Shape, ctx: Ctx) {
  const sc = a.systemConfig;
  if (!sc || (!sc.content.trim() && !sc.signature.trim())) return;
  if (a.chart !== '3.50.0')
    return need(
      ctx,
      ['systemConfig', 'content'],
      'Chart 3.9.4 has no system configuration: clear both fields, or plan chart 3.50.0.',
    );
  const parts = [
    ['content', sc.content, 'System configuration content'],
    ['signature', sc.signature, 'System configuration signature'],
  ] as const;
  for (const [k, v, field] of parts) {
    if (!v.trim())
      need(
        ctx,
        ['systemConfig', k],
        `${field}: required with the other one — the chart ignores either alone. Paste both parts Lightrun sent, or clear both.`,
      );
    else if (!isBase64(v, k === 'content'))
      need(
        ctx,
        ['systemConfig', k],
        `${field} is not base64: paste the base64 text Lightrun sent, not the JSON (docs/chart-3.50.md T11).`,
      );
  }
}

/** What is wrong with one pinned hash as typed, or null (docs/chart-3.50.md §4). */
export function pinHashProblem(h: string): string | null {
  if (PIN_FORM.test(h)) return null;
  if (PIN_FORM.test(h.toLowerCase()))
    return 'write it in lowercase, as sha256sum prints it: the chart hashes the certificate in lowercase too.';
  return `it has ${h.length} characters; a pin is the SHA-256 of a certificate's public key: exactly 64 hex digits (0-9, a-f).`;
}

const PIN_COMMAND =
  'openssl x509 -in tls.crt -pubkey -noout | openssl pkey -pubin -outform der | sha256sum';

/** The current certificate's hash: given, well formed (§4). True when it can be compared. */
function checkCurrentPin(a: Shape, hash: string, ctx: Ctx): boolean {
  const path = ['certificatePinning', 'hash'];
  if (hash.trim()) {
    const problem = pinHashProblem(hash);
    if (problem) need(ctx, path, `Pinned hash of the current certificate: ${problem}`);
    return !problem;
  }
  need(
    ctx,
    path,
    a.certificate.source === 'existing'
      ? `Pinned hash of the current certificate: the wizard cannot read Secret "${a.certificate.secretName}". Upload its certificate (tls.crt) here to compute the hash, or paste the hash (${PIN_COMMAND}).`
      : 'Pinned hash of the current certificate: required — click "Use the uploaded certificate", or choose "Off".',
  );
  return false;
}

/**
 * Chart 3.50's certificate pinning (docs/chart-3.50.md §4): every hash 64 lowercase hex digits,
 * the current certificate's always given (the wizard cannot read an existing Secret), and the
 * uploaded certificate's own hash among them — a list without it locks every agent out.
 */
function checkCertificatePinning(a: Shape, ctx: Ctx) {
  const pin = a.certificatePinning;
  if (!pin || pin.mode === 'off') return;
  if (a.chart !== '3.50.0')
    return need(
      ctx,
      ['certificatePinning', 'mode'],
      'Chart 3.9.4 has no certificate pinning list: choose "Off", or plan chart 3.50.0 (Endpoint & license).',
    );
  let comparable = checkCurrentPin(a, pin.hash, ctx);
  const previous = pin.mode === 'rotation' ? pin.previous : [];
  if (pin.mode === 'rotation' && previous.length === 0)
    need(
      ctx,
      ['certificatePinning', 'previous'],
      'Previous certificate: enter its hash (or upload that certificate), or choose "Pin this certificate".',
    );
  for (const [i, h] of previous.entries()) {
    const problem = pinHashProblem(h);
    if (problem)
      need(ctx, ['certificatePinning', 'previous', i], `Previous hash ${i + 1}: ${problem}`);
    comparable &&= !problem;
  }
  if (!comparable || a.certificate.source !== 'inline') return;
  const own = certificatePin(a.certificate.crt);
  if (own && ![pin.hash, ...previous].includes(own))
    need(
      ctx,
      ['certificatePinning', 'hash'],
      `No pinned hash is the uploaded certificate's (${own}): the server would be pinned to another key and every agent locked out. Click "Use the uploaded certificate", or upload the certificate the hash belongs to.`,
    );
}

/**
 * The longest names the charts derive from the release must fit Kubernetes' 63 characters
 * (docs/chart-3.50.md G10): 3.9.4's `<release>-keycloak-headless` Service leaves 45; with 3.50
 * Keycloak is a StatefulSet, whose pods carry the label `<release>-keycloak-<revision hash>`
 * with a hash of up to 10 characters, which leaves 43 (44 installs only when the hash is short).
 */
export const RELEASE_NAME_MAX = { '3.9.4': 45, '3.50.0': 43 } as const;

function checkReleaseName(a: Shape, ctx: Ctx) {
  const chart = a.chart === '3.50.0' ? '3.50.0' : '3.9.4';
  const max = RELEASE_NAME_MAX[chart];
  const name = a.release?.name;
  if (typeof name !== 'string' || name.length <= max) return;
  need(
    ctx,
    ['release', 'name'],
    chart === '3.50.0'
      ? `Use at most ${max} characters with chart 3.50 (this one has ${name.length}): Keycloak's pods are labelled <release>-keycloak-<hash of up to 10 characters>, and a label has at most 63, so a longer name installs but Keycloak never starts.`
      : `Use at most ${max} characters (this one has ${name.length}): the chart names a Service <release>-keycloak-headless, and Kubernetes names have at most 63 characters.`,
  );
}

/** What a 3.9.4 plan is told for each 3.50-only workload answer it sets (first one only). */
function workloads394(w: NonNullable<Shape['workloads']>, ctx: Ctx) {
  const set: [string, boolean, string][] = [
    ['crons', !w.crons, 'Chart 3.9.4 has no crons workload to turn off: turn crons back on'],
    [
      'heapDumps',
      w.heapDumps.mode !== 'off',
      'Chart 3.9.4 keeps no heap dumps on a claim: choose "off"',
    ],
    [
      'nodeSelector',
      w.nodeSelector.length > 0,
      'Chart 3.9.4 plans have no node selection answer: clear the node labels',
    ],
    [
      'tolerations',
      w.tolerations.length > 0,
      'Chart 3.9.4 plans have no tolerations answer: clear the taints',
    ],
  ];
  const first = set.find(([, on]) => on);
  if (first)
    need(
      ctx,
      ['workloads', first[0], ...(first[0] === 'heapDumps' ? ['mode'] : [])],
      `${first[2]}, or plan chart 3.50.0 (Endpoint & license).`,
    );
}

const claimName = objectNameSchema(
  'PersistentVolumeClaim',
  'rename the claim, or choose another one.',
);

/**
 * Chart 3.50's crons, heap dumps and node selection (docs/chart-3.50.md §4, §8.1, §8.9, T5).
 * Dumps on a claim need the claim's name: enabled with none renders `claimName: null`, which the
 * API server refuses (T5). Each node label and each taint is one line the render turns into a
 * map entry or a toleration, so each is refused where it is written.
 */
function checkWorkloads(a: Shape, ctx: Ctx) {
  const w = a.workloads;
  if (!w) return;
  if (a.chart !== '3.50.0') return workloads394(w, ctx);
  if (w.heapDumps.mode === 'claim') {
    const path = ['workloads', 'heapDumps', 'claim'];
    if (!w.heapDumps.claim)
      need(
        ctx,
        path,
        'Required: name the existing PersistentVolumeClaim for heap dumps, or choose "off" — with no name the chart renders claimName: null and the API server refuses the backend (docs/chart-3.50.md T5).',
      );
    else {
      const r = claimName.safeParse(w.heapDumps.claim);
      if (!r.success) need(ctx, path, `Heap-dump claim: ${r.error.issues[0]!.message}`);
    }
  }
  const keys = new Map<string, number>();
  w.nodeSelector.forEach((line, i) => {
    const p = parseSelectorLine(line);
    if (typeof p === 'string') return need(ctx, ['workloads', 'nodeSelector', i], p);
    if (keys.has(p[0]))
      need(
        ctx,
        ['workloads', 'nodeSelector', i],
        `The label ${p[0]} is listed twice: a node has one value per label.`,
      );
    keys.set(p[0], i);
  });
  dupes(w.tolerations).forEach((i) =>
    need(ctx, ['workloads', 'tolerations', i], 'This taint is listed twice.'),
  );
  w.tolerations.forEach((line, i) => {
    const t = parseTolerationLine(line);
    if (typeof t === 'string') need(ctx, ['workloads', 'tolerations', i], t);
  });
}

const CHECKS = [
  checkReleaseName,
  checkPlaceholders,
  checkChartSecrets,
  checkExistingSecrets,
  checkDatabase,
  checkInternalTls,
  checkNetworkPolicy,
  checkSizing,
  checkAnnotations,
  checkChart350,
  checkArtifactsCertificate,
  checkCustomCa,
  checkSystemConfig,
  checkWorkloads,
  checkCertificatePinning,
];

/**
 * THE answers schema: every decision of a Lightrun Server install, with every cross-field rule of
 * docs/chart-3.9.4.md as a refinement whose path lands on the field to fix.
 */
export const answersSchema = answersShape.superRefine((a, ctx) => {
  for (const check of CHECKS) check(a, ctx);
});

export type Answers = z.infer<typeof answersSchema>;
/** The shape without cross-field rules: what import produces before `validate` judges it. */
export const answersShapeSchema = answersShape;

export type { AnswersIssue } from './issues';

/**
 * Parses answers and reports every problem at once. Zod runs the cross-field rules only on
 * well-formed input; here they also run on malformed input (each rule that cannot read the part
 * it needs stays silent, since that part has its own error), so a person fixes everything in one go.
 * Zod's own messages are replaced by sentences naming the field (`plainMessage`). With
 * `opts.inspectCertificate` (server and CLI: lib/pem/inspect.ts) the inline certificate is also
 * read: a key that does not match, names not covering the endpoint or an expired certificate are
 * issues on `certificate.crt` / `certificate.key`.
 */
export function validateAnswers(
  raw: unknown,
  opts: ValidateOptions = {},
): { success: true; data: Answers } | { success: false; issues: AnswersIssue[] } {
  const r = answersSchema.safeParse(raw, {
    error: (iss) => plainMessage(iss as Parameters<typeof plainMessage>[0]),
  });
  if (r.success) {
    const cert = [...certificateIssues(r.data, opts), ...customCaIssues(r.data, opts)];
    return cert.length === 0 ? { success: true, data: r.data } : { success: false, issues: cert };
  }
  const issues: AnswersIssue[] = r.error.issues.map((i) =>
    safeIssue(i as Parameters<typeof safeIssue>[0]),
  );
  const seen = new Set(issues.map((i) => i.path.join('.')));
  const ctx = {
    addIssue: (i: { path?: (string | number)[]; message?: string }) =>
      void issues.push({ path: i.path ?? [], message: i.message ?? '' }),
  };
  for (const check of CHECKS) {
    const before = issues.length;
    try {
      check(raw as Shape, ctx as unknown as Ctx);
    } catch {
      issues.length = before; // this rule could not read a malformed part: that part has its own error
    }
  }
  if (!seen.has('certificate.crt') && !seen.has('certificate.key')) {
    try {
      issues.push(...certificateIssues(raw as Shape, opts));
    } catch {
      // the certificate part is malformed: it has its own error
    }
  }
  if (!seen.has('customCa.pem')) {
    try {
      issues.push(...customCaIssues(raw as Shape, opts));
    } catch {
      // the custom CA part is malformed: it has its own error
    }
  }
  return {
    success: false,
    issues: capIssues(
      issues.filter((x, i) => i < r.error.issues.length || !seen.has(x.path.join('.'))),
    ),
  };
}

/** The inspector's findings on a well-formed inline certificate (nothing to read otherwise). */
function certificateIssues(a: Shape, opts: ValidateOptions): AnswersIssue[] {
  const c = a.certificate;
  if (!opts.inspectCertificate || c.source !== 'inline' || a.secrets.mode !== 'chart') return [];
  if (certificateTextProblem(c.crt) || keyTextProblem(c.key)) return [];
  const endpoint = fqdnSchema.safeParse(a.general?.endpoint).success ? a.general.endpoint : '';
  return opts
    .inspectCertificate({ crt: c.crt, key: c.key, endpoint })
    .map((i) => ({ path: ['certificate', i.field], message: i.message }));
}

/** The inspector's finding on chart 3.50's pasted CA certificate, once its text is PEM. */
function customCaIssues(a: Shape, opts: ValidateOptions): AnswersIssue[] {
  const ca = a.customCa;
  if (!opts.inspectCaCertificate || a.chart !== '3.50.0' || ca?.mode !== 'inline') return [];
  if (certificateTextProblem(ca.pem)) return [];
  const problem = opts.inspectCaCertificate(ca.pem);
  return problem ? [{ path: ['customCa', 'pem'], message: `CA certificate: ${problem}` }] : [];
}
