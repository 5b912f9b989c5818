/**
 * What a release leaves behind when Helm uninstalls it, and what to say about it (PURE): the data
 * claims of its StatefulSets (MySQL, RabbitMQ; Helm never deletes those), the Secrets made by hooks
 * (the self-signed internal-TLS certificates), the copy of the values the wizard keeps for a
 * reinstall, and the namespace. Gathered by leftovers.ts.
 */

export interface LeftoverClaim {
  name: string;
  /** The requested size ("8Gi"), or "" when the claim names none. */
  size: string;
  /** The chart component it belongs to ("mysql", "mq"), or "". */
  component: string;
}
export interface LeftoverSecret {
  name: string;
  /** What it holds, in words. */
  what: string;
}
export interface Leftovers {
  namespace: string;
  namespaceExists: boolean;
  claims: LeftoverClaim[];
  secrets: LeftoverSecret[];
  /** The Secret holding the uninstalled release's values (keptValuesName), when there is one. */
  keptValues: string | null;
}

/** What the admin chose to delete along with the release (each kept unless named). */
export interface LeftoverChoice {
  claims: string[];
  secrets: string[];
  namespace: boolean;
  /** Keep a copy of the release's values in keptValuesName(release) (only while a claim stays). */
  keepValues: boolean;
}

/** Label of the Secret holding an uninstalled release's values. */
export const KEPT_VALUES_LABEL = 'lightrun.com/kept-values-of';
export const keptValuesName = (release: string) => `${release}-kept-values`;

const WHAT_CLAIM: Record<string, string> = {
  mysql: 'the database: initialised with this release’s database and Keycloak passwords',
  mq: 'the message queue: RabbitMQ’s user and password of its first boot',
};

/** One claim as a line: name, size and what it is. */
export function claimLine(c: LeftoverClaim): string {
  const what = WHAT_CLAIM[c.component];
  return `PersistentVolumeClaim ${c.name}${c.size ? ` (${c.size})` : ''}${what ? `, ${what}` : ''}`;
}

/** What stays after the uninstall, one line each (the done summary), given the choice. */
export function keptLines(l: Leftovers, c: LeftoverChoice, release: string): string[] {
  if (c.namespace) return [`Namespace ${l.namespace} deleted, with everything in it.`];
  const claims = l.claims.filter((x) => !c.claims.includes(x.name));
  const secrets = l.secrets.filter((x) => !c.secrets.includes(x.name));
  const lines = [
    ...claims.map((x) => `Kept: ${claimLine(x)}.`),
    ...secrets.map((x) => `Kept: Secret ${x.name} (${x.what}).`),
  ];
  if (claims.length && c.keepValues)
    lines.push(
      `Kept: Secret ${keptValuesName(release)} (a copy of the release’s values, passwords included, so that a reinstall can start from them and use the kept data).`,
    );
  lines.push(`Kept: namespace ${l.namespace}.`);
  const gone = [
    ...l.claims.filter((x) => c.claims.includes(x.name)).map((x) => `claim ${x.name}`),
    ...l.secrets.filter((x) => c.secrets.includes(x.name)).map((x) => `Secret ${x.name}`),
  ];
  if (gone.length) lines.push(`Deleted: ${gone.join(', ')}.`);
  return lines;
}

/**
 * The preflight's word on a namespace about to get a fresh install: a database or queue claim of
 * an earlier release of the same name was initialised with other passwords, which this install's
 * new ones cannot change. null when there is nothing of the kind.
 */
export function leftoverWarning(
  release: string,
  l: Pick<Leftovers, 'namespace' | 'claims' | 'keptValues'>,
): { message: string; fix: string } | null {
  const data = l.claims.filter((c) => c.component === 'mysql' || c.component === 'mq');
  if (!data.length) return null;
  return {
    message: `Namespace ${l.namespace} holds the data of an earlier release ${release}: ${data.map((c) => `PersistentVolumeClaim ${c.name}${c.size ? ` (${c.size})` : ''}`).join(', ')}. ${data.length === 1 ? 'Its volume was' : 'Their volumes were'} initialised with other passwords; a fresh install’s new passwords would be refused and the release would not start, unless the answers keep the old ones.`,
    fix: l.keptValues
      ? `Start from the uninstalled release’s values (the button below the checks: its passwords, from Secret ${l.keptValues}), or delete the claims for a clean start: kubectl -n ${l.namespace} delete pvc ${data.map((c) => c.name).join(' ')}`
      : `Use the values or answers file the earlier release was installed with (its passwords), or delete the claims for a clean start: kubectl -n ${l.namespace} delete pvc ${data.map((c) => c.name).join(' ')}`,
  };
}
