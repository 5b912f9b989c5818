import 'server-only';
/** helm bound to one binary, one kubeconfig environment and one redactor: the job's only way to run helm. */
import type { HelmBinary } from '../helm/find-helm';
import { runProcess, type RunResult } from '../helm/spawn';
import { forInClusterHelm } from '../helm/args';
import { runsInCluster } from '../cluster/kubeconfig';
import type { Redactor } from '../helm/redact';

export interface HelmCli {
  bin: HelmBinary;
  redact: Redactor;
  /** Runs helm; every output line goes to onLine already redacted; stdout/stderr in the result are redacted too. */
  run(
    args: string[],
    o?: { signal?: AbortSignal; onLine?: (stream: 'stdout' | 'stderr', line: string) => void },
  ): Promise<RunResult>;
}

export function helmCli(
  bin: HelmBinary,
  redact: Redactor,
  env: NodeJS.ProcessEnv = process.env,
  inCluster = runsInCluster(env),
): HelmCli {
  return {
    bin,
    redact,
    async run(args, o = {}) {
      const r = await runProcess(bin.path, forInClusterHelm(args, inCluster), {
        env,
        signal: o.signal,
        onLine: o.onLine ? (s, l) => o.onLine!(s, redact(l)) : undefined,
      });
      return { ...r, stdout: redact(r.stdout), stderr: redact(r.stderr) };
    },
  };
}

/** The last few lines of helm's stderr (already redacted), for a failure summary. */
export function helmError(r: RunResult, max = 6): string[] {
  const lines = r.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length ? lines.slice(-max) : [`helm exited with ${r.code ?? r.signal}`];
}
