import 'server-only';
/**
 * The releases of a cluster (`helm list`), for "Upgrade this release": the wizard offers each
 * Lightrun release to start from, whatever state the answers in the page are in. Names, chart,
 * status and revision only; no values (those come from releaseValues when one is picked).
 */
import { findHelm } from '../helm/find-helm';
import { listArgs } from '../helm/args';
import { validateContext, validateNamespace } from '../helm/names';
import { makeRedactor } from '../helm/redact';
import { parseReleaseList, type ListedRelease } from '../helm/release-list';
import { RequestProblems, type Problem } from '../target';
import { helmCli } from './helm-cli';

export type { ListedRelease };

/** Lists the releases of one namespace, or of every namespace when none is given. */
export async function listReleases(t: {
  context?: string;
  namespace?: string;
}): Promise<{ releases: ListedRelease[]; error?: string }> {
  const problems: Problem[] = [];
  const valid = (path: string, r: { ok: true; value: string } | { ok: false; message: string }) =>
    r.ok ? r.value : (problems.push({ path, message: r.message }), null);
  const context = t.context ? valid('context', validateContext(t.context)) : null;
  const namespace = t.namespace ? valid('namespace', validateNamespace(t.namespace)) : null;
  if (problems.length) throw new RequestProblems(problems);
  const bin = await findHelm();
  const r = await helmCli(bin, makeRedactor([])).run(
    listArgs(bin.version.major, { context, namespace }),
  );
  // helm's message may name a kubeconfig file, which the page never shows (docs/security.md)
  if (r.code !== 0)
    return {
      releases: [],
      error: `helm list failed (${r.code === null ? `signal ${r.signal}` : `exit ${r.code}`}): run \`helm list --all-namespaces\` with the wizard's kubeconfig to see why.`,
    };
  return { releases: parseReleaseList(r.stdout) };
}
