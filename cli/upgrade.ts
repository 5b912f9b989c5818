/**
 * `npm run --silent cli -- upgrade --release R --namespace N --to 3.50.0`: the guided upgrade of
 * a running 3.9.4 release to chart 3.50, the same job as the plan page's Upgrade
 * (docs/upgrade.md, "Running the upgrade"), each step printed as it happens. Exit 0 when every
 * workload is ready and what was recorded survived, 1 when the job refused or failed (nothing is
 * changed by a refusal), 2 for bad input, 130 when interrupted. Run it again after a failure or
 * an interruption: it continues where it stopped.
 */
import { RequestProblems } from '../lib/target';
import { OWN_BACKUP_PHRASE } from '../lib/upgrade/run';
import { chartFromFlag, follow } from './install';
import { parseFlagsAsProblems } from './flags';

export const UPGRADE_USAGE = `  upgrade --release R --namespace N --to 3.50.0 [--chart REF|bundled] [--context C] [--timeout S]
          [--i-have-my-own-backup]   the guided 3.9.4 → 3.50 upgrade: backup gate, queue, internal TLS, helm upgrade, what survived
                                     (without a backup taken by cli backup or the plan page, --i-have-my-own-backup says "${OWN_BACKUP_PHRASE}")`;

/** The request `cli upgrade` makes of its flags; throws RequestProblems. */
export function upgradeRequest(argv: string[]) {
  const f = parseFlagsAsProblems(argv, {
    value: new Set(['--release', '--namespace', '--context', '--to', '--chart', '--timeout']),
    bool: new Set(['--i-have-my-own-backup']),
  });
  const missing = ['--release', '--namespace', '--to'].filter((k) => !f.has(k));
  if (missing.length)
    throw new RequestProblems(missing.map((path) => ({ path, message: 'is required.' })));
  if (f.get('--to') !== '3.50.0')
    throw new RequestProblems([
      { path: '--to', message: 'The guided upgrade goes from chart 3.9.4 to 3.50.0 only.' },
    ]);
  const timeout = f.has('--timeout') ? Number(f.get('--timeout')) : undefined;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 30 || timeout > 3600))
    throw new RequestProblems([
      { path: '--timeout', message: 'Give whole seconds from 30 to 3600.' },
    ]);
  const chart = chartFromFlag(f.get('--chart'), undefined);
  return {
    release: f.get('--release')!,
    namespace: f.get('--namespace')!,
    ...(f.has('--context') ? { context: f.get('--context')! } : {}),
    ...(chart ? { chart } : {}),
    ...(f.has('--i-have-my-own-backup') ? { ownBackup: OWN_BACKUP_PHRASE } : {}),
    ...(timeout ? { timeoutSeconds: timeout } : {}),
  };
}

/** Runs `cli upgrade` (argv after `cli --`); resolves with the exit code. */
export async function runUpgradeCommand(
  argv: string[],
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  try {
    const req = upgradeRequest(argv);
    // loaded here: the cluster client and helm only when the command runs
    const { startUpgrade } = await import('../lib/install/upgrade-job');
    const { job, joined } = await startUpgrade(req);
    if (joined) err(`An upgrade of ${req.release} is already running: following it.\n`);
    return await follow(job);
  } catch (e) {
    if (e instanceof RequestProblems) {
      err(`${[...e.problems.map((p) => `${p.path}: ${p.message}`), UPGRADE_USAGE].join('\n')}\n`);
      return 2;
    }
    const x = e as Error & { problem?: { message: string; fix: string } };
    err(x.problem ? `${x.problem.message}\n${x.problem.fix}\n` : `upgrade failed: ${x.message}\n`);
    return x.name === 'HelmNotFoundError' || x.name === 'KubeconfigError' ? 2 : 1;
  }
}
