/**
 * Current values of a release (`helm get values`) against the new ones, key by key, with secret
 * values masked: a changed secret shows as changed, never its value (PURE).
 */
import { SECRET_MASK } from '../values';
import { isSecretPath } from '../values/secret-paths';
import { getPath, leafPaths, type Tree } from '../values/tree';

export interface ValueChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** YAML-ish JSON of the value (masked when secret); absent for an added/removed side. */
  before?: string;
  after?: string;
}

const show = (path: string[], v: unknown): string =>
  isSecretPath(path) && v !== '' && v !== null && v !== undefined ? SECRET_MASK : JSON.stringify(v);

/** Every leaf that differs between `current` and `next`, sorted by path. */
export function diffValues(current: Tree, next: Tree): ValueChange[] {
  const seen = new Set<string>();
  const out: ValueChange[] = [];
  for (const p of [...leafPaths(current), ...leafPaths(next)]) {
    const key = p.join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    const a = getPath(current, p);
    const b = getPath(next, p);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (a === undefined) out.push({ path: key, change: 'added', after: show(p, b) });
    else if (b === undefined) out.push({ path: key, change: 'removed', before: show(p, a) });
    else out.push({ path: key, change: 'changed', before: show(p, a), after: show(p, b) });
  }
  return out.sort((x, y) => x.path.localeCompare(y.path));
}

/**
 * Secrets the running release has already written into state that a new value does not change:
 * the database user and password (MySQL creates the user once, at its first start; an external
 * database keeps its own), the Keycloak admin password (stored in Keycloak's database at its first
 * start), the message queue's user (RabbitMQ's first boot, on its volume) and the AES key the API
 * keys in the database are encrypted with (3.9.4), or chart 3.50's encryption key. Changing one in the
 * values breaks the release.
 */
export const INITIALISED_SECRETS: Readonly<Record<string, string>> = Object.freeze({
  'secrets.db.user':
    'The database user was created when the database was initialised; the backend and Keycloak would log in as a user that does not exist.',
  'secrets.db.password':
    'The database was initialised with the current password; the backend and Keycloak would be refused by the database.',
  'secrets.keycloak.password':
    'Keycloak stored its admin password in its database at its first start; the new one would not work and the first-login password in the Secret would be wrong.',
  'secrets.mq.user':
    'RabbitMQ created its user at its first boot; the backend would log in as a user that does not exist.',
  'secrets.mq.password':
    'RabbitMQ keeps the password of its first boot; the backend would be refused.',
  'secrets.api_keys_encryption.aes_key':
    'The API keys in the database are encrypted with the current key; they could no longer be read.',
  // chart 3.50 writes a new user key over the key in use (docs/chart-3.50.md T4)
  'secrets.keysEncryption.userEncryptionKey':
    'Chart 3.50 writes a changed encryption key over the key in use (docs/chart-3.50.md T4): the integration keys encrypted with the current one could no longer be read.',
});

export interface InitialisedChange {
  path: string;
  message: string;
}

/** The changes (of `diffValues`) that replace or remove an initialised secret that had a value. */
export function initialisedSecretChanges(changes: readonly ValueChange[]): InitialisedChange[] {
  return changes
    .filter(
      (c) =>
        c.change !== 'added' &&
        c.before === SECRET_MASK &&
        INITIALISED_SECRETS[c.path] !== undefined,
    )
    .map((c) => ({ path: c.path, message: INITIALISED_SECRETS[c.path]! }));
}
