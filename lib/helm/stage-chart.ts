import 'server-only';
/**
 * A chart the admin gives as a directory or a .tgz is read the way the admin would read it, not
 * the way helm would: it is copied into the job's private directory and helm gets the copy. A link
 * that leaves the chart (to /etc/shadow, to another user's files) refuses the chart instead of
 * being followed — helm follows links in a chart directory, and a template's `.Files.Get` then
 * put the file's text into the job log (docs/security.md). The copy also means helm reads exactly
 * what was checked, even if the directory changes meanwhile.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/** What a local chart may hold: well above any real chart (the vendor's is ~300 KB, 60 files). */
export const CHART_LIMITS = { maxBytes: 64 * 1024 * 1024, maxFiles: 5_000, maxDepth: 32 };

/** The chart was refused; the message names the entry (inside the chart) and says what to do. */
export class ChartSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartSourceError';
  }
}

/** Reads a regular file without following a link at its own name; at most `limit` bytes. */
function readRegular(file: string, limit: number): Buffer {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ChartSourceError(`${file} is not a regular file.`);
    if (st.size > limit) throw new ChartSourceError(`The chart is larger than ${limit} bytes.`);
    const buf = Buffer.alloc(st.size);
    let read = 0;
    while (read < st.size) {
      const n = readSync(fd, buf, read, st.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

type Budget = { bytes: number; files: number };

function take(budget: Budget, bytes: number): void {
  budget.files++;
  budget.bytes += bytes;
  if (budget.files > CHART_LIMITS.maxFiles)
    throw new ChartSourceError(`The chart has more than ${CHART_LIMITS.maxFiles} files.`);
  if (budget.bytes > CHART_LIMITS.maxBytes)
    throw new ChartSourceError(`The chart is larger than ${CHART_LIMITS.maxBytes} bytes.`);
}

/** A link's target when it stays inside `root` and is a regular file; else a refusal. */
function linkedFile(link: string, root: string, shown: string): string {
  let target: string;
  try {
    target = realpathSync(link);
  } catch {
    throw new ChartSourceError(`${shown} in the chart is a link to nothing: remove it.`);
  }
  if (target !== root && !target.startsWith(`${root}${path.sep}`))
    throw new ChartSourceError(
      `${shown} in the chart is a link that leaves the chart: the wizard does not read files outside it. Replace the link by the file itself.`,
    );
  if (!statSync(target).isFile())
    throw new ChartSourceError(`${shown} in the chart links to a directory: copy it instead.`);
  return target;
}

function copyTree(src: string, dest: string, root: string, depth: number, budget: Budget): void {
  if (depth > CHART_LIMITS.maxDepth)
    throw new ChartSourceError(`The chart nests deeper than ${CHART_LIMITS.maxDepth} directories.`);
  mkdirSync(dest, { mode: 0o700 });
  for (const name of readdirSync(src)) {
    const from = path.join(src, name);
    const to = path.join(dest, name);
    const shown = path.relative(root, from);
    const st = lstatSync(from);
    if (st.isDirectory()) copyTree(from, to, root, depth + 1, budget);
    else if (st.isFile() || st.isSymbolicLink()) {
      const file = st.isFile() ? from : linkedFile(from, root, shown);
      const data = readRegular(file, CHART_LIMITS.maxBytes);
      take(budget, data.length);
      writeFileSync(to, data, { mode: 0o600, flag: 'wx' });
    } else throw new ChartSourceError(`${shown} in the chart is not a file or a directory.`);
  }
}

/**
 * Copies the chart at `source` (a directory with Chart.yaml, or a .tgz) into `intoDir` and returns
 * the copy's path for helm. Throws ChartSourceError when the chart reaches outside itself, is a
 * link itself, holds something that is not a file or directory, or is larger than CHART_LIMITS.
 */
export function stageChart(source: string, intoDir: string): string {
  const st = lstatSync(source);
  if (st.isSymbolicLink())
    throw new ChartSourceError(
      'The chart path is a link: give the chart directory or .tgz file itself.',
    );
  if (st.isFile()) {
    const data = readRegular(source, CHART_LIMITS.maxBytes);
    const to = path.join(intoDir, 'chart.tgz');
    writeFileSync(to, data, { mode: 0o600, flag: 'wx' });
    return to;
  }
  if (!st.isDirectory()) throw new ChartSourceError('The chart path is not a directory or a file.');
  const to = path.join(intoDir, 'chart');
  copyTree(source, to, realpathSync(source), 0, { bytes: 0, files: 0 });
  return to;
}
