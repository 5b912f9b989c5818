import type { Answers } from '@/lib/answers';
import { stepOfPath } from '@/lib/answers/steps';
import { SECRET_ANSWER_PATHS } from '@/lib/answers/strip-secrets';

/** The value at a dotted answers path (undefined where a branch has no such field). */
export const read = (a: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (cur, k) =>
        cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined,
      a,
    );

/** The secret fields that hold a value now (names only: what the session may remember). */
export function filledSecretPaths(a: Answers): string[] {
  return SECRET_ANSWER_PATHS.filter((p) => typeof read(a, p) === 'string' && read(a, p) !== '');
}

/**
 * The secrets a reload emptied that the plan still needs: held before the reload, empty now. A
 * field the current branches no longer have (message queue switched off …) is not needed.
 */
export function stillLost(lost: readonly string[], a: Answers): string[] {
  return lost.filter(
    (p) =>
      read(a, p) === '' &&
      !(a.secrets.mode === 'existing' && OUTSIDE_THE_CHART.includes(p)) &&
      !(p === ENCRYPTION_KEY && a.chart !== '3.50.0'),
  );
}

/** Chart 3.50's encryption key: a value only a 3.50 plan needs (chart 3.9.4 never writes it). */
const ENCRYPTION_KEY = 'secrets.encryptionKey';

/** With the Secrets created outside the chart these are not answers at all (they stay empty). */
const OUTSIDE_THE_CHART = [
  'license.content',
  'license.signature',
  'database.user',
  'database.password',
  'messageQueue.user',
  'messageQueue.password',
  'apiKeysEncryption.aesKey',
];

/**
 * What the session remembers as "had a value": filled now, or lost by a reload and not re-entered
 * — except the `unseen` ones, which a reload may make up again.
 */
export function secretsToRemember(
  a: Answers,
  lost: readonly string[],
  unseen: readonly string[] = [],
): string[] {
  const keep = new Set([...filledSecretPaths(a), ...stillLost(lost, a)]);
  return SECRET_ANSWER_PATHS.filter((p) => keep.has(p) && !unseen.includes(p));
}

/** The credentials a new plan generates (`withGeneratedSecrets`): users and passwords the chart creates. */
const GENERATED_PATHS = [
  'database.user',
  'database.password',
  'messageQueue.user',
  'messageQueue.password',
  'secrets.keycloakPassword',
  'secrets.keystorePassword',
];

/**
 * The generated credentials nobody can have seen or used: the step that shows each was never
 * opened, nor Review (where files are downloaded and installs start). Nothing outside the page
 * holds them, so after a reload they are made up again instead of being asked for.
 */
export function unseenSecrets(opened: ReadonlySet<string>): string[] {
  if (opened.has('review')) return [];
  return GENERATED_PATHS.filter((p) => !opened.has(stepOfPath(p.split('.'))));
}

/**
 * New values for the lost secrets the wizard may make up, when the admin explicitly asks for them:
 * passwords of components the chart creates (local MySQL, Keycloak, keystore, local RabbitMQ) and
 * their users. An external server's password, the license, the key, the AES key and chart 3.50's
 * encryption key (it decrypts what the server stored) are the admin's own and are never made up.
 */
export function regeneratedSecrets(
  a: Answers,
  lost: readonly string[],
  token: () => string,
): [string, string][] {
  const localDb = a.database.mode === 'local';
  const localMq = a.messageQueue.mode === 'local';
  const make: Record<string, (() => string) | undefined> = {
    'database.user': () => 'lightrun',
    'database.password': localDb ? token : undefined,
    'secrets.keycloakPassword': token,
    'secrets.keystorePassword': token,
    'messageQueue.user': a.messageQueue.mode === 'off' ? undefined : () => 'lightrun',
    'messageQueue.password': localMq ? token : undefined,
  };
  return stillLost(lost, a).flatMap((p) => {
    const f = make[p];
    return f ? [[p, f()] as [string, string]] : [];
  });
}
