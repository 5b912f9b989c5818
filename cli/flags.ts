/**
 * The one flag parser of the cluster commands (install, status, rollback, uninstall,
 * secrets-manifest, preflight, support-bundle) (PURE): `--flag value` for value flags, `--flag`
 * alone for boolean ones; argv[0] is the command. Each command words the error its own way.
 */
import { RequestProblems } from '../lib/target';

export class FlagError extends Error {
  constructor(
    readonly flag: string,
    readonly problem: 'needs-value' | 'unknown',
  ) {
    super(problem === 'needs-value' ? `${flag} needs a value.` : `Unknown option ${flag}.`);
    this.name = 'FlagError';
  }
}

/** Flag → value ('true' for a boolean flag); throws FlagError for an unknown flag or a missing value. */
export function parseFlags(
  argv: readonly string[],
  spec: { value: ReadonlySet<string>; bool?: ReadonlySet<string> },
): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (spec.bool?.has(a)) m.set(a, 'true');
    else if (spec.value.has(a)) {
      const v = argv[++i];
      if (v === undefined) throw new FlagError(a, 'needs-value');
      m.set(a, v);
    } else throw new FlagError(a, 'unknown');
  }
  return m;
}

/**
 * parseFlags for the commands that report bad input as field problems (`--flag: needs a value.`,
 * exit 2): a FlagError becomes RequestProblems naming the flag.
 */
export function parseFlagsAsProblems(
  argv: readonly string[],
  spec: { value: ReadonlySet<string>; bool?: ReadonlySet<string> },
): Map<string, string> {
  try {
    return parseFlags(argv, spec);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    throw new RequestProblems([
      { path: e.flag, message: e.problem === 'needs-value' ? 'needs a value.' : 'unknown option.' },
    ]);
  }
}
