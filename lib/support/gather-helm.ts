import 'server-only';
/**
 * helm's record of the release for the support bundle: history first (no release, nothing more
 * to ask), then status, values and manifest at once, each within the time budget; the values
 * masked by key and the manifest without any Secret's data.
 */
import { stringify } from 'yaml';
import { findHelm, type HelmBinary } from '../helm/find-helm';
import {
  getManifestArgs,
  getValuesArgs,
  historyArgs,
  statusArgs,
  type Target as HelmTarget,
} from '../helm/args';
import { runProcess } from '../helm/spawn';
import { errorText } from '../preflight/runner';
import { SECRET_MASK } from '../values';
import { isSecretPath } from '../values/secret-paths';
import { cleanHelmStatus, maskTree, stripManifestSecrets } from './plan';
import { json, type Gathering } from './gathering';

type HelmAnswer = { ok: true; out: string } | { ok: false; why: string };
type RunHelm = (args: string[]) => Promise<HelmAnswer>;

/** The helm to ask, or null with the reason among the failures. */
export async function helmForBundle(
  g: Gathering,
  env: NodeJS.ProcessEnv,
): Promise<HelmBinary | null> {
  try {
    return await findHelm(env);
  } catch (e) {
    g.failures.push(
      `helm: ${errorText(e)}; helm status, history, values and manifest were not collected.`,
    );
    return null;
  }
}

/** Runs helm within the deadline left (SIGTERM when it passes); a failure in helm's last words. */
function helmRunner(g: Gathering, helm: HelmBinary, env: NodeJS.ProcessEnv): RunHelm {
  return async (args) => {
    const ms = g.requestMs();
    if (ms === null) return { ok: false, why: 'the time budget ran out' };
    const signal = AbortSignal.any([g.signal, AbortSignal.timeout(ms)]);
    const r = await runProcess(helm.path, args, { env, signal });
    if (r.cancelled)
      return {
        ok: false,
        why: `no answer within ${Math.round(ms / 1000)} s (helm was sent SIGTERM)`,
      };
    if (r.code !== 0) {
      const last = r.stderr
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(-2)
        .join(' ');
      return { ok: false, why: last || `helm exited with ${r.code}` };
    }
    return { ok: true, out: r.stdout };
  };
}

function putStatus(g: Gathering, s: HelmAnswer): void {
  if (s.ok) g.put('helm/status.json', json(cleanHelmStatus(s.out)));
  else g.failures.push(`helm/status.json: ${s.why}`);
}

function putValues(g: Gathering, v: HelmAnswer): void {
  if (!v.ok) return void g.failures.push(`helm/values.yaml: ${v.why}`);
  const masked = maskTree(JSON.parse(v.out || '{}') ?? {}, isSecretPath, SECRET_MASK);
  g.put('helm/values.yaml', stringify(masked, { lineWidth: 0 }));
}

/** The manifest without Secret data; returns the names of the Secrets it was stripped from. */
function putManifest(g: Gathering, m: HelmAnswer): string[] {
  if (!m.ok) {
    g.failures.push(`helm/manifest.yaml: ${m.why}`);
    return [];
  }
  const stripped = stripManifestSecrets(m.out);
  if (stripped.dropped)
    g.notes.push(
      `helm/manifest.yaml: ${stripped.dropped} document(s) did not parse as YAML and were left out.`,
    );
  g.put('helm/manifest.yaml', stripped.text);
  return stripped.secrets;
}

/**
 * helm's record of the release: history, status, values, manifest. Returns the Secrets whose data
 * was stripped from the manifest (README.txt names them).
 */
export async function gatherHelm(
  g: Gathering,
  helm: HelmBinary,
  t: { context: string | null; namespace: string; release: string },
  env: NodeJS.ProcessEnv,
): Promise<string[]> {
  const run = helmRunner(g, helm, env);
  const target: HelmTarget = { context: t.context, namespace: t.namespace };
  const h = await run(historyArgs(target, t.release));
  if (!h.ok) {
    g.failures.push(
      `helm: release ${t.release} in namespace ${t.namespace}: ${h.why}; status, history, values and manifest were not collected.`,
    );
    return [];
  }
  g.put('helm/history.json', json(JSON.parse(h.out || '[]')));
  const [s, v, m] = await Promise.all([
    run(statusArgs(target, t.release)),
    run(getValuesArgs(target, t.release)),
    run(getManifestArgs(target, t.release)),
  ]);
  putStatus(g, s);
  putValues(g, v);
  return putManifest(g, m);
}
