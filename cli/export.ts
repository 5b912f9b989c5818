/**
 * `npm run --silent cli -- export --answers F --for argocd|flux …`: the GitOps export of a plan
 * (docs/gitops.md) written into --out-dir (every file 0600, a new directory 0700). The files are
 * made by lib/gitops; a refused answer or a missing option exits 2 with `field: what to do`, and
 * no message carries a value of the plan.
 */
import { exportGitops, type ExportOptions, type ExternalStore } from '../lib/gitops';
import { STORE_NAME } from '../lib/gitops/options';
import { RequestProblems } from '../lib/target';
import { parseFlagsAsProblems } from './flags';
import { OutDirError, writeOutFiles } from './out-dir';

export const EXPORT_USAGE = `  export --answers FILE --for argocd|flux [--values inline|repo] [--repo-url URL] [--path P]
         [--secrets secret-manifest|external-secrets|sops]
         [--store NAME --store-kind SecretStore|ClusterSecretStore --key-prefix P] --out-dir DIR [--force]
                                     the GitOps export; secret files are named in its README.md`;

const VALUE_FLAGS = new Set([
  '--answers',
  '--for',
  '--values',
  '--repo-url',
  '--path',
  '--secrets',
  '--store',
  '--store-kind',
  '--key-prefix',
  '--out-dir',
]);

function oneOf<T extends string>(
  flag: string,
  v: string | undefined,
  allowed: readonly T[],
  dflt?: T,
): T {
  if (v === undefined && dflt !== undefined) return dflt;
  if (v !== undefined && (allowed as readonly string[]).includes(v)) return v as T;
  throw new RequestProblems([{ path: flag, message: `use one of ${allowed.join(', ')}.` }]);
}

function storeOf(flags: Map<string, string>): ExternalStore | undefined {
  const name = flags.get('--store');
  if (name === undefined) return undefined;
  if (!STORE_NAME.test(name))
    throw new RequestProblems([
      {
        path: '--store',
        message: 'name the store as Kubernetes names it (lowercase, digits, - and .).',
      },
    ]);
  const kind = oneOf(
    '--store-kind',
    flags.get('--store-kind'),
    ['SecretStore', 'ClusterSecretStore'] as const,
    'SecretStore',
  );
  return { name, kind, keyPrefix: flags.get('--key-prefix') ?? '' };
}

/** The options the flags give (throws RequestProblems naming the flag). */
export function exportOptions(flags: Map<string, string>): ExportOptions {
  return {
    for: oneOf('--for', flags.get('--for'), ['argocd', 'flux'] as const),
    values: oneOf('--values', flags.get('--values'), ['inline', 'repo'] as const, 'inline'),
    secrets: oneOf(
      '--secrets',
      flags.get('--secrets'),
      ['secret-manifest', 'external-secrets', 'sops'] as const,
      'secret-manifest',
    ),
    externalStore: storeOf(flags),
    repoUrl: flags.get('--repo-url'),
    path: flags.get('--path'),
  };
}

/**
 * Runs the command (argv after `cli --`, `export` first); `load` reads and validates the answers
 * file (cli/main.ts's loadAnswers). Resolves to the exit code.
 */
export function runExport(
  argv: string[],
  load: (file: string) => Parameters<typeof exportGitops>[0],
  err: (s: string) => void = (s) => process.stderr.write(s),
): number {
  try {
    const flags = parseFlagsAsProblems(argv, { value: VALUE_FLAGS, bool: new Set(['--force']) });
    const file = flags.get('--answers');
    const dir = flags.get('--out-dir');
    const missing = [
      ...(file ? [] : [{ path: '--answers', message: 'needs the answers file (JSON or YAML).' }]),
      ...(dir
        ? []
        : [{ path: '--out-dir', message: 'needs the directory to write the export into.' }]),
    ];
    if (missing.length) throw new RequestProblems(missing);
    const opts = exportOptions(flags);
    const out = exportGitops(load(file!), opts);
    if (out.refusals.length) {
      err('The export is refused; nothing was written:\n');
      throw new RequestProblems(out.refusals);
    }
    const files = out.files.map((f) => ({ name: f.path, content: f.content }));
    for (const line of writeOutFiles(dir!, files, flags.has('--force'))) err(`${line}\n`);
    const secret = out.files.filter((f) => f.secret).map((f) => f.path);
    if (secret.length)
      err(
        `${secret.join(', ')}: secret values in the clear, ${opts.secrets === 'sops' ? 'encrypt with sops before committing' : 'keep out of git'} (README.md says how)\n`,
      );
    return 0;
  } catch (e) {
    if (e instanceof RequestProblems) {
      for (const p of e.problems) err(`${p.path}: ${p.message}\n`);
      return 2;
    }
    if (e instanceof OutDirError) {
      err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
