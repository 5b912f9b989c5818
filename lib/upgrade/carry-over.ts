// docs/chart-3.50.md §13.4 step 3: what must reach 3.50 exactly as the 3.9.4 release had it.
import chartDefaults394 from '../values/chart-defaults.json';
import { deepEqual, getPath, hasPath } from '../values/tree';

const CLAIM =
  'it names the MySQL claim: any change makes the upgrade fail ("Forbidden: updates to statefulset spec")';
/** The keys, and why (chart 3.50 gives each the same default as 3.9.4: carry-over.test.ts). */
export const WHY: Record<string, string> = {
  'general.statefulset.pvc_name': CLAIM,
  'general.statefulset.storageClassName': CLAIM,
  'general.statefulset.storageSize': CLAIM,
  'secrets.db.user':
    'MySQL creates its users only on an empty data directory, so a new one is never applied',
  'secrets.db.password':
    'MySQL sets the password only on an empty data directory, so a new one is never applied',
  'secrets.keycloak.password':
    'Keycloak creates its first admin only once, and the backend logs in to Keycloak with it',
  'certificate.tls.crt':
    'agents and IDE plugins pin the server certificate key; a new key pair needs security_pinned_hashes for an overlap',
  'certificate.tls.key':
    'agents and IDE plugins pin the server certificate key; a new key pair needs security_pinned_hashes for an overlap',
  'certificate.existing_cert':
    'agents and IDE plugins pin the server certificate key; a new key pair needs security_pinned_hashes for an overlap',
  'secrets.license.content': 'the license is tied to this installation',
  'secrets.license.signature': 'the license is tied to this installation',
  'general.db_database': 'the data lives in that schema',
  'general.db_local': 'switching between local and external MySQL leaves the data behind',
  'general.db_endpoint': 'the data lives on that server',
  'general.lightrun_endpoint':
    'agents, plugins and users reach the server by that name, and the certificate is issued for it',
  'secrets.defaults.keystore_password': 'the keystores the pods already hold were written with it',
};

export interface CarryOverProblem {
  key: string;
  why: string;
}

const at = (t: unknown, key: string) => getPath(t, key.split('.'));

/** The value the chart uses: the file's, else the chart's default (the same in 3.9.4 and 3.50). */
function effective(values: unknown, key: string): unknown {
  return hasPath(values, key.split('.')) ? at(values, key) : at(chartDefaults394, key);
}

/**
 * The carry-over keys whose 3.50 value differs from the 3.9.4 release's, each with why it must not
 * and what to do. Messages name the key, never its value (they are often secrets).
 */
export function mustStayIdentical(before394: unknown, after350: unknown): CarryOverProblem[] {
  return Object.keys(WHY)
    .filter((key) => !deepEqual(effective(before394, key), effective(after350, key)))
    .map((key) => ({
      key,
      why: `${key} differs from the running release: ${WHY[key]}. Put back the release's value (helm get values) before the upgrade.`,
    }));
}
