import type { Answers } from '../answers/schema';
import { isInRegistry, rewriteImage } from '../images/reference';
import { IMAGE_KEYS_350 } from '../images/table-350';
import { translateTo350 } from '../upgrade/translate';
import { pemToValue } from './base64';
import chartDefaults350 from './chart-defaults-350.json';
import { getPath, hasPath, setPath, type Tree } from './tree';
import { selectorMap, tolerationList } from '../answers/node-selection';

/** Where chart 3.50 reads the encryption key (docs/chart-3.50.md §4, §10). */
export const USER_ENCRYPTION_KEY = ['secrets', 'keysEncryption', 'userEncryptionKey'];
/** Chart 3.50's custom CA keys (docs/chart-3.50.md §4): the PEM's base64, or a Secret's name. */
export const CUSTOM_CA_CERTIFICATE = ['secrets', 'customCa', 'customCaCertificate'];
export const CUSTOM_CA_SECRET = ['secrets', 'customCa', 'existingCaSecret'];
/** Chart 3.50's pinned certificate hashes (docs/chart-3.50.md §4), a list the chart comma-joins. */
export const PINNED_HASHES = ['certificate', 'security_pinned_hashes'];
/** Chart 3.50's signed system configuration (docs/chart-3.50.md §4). */
export const SYSTEM_CONFIG = ['general', 'system_config'];
/** The artifacts pod's internal TLS Secret (docs/chart-3.50.md §4, T6). */
export const ARTIFACTS_CERTIFICATE = [
  'general',
  'internal_tls',
  'certificates',
  'existing_certificates',
  'artifacts',
];

/**
 * The chart 3.50 values of a plan, from its chart 3.9.4 override file (what `helm get values`
 * would give for it): translated as docs/chart-3.50.md §13.2 says, then the 3.50-only answers
 * applied. The translation writes `rotateKey: false` (§10); the wizard adds the key it generated
 * once, so every render of the same plan carries the same key (G9, T10). With the Secrets outside
 * the chart the key belongs in the admin's backend Secret as encryption-key-0 (§9), not here.
 */
export function values350(values394: Tree, a: Answers): Tree {
  const out = translateTo350(values394).values;
  if (a.secrets.mode === 'chart' && a.secrets.encryptionKey)
    setPath(out, USER_ENCRYPTION_KEY, a.secrets.encryptionKey);
  if (a.registry.mode === 'private') privateRegistry350(out, a, a.registry);
  only350(out, a);
  return out;
}

/**
 * The answers chart 3.9.4 has no key for, written only here (a 3.9.4 render never sees them):
 * the custom CA, as base64 of the PEM or as the Secret's name, the system configuration as
 * Lightrun sent it (base64, line breaks taken out: the signature goes unquoted into an env value),
 * the pinned hashes, the current certificate's first, and with existing internal certificates the
 * artifacts pod's Secret (written even when empty, as the other components' are: the schema
 * refuses that, and an imported file is given back).
 */
function only350(out: Tree, a: Answers): void {
  if (a.internalTls.mode === 'existing')
    setPath(out, ARTIFACTS_CERTIFICATE, a.internalTls.certificates.artifacts ?? '');
  const ca = a.customCa;
  if (ca?.mode === 'inline' && ca.pem.trim())
    setPath(out, CUSTOM_CA_CERTIFICATE, pemToValue(ca.pem));
  if (ca?.mode === 'existing' && ca.secretName) setPath(out, CUSTOM_CA_SECRET, ca.secretName);
  // Both parts or neither is the rule (lib/answers); a plan read from a file with one part keeps
  // it, so the import gives the file back and validation names the missing one.
  for (const k of ['content', 'signature'] as const) {
    const v = a.systemConfig?.[k].replace(/\s+/g, '');
    if (v) setPath(out, [...SYSTEM_CONFIG, k], v);
  }
  const pin = a.certificatePinning;
  if (pin && pin.mode !== 'off') {
    const hashes = [pin.hash, ...(pin.mode === 'rotation' ? pin.previous : [])].filter(Boolean);
    if (hashes.length > 0) setPath(out, PINNED_HASHES, hashes);
  }
  if (a.workloads) workloads350(out, a, a.workloads);
}

/** Chart 3.50's crons switch (docs/chart-3.50.md §4). */
export const CRONS_ENABLED = ['general', 'crons', 'enabled'];
/** Where each workload keeps /dumps (§4, T5). */
export const dumpsPath = (c: 'backend' | 'crons') => ['deployments', c, 'dumpsPersistence'];
/** Where MySQL and RabbitMQ read their own node selector, and only it (§8.9). */
export const OWN_SELECTORS = {
  mysql: ['deployments', 'mysql', 'nodeSelector'],
  rabbitmq: ['deployments', 'rabbitmq', 'nodeSelector'],
} as const;

/**
 * Crons off, heap dumps on one claim (backend, and crons while it runs), and the node selection:
 * general.nodeSelector and general.tolerations, the selector repeated for the in-chart MySQL and
 * RabbitMQ so they follow (§8.9) — unless the plan keeps a selector of their own from an
 * imported file, which is written as it was.
 */
function workloads350(out: Tree, a: Answers, w: NonNullable<Answers['workloads']>): void {
  if (!w.crons) setPath(out, CRONS_ENABLED, false);
  if (w.heapDumps.mode === 'claim') {
    for (const c of w.crons ? (['backend', 'crons'] as const) : (['backend'] as const))
      setPath(out, dumpsPath(c), { enabled: true, existingClaim: w.heapDumps.claim });
  }
  if (w.tolerations.length) setPath(out, ['general', 'tolerations'], tolerationList(w.tolerations));
  if (!w.nodeSelector.length) return;
  const selector = selectorMap(w.nodeSelector);
  setPath(out, ['general', 'nodeSelector'], selector);
  const local = { mysql: a.database.mode === 'local', rabbitmq: a.messageQueue.mode === 'local' };
  for (const c of ['mysql', 'rabbitmq'] as const)
    if (local[c] && !hasPath(a.passthrough, [...OWN_SELECTORS[c]]))
      setPath(out, [...OWN_SELECTORS[c]], { ...selector });
}

/**
 * The private registry for every image key of chart 3.50 (the 3.9.4 mapping knows 3.9.4's keys
 * only: artifacts, crons, the async-profiler helpers and Keycloak's queue wait are 3.50's): the
 * repository a kept custom one or chart 3.50's own, mirrored as docs/air-gap.md says. A kept one
 * already in the registry (an imported 3.50 file) stays as it is: a second render is the same.
 */
function privateRegistry350(out: Tree, a: Answers, reg: { host: string; prefix: string }): void {
  for (const k of IMAGE_KEYS_350) {
    const path = [...k.key.split('.'), 'repository'];
    const kept = getPath(a.passthrough, path);
    if (typeof kept === 'string' && isInRegistry(kept, reg)) continue;
    const source =
      typeof kept === 'string' && kept !== ''
        ? kept
        : String(getPath(chartDefaults350, path) ?? '');
    if (source) setPath(out, path, rewriteImage(source, { host: reg.host, prefix: reg.prefix }));
  }
}
