/**
 * Decisions of the check of the Secrets the admin keeps outside the chart (PURE): for a chart
 * 3.50 plan the backend Secret also needs `encryption-key-0` and, with the queue on, the two queue
 * keys (docs/chart-3.50.md §9, §10). Only key names and whether a value is empty are looked at;
 * no value ever leaves the gatherer.
 */
import type { Answers } from '../answers';
import { requiredSecrets } from '../install/secrets-plan';
import { fail, joinProblems, listing, pass, warn, type Verdict } from './result';

export type WantedSecret = {
  name: string;
  /** The answer that names it (empty: `<release>-…`). */
  field: 'secrets.backend' | 'secrets.keycloak';
  keys: string[];
  /** Keys whose value must not be empty either. */
  nonEmpty: string[];
};
export type SecretFacts =
  | { name: string; found: true; keys: string[]; emptyKeys: string[] }
  | { name: string; found: false }
  | { name: string; found: 'unknown'; error: string };

/** The first encryption key a 3.50 release mounts (docs/chart-3.50.md §10). */
export const ENCRYPTION_KEY_0 = 'encryption-key-0';

/** The backend and Keycloak Secrets a 3.50 plan with Secrets outside the chart references, with their keys. */
export function wantedSecrets350(a: Answers, release: string): WantedSecret[] {
  if (a.secrets.mode !== 'existing') return [];
  const backend = a.secrets.backend || `${release}-backend`;
  const keycloak = a.secrets.keycloak || `${release}-keycloak`;
  // Every key listed under a name (both answers may name the same Secret).
  const keysOf = (name: string) =>
    requiredSecrets(a, release).flatMap((s) => (s.name === name ? s.keys : []));
  const wanted: WantedSecret[] = [
    {
      name: backend,
      field: 'secrets.backend',
      keys: [...new Set([...keysOf(backend), ENCRYPTION_KEY_0])],
      nonEmpty: [ENCRYPTION_KEY_0],
    },
  ];
  if (keycloak !== backend)
    wanted.push({
      name: keycloak,
      field: 'secrets.keycloak',
      keys: keysOf(keycloak),
      nonEmpty: [],
    });
  return wanted;
}

/** One Secret against its wanted keys: null when it has them all. */
function decideOne(w: WantedSecret, f: SecretFacts, ns: string): Verdict | null {
  if (f.found === 'unknown')
    return warn(
      `Secret ${w.name} could not be read in namespace ${ns}: ${f.error}.`,
      `Check that it holds ${listing(w.keys)} (kubectl -n ${ns} describe secret ${w.name}), or let the wizard read Secrets there.`,
    );
  if (!f.found)
    return fail(
      `Secret ${w.name} (${w.field}) does not exist in namespace ${ns}.`,
      `Create it in ${ns} with the keys ${listing(w.keys)}${w.nonEmpty.length ? `; ${listing(w.nonEmpty)} from \`openssl rand -base64 32\`` : ''}, or name the Secret you made in ${w.field}.`,
    );
  const missing = w.keys.filter((k) => !f.keys.includes(k));
  const empty = w.nonEmpty.filter((k) => f.keys.includes(k) && f.emptyKeys.includes(k));
  if (!missing.length && !empty.length) return null;
  const what = [
    ...(missing.length ? [`lacks ${listing(missing)}`] : []),
    ...(empty.length ? [`has ${listing(empty)} empty`] : []),
  ].join(' and ');
  return fail(
    `Secret ${w.name} (${w.field}) ${what}: chart 3.50 needs ${listing(w.keys)} there (docs/chart-3.50.md §9).`,
    `Add ${listing([...missing, ...empty])} to Secret ${w.name}${[...missing, ...empty].includes(ENCRYPTION_KEY_0) ? ` (${ENCRYPTION_KEY_0}: \`openssl rand -base64 32\`, kept for the life of the installation)` : ''}, or name another Secret in ${w.field}.`,
  );
}

/** Every wanted Secret: the failures first, each named; a pass names the Secrets and their key count. */
export function decideSecretKeys(
  wanted: WantedSecret[],
  facts: SecretFacts[],
  ns: string,
): Verdict {
  const problems = joinProblems(
    wanted.map((w) =>
      decideOne(w, facts.find((f) => f.name === w.name) ?? { name: w.name, found: false }, ns),
    ),
  );
  if (problems) return problems;
  return pass(
    `${wanted.map((w) => `Secret ${w.name} holds the ${w.keys.length} key${w.keys.length === 1 ? '' : 's'} it needs`).join('; ')} (namespace ${ns}).`,
  );
}
