/**
 * `npm run --silent cli -- backup` and `restore`: the in-chart MySQL of a release dumped through
 * the Kubernetes API's exec into a gzip file (with a manifest beside it), and put back from one
 * (docs/upgrade.md, "Backup and restore of the database"). The password stays in the pod; the
 * file holds the database, so it is written 0600.
 */
import { RequestProblems, resolveTarget, type Target } from '../lib/target';
import type { BackupManifest } from '../lib/upgrade/backup/manifest';
import { BackupError, backupDatabase, restoreDatabase } from '../lib/install/backup/service';
import { apiPodExecDeps } from '../lib/install/backup/deps';
import { recordBackup } from '../lib/install/upgrade-state';
import { parseFlagsAsProblems } from './flags';

export const BACKUP_USAGE = `  backup --release R --namespace N --out FILE [--context C] [--force]
                                     mysqldump of the release's in-chart MySQL through the API's exec into FILE (gzip, 0600) and FILE.manifest.json
  restore --release R --namespace N --from FILE --yes-restore [--context C]
                                     drops the release's database and puts FILE's back (checked against FILE.manifest.json when present)`;

type Flags = Map<string, string>;
const TARGET_FLAGS = ['--release', '--namespace', '--context'];

const deps = apiPodExecDeps;

/** --release and --namespace are required here: a backup names its database on purpose. */
function target(flags: Flags, file: '--out' | '--from'): Target {
  const missing = ['--release', '--namespace', file].filter((f) => !flags.has(f));
  if (missing.length)
    throw new RequestProblems(missing.map((path) => ({ path, message: 'is required.' })));
  const t = resolveTarget({
    release: flags.get('--release')!,
    namespace: flags.get('--namespace')!,
    ...(flags.has('--context') ? { context: flags.get('--context')! } : {}),
  });
  return t;
}

/** The backup's summary: no value of the database. */
export function backupText(m: BackupManifest, out: string): string {
  return [
    `Backed up database ${m.database} of release ${m.release} in ${m.namespace} (pod ${m.pod}):`,
    `  ${out}: ${m.bytes} bytes gzip (${m.sqlBytes} bytes of SQL), ${m.tables} tables`,
    `  sha256 ${m.sha256}`,
    `  manifest ${out}.manifest.json`,
    'The file holds the whole database: keep it as safe as the database itself.',
  ].join('\n');
}

async function backup(argv: string[], say: (s: string) => void): Promise<number> {
  const flags = parseFlagsAsProblems(argv, {
    value: new Set([...TARGET_FLAGS, '--out']),
    bool: new Set(['--force']),
  });
  const t = target(flags, '--out');
  const file = flags.get('--out')!;
  const m = await backupDatabase(deps(t.context), {
    release: t.release,
    namespace: t.namespace,
    out: file,
    force: flags.has('--force'),
  });
  say(`${backupText(m, file)}\n`);
  // the upgrade's backup gate reads this record (its digest and size, never the content)
  try {
    const revision = await recordBackup(t, m, 'cli');
    say(`Recorded for the upgrade of ${t.release}: a backup of revision ${revision}.\n`);
  } catch (e) {
    say(
      `Not recorded for the upgrade (${e instanceof Error ? e.message : String(e)}): cli upgrade will ask for --i-have-my-own-backup.\n`,
    );
  }
  return 0;
}

async function restore(argv: string[], say: (s: string) => void): Promise<number> {
  const flags = parseFlagsAsProblems(argv, {
    value: new Set([...TARGET_FLAGS, '--from']),
    bool: new Set(['--yes-restore']),
  });
  const t = target(flags, '--from');
  if (!flags.has('--yes-restore'))
    throw new RequestProblems([
      {
        path: '--yes-restore',
        message: `is required: the restore drops release ${t.release}'s database in ${t.namespace} and replaces it with the file's.`,
      },
    ]);
  const from = flags.get('--from')!;
  const r = await restoreDatabase(deps(t.context), {
    release: t.release,
    namespace: t.namespace,
    from,
  });
  const checked = r.manifest
    ? `checked against its manifest (taken ${r.manifest.takenAt} from ${r.manifest.release} in ${r.manifest.namespace})`
    : 'no manifest beside it: its checksum was not checked';
  say(
    `Restored database ${r.database} of release ${t.release} in ${t.namespace} from ${from}: ${r.tables} tables, ${r.sqlBytes} bytes of SQL; sha256 ${r.sha256}, ${checked}.\n`,
  );
  return 0;
}

/**
 * Runs `backup` or `restore` (argv after `cli --`); resolves to the exit code. There is no
 * document to print: every line, the summary included, goes to stderr (docs/cli.md).
 */
export async function runBackupCommand(
  argv: string[],
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  try {
    return argv[0] === 'restore' ? await restore(argv, err) : await backup(argv, err);
  } catch (e) {
    if (e instanceof RequestProblems) {
      err(`${[...e.problems.map((p) => `${p.path}: ${p.message}`), BACKUP_USAGE].join('\n')}\n`);
      return 2;
    }
    if (e instanceof BackupError) {
      err(`${e.message}\n`);
      return 1;
    }
    const x = e as Error & { problem?: { message: string; fix: string } };
    if (x.name === 'KubeconfigError' && x.problem) {
      err(`${x.problem.message}\n${x.problem.fix}\n`);
      return 2;
    }
    err(`${argv[0]} failed: ${x.message}\n`);
    return 1;
  }
}
