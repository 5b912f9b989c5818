/**
 * Decisions of the check of the internal TLS Secrets the admin names (PURE): with internal TLS
 * from existing certificates each named Secret must exist in the release namespace and be of type
 * `kubernetes.io/tls` (its `tls.crt` and `tls.key` then exist: the API server requires them for
 * that type). Chart 3.50 adds the artifacts pod's Secret (docs/chart-3.50.md T6). Only the
 * Secret's type is looked at; no value ever leaves the gatherer.
 */
import type { Answers } from '../answers';
import { fail, joinProblems, listing, pass, warn, type Verdict } from './result';

export const TLS_SECRET_TYPE = 'kubernetes.io/tls';

export type WantedTlsSecret = {
  name: string;
  /** The answers that name it (one Secret may serve several components). */
  fields: string[];
};
export type TlsSecretFacts =
  | { name: string; found: true; type: string }
  | { name: string; found: false }
  | { name: string; found: 'unknown'; error: string };

/** The components' Secrets in the order the step lists them; artifacts is chart 3.50's only. */
const COMPONENTS = ['frontend', 'keycloak', 'redis', 'rabbitmq', 'keycloakCluster', 'artifacts'];

/** The named internal TLS Secrets of the plan, each once (the CA Secret is not a TLS Secret). */
export function wantedTlsSecrets(a: Answers): WantedTlsSecret[] {
  const t = a.internalTls;
  if (t.mode !== 'existing') return [];
  const byName = new Map<string, string[]>();
  for (const k of COMPONENTS) {
    if (k === 'artifacts' && a.chart !== '3.50.0') continue;
    const name = t.certificates[k as keyof typeof t.certificates];
    if (name) byName.set(name, [...(byName.get(name) ?? []), `internalTls.certificates.${k}`]);
  }
  return [...byName].map(([name, fields]) => ({ name, fields }));
}

function decideOne(w: WantedTlsSecret, f: TlsSecretFacts, ns: string): Verdict | null {
  const named = `Secret ${w.name} (${listing(w.fields)})`;
  if (f.found === 'unknown')
    return warn(
      `Secret ${w.name} could not be read in namespace ${ns}: ${f.error}.`,
      `Check that it exists and is of type ${TLS_SECRET_TYPE} (kubectl -n ${ns} get secret ${w.name}), or let the wizard read Secrets there.`,
    );
  if (!f.found)
    return fail(
      `${named} does not exist in namespace ${ns}: the pods that mount it cannot start.`,
      `Create it: kubectl -n ${ns} create secret tls ${w.name} --cert=<certificate.pem> --key=<key.pem>, or name the Secret you made.`,
    );
  if (f.type === TLS_SECRET_TYPE) return null;
  return fail(
    `${named} is of type ${f.type || 'Opaque'}, not ${TLS_SECRET_TYPE}.`,
    `Recreate it with kubectl -n ${ns} create secret tls ${w.name} --cert=<certificate.pem> --key=<key.pem> (keys tls.crt and tls.key).`,
  );
}

/** Every named Secret: the failures first; a pass names the Secrets. */
export function decideTlsSecrets(
  wanted: WantedTlsSecret[],
  facts: TlsSecretFacts[],
  ns: string,
): Verdict {
  const problems = joinProblems(
    wanted.map((w) =>
      decideOne(w, facts.find((f) => f.name === w.name) ?? { name: w.name, found: false }, ns),
    ),
  );
  if (problems) return problems;
  return pass(
    `${listing(wanted.map((w) => w.name))} ${wanted.length === 1 ? 'is a' : 'are'} ${TLS_SECRET_TYPE} Secret${wanted.length === 1 ? '' : 's'} in namespace ${ns}.`,
  );
}
