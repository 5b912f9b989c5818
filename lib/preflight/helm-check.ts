/** The dry-run decision over helm's own output (PURE); helm's version is judged by lib/helm/version. */
import { fail, pass, type Verdict } from './result';

const CHART_FETCH =
  /FetchReference|failed to (fetch|download|do request)|no such host|not found in (?:\S{1,512} )?repository|manifest unknown|failed to authorize|pull access denied/i;

/** helm's exit code and stderr of the server-side dry run, as one line with helm's own message. */
export function decideDryRun(code: number, stderr: string): Verdict {
  if (code === 0)
    return pass(
      'The API server accepted every object of the release (server-side dry run: admission, schema and quota).',
    );
  const line =
    stderr
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/^(WARNING|walk\.go|coalesce\.go)/i.test(l))
      .pop() ?? `helm exited with ${code}`;
  const what = line.replace(/^Error:\s*/, '');
  // helm could not get the chart (registry unreachable, unknown version, no login): nothing
  // reached the API server, so the fix is the chart's source, not the cluster.
  if (CHART_FETCH.test(what))
    return fail(
      `The chart could not be fetched for the dry run: ${what}`,
      'Check the chart reference and version and that this machine reaches the registry (helm pull works from here), or give a .tgz of the chart on the wizard’s server.',
    );
  return fail(
    `The server-side dry run failed: ${what}`,
    'Fix what the API server refused (quota, admission policy, schema), then run preflight again.',
  );
}
