/**
 * `npm run --silent cli -- check values.yaml [-f secrets.yaml …] [--chart 3.9.4|3.50.0]`: every
 * rule of docs/chart-3.9.4.md (or docs/chart-3.50.md, for a 3.50 file) the files break as written,
 * as `path: message` lines on stderr after one line naming the chart judged against and why; exit
 * 2 when there is any, 0 when clean.
 * Files merge like `helm -f a -f b`; each is read as Helm reads it (readValuesFile: go-yaml v2's
 * scalars), and one that is no values file of the chart is refused without a word of it.
 */
import { readFileSync } from 'node:fs';
import { inspectCertificate } from '../lib/pem/inspect';
import { chartToCheck, checkValues } from '../lib/values/check';
import type { ChartVersion } from '../lib/values/chart-profile';
import { deepMerge, isMap, type Tree } from '../lib/values/tree';
import { readValuesFile, ValuesFileError } from '../lib/values/values-file';

export const CHECK_USAGE =
  '  check VALUES.yaml [-f MORE.yaml …] [--chart 3.9.4|3.50.0]  every rule of the chart (docs/chart-3.9.4.md, docs/chart-3.50.md) the file breaks as written; exit 2 with path: message lines';

const CHARTS: readonly ChartVersion[] = ['3.9.4', '3.50.0'];

/** Runs `check` on its arguments (after the command name); returns the exit code. */
export function runCheck(
  args: string[],
  err: (s: string) => void = (s) => process.stderr.write(s),
): number {
  const files: string[] = [];
  let chart: ChartVersion | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--chart') {
      const c = args[++i];
      if (!CHARTS.includes(c as ChartVersion))
        return usage(err, `--chart takes ${CHARTS.join(' or ')}.`);
      chart = c as ChartVersion;
    } else if (args[i] === '-f' || args[i] === '--values') {
      const f = args[++i];
      if (f === undefined) return usage(err, `${args[i - 1]} needs a file.`);
      files.push(f);
    } else if (args[i]!.startsWith('-')) return usage(err, `Unknown option ${args[i]}.`);
    else files.push(args[i]!);
  }
  if (files.length === 0) return usage(err, 'check needs a VALUES.yaml file.');
  const trees: unknown[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      err(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'}).\n`);
      return 2;
    }
    try {
      trees.push(readValuesFile(text).values);
    } catch (e) {
      if (!(e instanceof ValuesFileError)) throw e;
      err(`${file}: ${e.message}\n`); // names the line, never quotes the file
      return 2;
    }
  }
  const user = trees.reduce<Tree>((a, t) => (isMap(t) ? (deepMerge(a, t) as Tree) : a), {});
  const judged = chartToCheck(user, chart);
  err(`checked against chart ${judged.version} (${judged.why})\n`);
  const findings = checkValues(trees, { inspectCertificate, chart: judged.version });
  for (const f of findings) err(`${f.path}: ${f.message}\n`);
  err(
    findings.length === 0
      ? 'no problems found\n'
      : `${findings.length} problem${findings.length === 1 ? '' : 's'}\n`,
  );
  return findings.length === 0 ? 0 : 2;
}

function usage(err: (s: string) => void, message: string): number {
  err(`${message}\n${CHECK_USAGE}\n`);
  return 2;
}
