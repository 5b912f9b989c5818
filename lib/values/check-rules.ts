import type { CertificateInspector } from '../answers/certificate-check';
import { certificateTextProblem, keyTextProblem } from '../answers/pem-text';
import { isYamlAmbiguous } from '../answers/yaml-ambiguous';
import { fromBase64 } from './base64';
import { isSecretPath, valueKind } from './secret-paths';
import { getPath, hasPath, isMap, leafPaths, type Tree } from './tree';

/** One rule of docs/chart-3.9.4.md a values file breaks as written. */
export type Finding = { path: string; message: string };
export type RuleInput = {
  v: Tree;
  user: Tree;
  defaults: Tree;
  inspectCertificate?: CertificateInspector;
  /** The chart judged against and the Lightrun version it pairs with (default: 3.9.4's). */
  pairing?: string;
};
type Add = (path: string, message: string) => void;

const get = (t: Tree, p: string) => getPath(t, p.split('.'));
/** Go-template truth, as the chart evaluates it (docs/chart-3.9.4.md G2). */
export const truthy = (x: unknown) =>
  !(
    x === false ||
    x === null ||
    x === undefined ||
    x === 0 ||
    x === '' ||
    (isMap(x) && Object.keys(x).length === 0) ||
    (Array.isArray(x) && x.length === 0)
  );
const str = (x: unknown) => (x === null || x === undefined ? '' : String(x));

/** docs/chart-3.9.4.md G2: a value where the chart expects a boolean; a quoted "false" is true. */
export function booleans({ user, defaults }: RuleInput, add: Add): void {
  const walk = (u: unknown, d: unknown, path: string[]) => {
    if (!isMap(u) || !isMap(d)) return;
    for (const [k, x] of Object.entries(u)) {
      const dk = d[k];
      const here = [...path, k];
      if (typeof dk === 'boolean' && typeof x !== 'boolean' && x !== null) {
        add(
          here.join('.'),
          `${JSON.stringify(x)} is not a boolean: the chart reads it as ${truthy(x)} (a quoted "false" is true). Write ${truthy(x)} or ${!truthy(x)} without quotes.`,
        );
      } else walk(x, dk, here);
    }
  };
  walk(user, defaults, []);
}

