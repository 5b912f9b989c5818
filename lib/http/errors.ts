import 'server-only';
/**
 * The lib's errors as answers, in one table: each error a route's lib function may throw, its code
 * (and so its status, respond.ts) and the body it is answered with. Anything else is a 500 without
 * details: the server log gets the error's name only, never its message (it could quote a secret).
 */
import { KubeconfigError } from '../cluster/kubeconfig';
import { HelmNotFoundError } from '../helm/find-helm';
import { BackupError } from '../install/backup/pod-exec';
import { ConflictError, NotFoundError, TooManyJobsError } from '../install/errors';
import { NotChart394 } from '../install/upgrade-plan';
import { ReleaseReadError } from '../install/upgrade-source';
import { RequestProblems } from '../target';
import { problem, type ErrorCode } from './respond';

type Entry<E extends Error> = [
  type: abstract new (...args: never[]) => E,
  code: ErrorCode,
  body: (e: E) => Record<string, unknown>,
];
const entry = <E extends Error>(...e: Entry<E>) => e as unknown as Entry<Error>;
const sentence = (e: Error) => ({ error: e.message });

const TABLE: Entry<Error>[] = [
  entry(RequestProblems, 'invalid', (e) => ({
    issues: e.problems.map((p) => ({ path: p.path.split('.'), message: p.message })),
  })),
  entry(KubeconfigError, 'bad_request', (e) => ({ error: e.problem.message, fix: e.problem.fix })),
  entry(HelmNotFoundError, 'unavailable', sentence),
  entry(NotFoundError, 'not_found', sentence),
  entry(ConflictError, 'conflict', sentence),
  entry(TooManyJobsError, 'too_many_requests', sentence),
  // the upgrade plan (docs/upgrade.md): a release of another chart; helm could not read it
  entry(NotChart394, 'conflict', sentence),
  entry(ReleaseReadError, 'not_found', sentence),
  // a backup that cannot go on (no MySQL pod, mysqldump failed, a Secret not readable): no value
  entry(BackupError, 'conflict', sentence),
];

/** The answer for an error a route's lib function threw. */
export function errorResponse(e: unknown): Response {
  for (const [type, code, body] of TABLE) if (e instanceof type) return problem(code, body(e));
  console.error('API route failed:', e instanceof Error ? e.name : typeof e);
  return problem('internal', 'The server failed to handle the request; see the server log.');
}
