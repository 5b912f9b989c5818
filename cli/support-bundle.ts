/**
 * `npm run cli -- support-bundle [--context C] [--namespace N] [--release R] [--answers FILE]
 * [--budget S] --out FILE`: the support bundle (.tar.gz) of a release, written to a new 0600 file
 * (never over an existing one). Exit 0 when the bundle was written — also when parts of the cluster
 * could not be read (README.txt in the bundle says what, and each is printed to stderr) — 2 for
 * bad input or a refused --out.
 */
import { RequestProblems } from '../lib/target';
import { parseFlagsAsProblems } from './flags';
import { checkOutFile, OutDirError, writeExclusiveFile } from './out-dir';
import { readStructuredFile } from './read-file';

export const SUPPORT_BUNDLE_USAGE = `  support-bundle --out FILE.tar.gz [--context C] [--namespace N] [--release R] [--answers FILE] [--budget S]
                                     pods, events, logs, helm's record, preflight, README.txt; secrets redacted`;

const VALUE = new Set(['--out', '--context', '--namespace', '--release', '--answers', '--budget']);

/** Runs the command; resolves to the exit code. */
export async function runSupportBundleCommand(
  argv: string[],
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  try {
    const f = parseFlagsAsProblems(argv, { value: VALUE });
    const out = f.get('--out');
    if (!out)
      throw new RequestProblems([
        {
          path: '--out',
          message: 'support-bundle needs --out FILE (a new file; the bundle is a .tar.gz).',
        },
      ]);
    const budget = f.has('--budget') ? Number(f.get('--budget')) : undefined;
    if (budget !== undefined && (!Number.isInteger(budget) || budget < 5 || budget > 600))
      throw new RequestProblems([
        { path: '--budget', message: 'Give whole seconds from 5 to 600.' },
      ]);
    const answers = f.has('--answers') ? readStructuredFile(f.get('--answers')!) : undefined;
    // Refuse an existing --out before spending the budget (it is checked again, atomically, on write).
    checkOutFile(out);
    const { bundleFor } = await import('../lib/support/service');
    const bundle = await bundleFor(
      {
        ...(f.has('--context') ? { context: f.get('--context')! } : {}),
        ...(f.has('--namespace') ? { namespace: f.get('--namespace')! } : {}),
        ...(f.has('--release') ? { release: f.get('--release')! } : {}),
        ...(answers !== undefined ? { answers } : {}),
      },
      budget ? { limits: { budgetMs: budget * 1000 } } : {},
    );
    err.write(`${writeExclusiveFile(out, bundle.bytes)}: ${bundle.files.length} files\n`);
    for (const line of bundle.failures) err.write(`not collected: ${line}\n`);
    return 0;
  } catch (e) {
    if (e instanceof OutDirError) {
      err.write(`${e.message}\n`);
      return 2;
    }
    if (e instanceof RequestProblems) {
      for (const p of e.problems) err.write(`${p.path}: ${p.message}\n`);
      return 2;
    }
    throw e;
  }
}
