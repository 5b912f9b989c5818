/** The helm checks (PURE decisions over lib/helm's version parser and helm's own output). */
import { parseHelmVersion } from '../../helm/version';
import { fail, pass, type Verdict } from './result';

/** helm present and supported (3.12+ or 4). `output` is `helm version --short`, or null when helm did not run. */
export function decideHelmVersion(output: string | null, notFound?: string): Verdict {
  if (output === null) return fail(`helm was not found${notFound ? `: ${notFound}` : ''}.`, 'Install helm 3.12+ or helm 4 and put it on PATH (or set HELM to its path).');
  const v = parseHelmVersion(output);
  if (!v.ok) return fail(v.message, 'Install helm 3.12+ or helm 4.');
  return pass(`helm ${v.version.raw} is supported.`);
}

/** helm's exit code and stderr of the server-side dry run, as one line with helm's own message. */
export function decideDryRun(code: number, stderr: string): Verdict {
  if (code === 0) return pass('The API server accepted every object of the release (server-side dry run: admission, schema and quota).');
  const line = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^(WARNING|walk\.go|coalesce\.go)/i.test(l)).pop() ?? `helm exited with ${code}`;
  return fail(`The server-side dry run failed: ${line.replace(/^Error:\s*/, '')}`, 'Fix what the API server refused (quota, admission policy, schema), then run preflight again.');
}