/** docs/chart-3.9.4.md G3, §1, G6: images, endpoint and the text the chart writes unquoted. */
export function identity({ v, pairing }: RuleInput, add: Add): void {
  for (const c of ['backend', 'frontend', 'keycloak']) {
    if (!str(get(v, `deployments.${c}.image.tag`)))
      add(
        `deployments.${c}.image.tag`,
        `Empty image tag: the image renders as "lightruncom/…:" and the pod never starts. Set the Lightrun version (${pairing ?? 'chart 3.9.4 pairs with 1.50.1-release.ef66f0e08e'}).`,
      );
  }
  const ep = str(get(v, 'general.lightrun_endpoint'));
  if (!ep)
    add(
      'general.lightrun_endpoint',
      'Required: the host name users reach on port 443 (an empty one renders host: null).',
    );
  else if (/^[a-z]+:\/\//i.test(ep) || /[:/]/.test(ep))
    add('general.lightrun_endpoint', 'Give the bare host name: no scheme, port or path.');
  else if (ep !== ep.toLowerCase())
    add('general.lightrun_endpoint', 'Use lowercase: Ingress hosts must be lowercase DNS names.');
  for (const p of ['general.name', 'general.db_database']) {
    const x = get(v, p);
    if (typeof x !== 'string' || isYamlAmbiguous(x))
      add(
        p,
        `${JSON.stringify(x)} is written unquoted by the chart and does not stay text (docs/chart-3.9.4.md G6): use a name starting with a letter.`,
      );
  }
  for (const p of [
    'general.statefulset.storageClassName',
    'general.mq.storageClassName',
    'general.ingress_class_name',
    'general.router.ingress.ingress_class_name',
    'certificate.existing_cert',
  ]) {
    const x = get(v, p);
    if (x !== '' && x !== null && x !== undefined && (typeof x !== 'string' || isYamlAmbiguous(x)))
      add(
        p,
        `${JSON.stringify(x)} does not stay a name once rendered (docs/chart-3.9.4.md G6): Kubernetes refuses it. Use another name.`,
      );
  }
}

/** docs/chart-3.9.4.md §2-§5, §13: what the chart creates as Secrets when it deploys them. */
/**
 * A secret Helm reads as a number or a boolean (`0755123` is octal 252499, `yes` is true): the
 * chart then gets a different value than the admin typed. Named by its form, never repeated.
 */
function secretsNotText(user: Tree, add: Add): void {
  for (const p of leafPaths(user)) {
    const x = getPath(user, p);
    if (!isSecretPath(p) || x === null || typeof x === 'string' || typeof x === 'object') continue;
    add(
      p.join('.'),
      `Helm reads this secret as ${valueKind(x) === 'boolean' ? 'a boolean' : 'a number'}, not as text, so the chart gets another value than the one typed (a leading 0 makes digits octal; yes/no/on/off are booleans). Quote it if it is text (the value is not repeated here).`,
    );
  }
}

export function secrets({ v, user, inspectCertificate }: RuleInput, add: Add): void {
  const ds = get(v, 'general.deploy_secrets');
  if (!truthy(isMap(ds) ? ds.enabled : ds)) return;
  const required: [string, string][] = [
    ['secrets.license.content', 'the license content'],
    ['secrets.license.signature', 'the license signature'],
    ['secrets.keycloak.password', 'the Keycloak admin password'],
    ['secrets.db.user', 'the database user'],
    ['secrets.db.password', 'the database password'],
    ['secrets.defaults.keystore_password', 'the keystore password'],
  ];
  for (const [p, what] of required) if (!str(get(v, p))) add(p, `Empty: the server needs ${what}.`);
  secretsNotText(user, add);
  const ks = str(get(v, 'secrets.defaults.keystore_password'));
  if (ks && (ks.length < 6 || !/^[A-Za-z0-9._-]+$/.test(ks)))
    add(
      'secrets.defaults.keystore_password',
      'Use at least 6 characters of letters, digits, ".", "_" or "-": the chart passes it unquoted to keytool.',
    );
  if (truthy(get(v, 'general.db_local')) && str(get(v, 'secrets.db.user')) === 'root')
    add('secrets.db.user', 'The MySQL image refuses "root" as the application user.');
  const pull = get(v, 'secrets.defaults.dockerhub_config');
  if (isMap(pull) && !str(pull.existingSecret)) {
    const c = str(pull.configContent);
    const json = c ? fromBase64(c) : null;
    if (!c)
      add(
        'secrets.defaults.dockerhub_config',
        'Both existingSecret and configContent are empty: the chart renders an empty pull secret the API refuses. Set dockerhub_config: null, name an existing Secret, or give the base64 of a .dockerconfigjson.',
      );
    else if (json === null || !isJson(json))
      add(
        'secrets.defaults.dockerhub_config.configContent',
        'Not the base64 of a JSON .dockerconfigjson.',
      );
  }
  if (!str(get(v, 'certificate.existing_cert'))) certificate(v, add, inspectCertificate);
  if (truthy(get(v, 'general.api_keys_encryption.enabled'))) {
    const k = str(get(v, 'secrets.api_keys_encryption.aes_key'));
    if (!k)
      add(
        'secrets.api_keys_encryption.aes_key',
        'API keys encryption is on but the key is empty: no Secret is rendered and the backend waits for it forever.',
      );
    else if (!/^[0-9a-fA-F]{32}$/.test(k))
      add(
        'secrets.api_keys_encryption.aes_key',
        'Use exactly 32 hexadecimal characters (openssl rand -hex 16).',
      );
  }
}

const isJson = (s: string) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

function certificate(v: Tree, add: Add, inspect?: CertificateInspector): void {
  const texts: Record<'crt' | 'key', string | null> = { crt: null, key: null };
  for (const f of ['crt', 'key'] as const) {
    const p = `certificate.tls.${f}`;
    const b64 = str(get(v, p));
    if (!b64) {
      add(
        p,
        `Empty: the certificate Secret is rendered with no ${f === 'crt' ? 'certificate' : 'key'} and the API refuses it.`,
      );
      continue;
    }
    const pem = fromBase64(b64);
    if (pem === null) {
      add(
        p,
        /-----BEGIN/.test(b64)
          ? 'Raw PEM: the chart needs the base64 of the PEM (a raw PEM breaks the render).'
          : 'Not base64 of a PEM file.',
      );
      continue;
    }
    const problem = f === 'crt' ? certificateTextProblem(pem) : keyTextProblem(pem);
    if (problem) add(p, problem);
    else texts[f] = pem;
  }
  if (inspect && texts.crt !== null && texts.key !== null) {
    for (const i of inspect({
      crt: texts.crt,
      key: texts.key,
      endpoint: str(get(v, 'general.lightrun_endpoint')),
    }))
      add(`certificate.tls.${i.field}`, i.message);
  }
}

export { get, str, hasPath };
