/** The dry-run decision over helm's own output (PURE); helm's version is judged by lib/helm/version. */
import { fail, pass, type Verdict } from './result';

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
  return fail(
    `The server-side dry run failed: ${line.replace(/^Error:\s*/, '')}`,
    'Fix what the API server refused (quota, admission policy, schema), then run preflight again.',
  );
}
