/**
 * `npm run cli -- preflight --answers FILE [--context C] [--namespace N] [--release R]`: every
 * preflight check, one line each as it finishes (stdout); exit 2 when any fails or the input is bad.
 */
import { stringify } from 'yaml';
import { rbacManifests } from '../lib/preflight/access-needs';
import { validateNamespace } from '../lib/helm/names';
import { RequestProblems } from '../lib/target';
import { preflight, resolvePreflight } from '../lib/preflight/service';
import type { CheckResult } from '../lib/preflight/result';
import { checkLine, summary } from '../lib/preflight/text';
import { parseFlagsAsProblems } from './flags';
import { chartFromFlag } from './install';
import { readStructuredFile } from './read-file';

export const PREFLIGHT_USAGE = `  preflight --answers FILE [--context C] [--namespace N] [--release R] [--chart REF] [--chart-version V]   checks the cluster and services; exit 2 on any fail
  preflight --print-rbac USER [--namespace N]   the least-privilege Role/ClusterRole (+ bindings) the install needs, as YAML`;

const VALUE = new Set([
  '--answers',
  '--context',
  '--namespace',
  '--release',
  '--print-rbac',
  '--chart',
  '--chart-version',
]);

function flags(argv: string[]): Map<string, string> {
  return parseFlagsAsProblems(argv, { value: VALUE });
}

/** Runs the command; resolves to the exit code. */
export async function runPreflightCommand(
  argv: string[],
  out = process.stdout,
  err = process.stderr,
): Promise<number> {
  try {
    const f = flags(argv);
    const user = f.get('--print-rbac');
    if (user !== undefined) {
      const ns = validateNamespace(f.get('--namespace') ?? 'lightrun');
      if (!ns.ok) throw new RequestProblems([{ path: '--namespace', message: ns.message }]);
      out.write(
        rbacManifests(ns.value, user)
          .map((m) => stringify(m))
          .join('---\n'),
      );
      return 0;
    }
    const file = f.get('--answers');
    if (!file)
      throw new RequestProblems([
        { path: '--answers', message: 'preflight needs --answers FILE.' },
      ]);
    const req = resolvePreflight({
      answers: readStructuredFile(file),
      context: f.get('--context'),
      namespace: f.get('--namespace'),
      release: f.get('--release'),
      // The chart the dry run uses, as `install --chart` takes it (default: Lightrun's published chart).
      chart: chartFromFlag(f.get('--chart'), f.get('--chart-version')),
    });
    const ac = new AbortController();
    process.once('SIGINT', () => ac.abort());
    const results: CheckResult[] = [];
    for await (const r of preflight(req, ac.signal)) {
      results.push(r);
      out.write(`${checkLine(r)}\n`);
    }
    const s = summary(results);
    err.write(`${s.line}\n`);
    return ac.signal.aborted ? 130 : s.code;
  } catch (e) {
    if (!(e instanceof RequestProblems)) throw e;
    for (const p of e.problems) err.write(`${p.path}: ${p.message}\n`);
    return 2;
  }
}
