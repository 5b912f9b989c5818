/**
 * `npm run cli -- install | status | rollback | uninstall | secrets-manifest`: the same jobs the
 * wizard's server runs, in the terminal. A progress line on a TTY, plain lines otherwise; exit 0
 * only when every expected workload is ready, 1 with the per-pod reasons otherwise, 2 for bad
 * input, 130 when interrupted (helm gets SIGTERM first).
 */
import { cancelJob, type JobRecord } from '../lib/install/registry';
import { VENDOR_CHART, type InstallRequest } from '../lib/install/request';
import { RequestProblems, resolveAnswers, resolveTarget } from '../lib/target';
import { requiredSecrets, secretsManifest } from '../lib/install/secrets-plan';
import { initialInstallState, reduceInstall } from '../lib/status/reducer';
import { INITIALISED_SECRETS_OVERRIDE } from '../lib/status/events';
import { eventLines, progressLine } from '../lib/status/event-text';
import { FlagError, parseFlags as parseSharedFlags } from './flags';
import { readStructuredFile } from './read-file';

export const INSTALL_COMMANDS = new Set([
  'install',
  'status',
  'rollback',
  'uninstall',
  'secrets-manifest',
]);

export const INSTALL_USAGE = `  install --answers FILE [--context C] [--namespace N] [--release R] [--chart REF] [--chart-version V] [--timeout S]
                                     [--secrets manifest|create --secret-values FILE]   install/upgrade and wait until every pod is ready
                                     [--override-initialised-secrets RELEASE]   upgrade even though new passwords would break the release
  status [--context C] [--namespace N] [--release R]     the live state of an installed release, until settled
  rollback [--revision N] [--context C] [--namespace N] [--release R]
  uninstall --yes [--context C] [--namespace N] [--release R]
  secrets-manifest --answers FILE [--namespace N] [--release R]   Secrets to create when they are kept outside the chart`;

const VALUE = new Set([
  '--answers',
  '--context',
  '--namespace',
  '--release',
  '--chart',
  '--chart-version',
  '--timeout',
  '--revision',
  '--secrets',
  '--secret-values',
  '--override-initialised-secrets',
]);
const BOOL = new Set(['--yes']);

class Usage extends Error {}

function parseFlags(argv: string[]): Map<string, string> {
  try {
    return parseSharedFlags(argv, { value: VALUE, bool: BOOL });
  } catch (e) {
    if (e instanceof FlagError) throw new Usage(e.message);
    throw e;
  }
}

/** --chart REF → the request's chart source: bundled, oci://…, a .tgz, or a directory. */
export function chartFromFlag(
  ref: string | undefined,
  version: string | undefined,
): InstallRequest['chart'] {
  // No --chart: Lightrun's published chart (the request's default), at --chart-version if given.
  if (ref === undefined) return version ? { source: 'oci', ref: VENDOR_CHART, version } : undefined;
  // The wizard's own test and demo chart, named explicitly.
  if (ref === 'bundled') return { source: 'bundled', ...(version ? { version } : {}) };
  const source = ref.startsWith('oci://') ? 'oci' : /\.(tgz|tar\.gz)$/.test(ref) ? 'tgz' : 'dir';
  return { source, ref, ...(version ? { version } : {}) };
}

function target(f: Map<string, string>) {
  return {
    ...(f.has('--context') ? { context: f.get('--context')! } : {}),
    ...(f.has('--namespace') ? { namespace: f.get('--namespace')! } : {}),
    ...(f.has('--release') ? { release: f.get('--release')! } : {}),
  };
}

/** Follows a job's log to the terminal; resolves with the exit code. */
export async function follow(job: JobRecord): Promise<number> {
  const tty = process.stdout.isTTY === true;
  let state = initialInstallState;
  let progress = '';
  const clear = () => {
    if (tty && progress) process.stdout.write('\r\x1b[K');
  };
  const draw = () => {
    if (!tty || state.done) return;
    progress = progressLine(state, Date.now());
    process.stdout.write(`\r\x1b[K${progress}`);
  };
  const timer = tty ? setInterval(draw, 1000) : undefined;
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    clear();
    process.stdout.write('Interrupted: stopping the job (helm gets SIGTERM)…\n');
    cancelJob(job.id);
  };
  process.once('SIGINT', onSigint);
  try {
    for await (const e of job.log.follow(0)) {
      const lines = eventLines(e, state);
      state = reduceInstall(state, e);
      if (lines.length) {
        clear();
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      draw();
    }
  } finally {
    if (timer) clearInterval(timer);
    process.removeListener('SIGINT', onSigint);
    clear();
  }
  const outcome = state.done?.outcome ?? (await job.done);
  if (outcome === 'failed') {
    const ctx = job.context ? ` --context ${job.context}` : '';
    process.stderr.write(
      `For Lightrun support, take a bundle (pods, events, logs, helm history; secrets redacted): npm run cli -- support-bundle${ctx} --namespace ${job.namespace} --release ${job.release} --answers FILE --out support-bundle.tar.gz\n`,
    );
  }
  return outcome === 'succeeded' ? 0 : interrupted || outcome === 'cancelled' ? 130 : 1;
}

async function dispatch(argv: string[]): Promise<number> {
  const cmd = argv[0]!;
  const f = parseFlags(argv);
  // Loaded here: `render`/`import` never pay for the cluster client.
  const service = await import('../lib/install/service');
  const actions = await import('../lib/install/release-actions');
  if (cmd === 'secrets-manifest') {
    const file = f.get('--answers');
    if (!file) throw new Usage('secrets-manifest needs --answers FILE.');
    const t = resolveTarget(target(f));
    const list = requiredSecrets(resolveAnswers(readStructuredFile(file)), t.release);
    if (!list.length)
      process.stderr.write(
        'The chart creates its Secrets (secrets.mode is "chart"): nothing to create.\n',
      );
    else process.stdout.write(secretsManifest(list, t.namespace));
    return 0;
  }
  if (cmd === 'install') {
    const file = f.get('--answers');
    if (!file) throw new Usage('install needs --answers FILE.');
    const timeout = f.has('--timeout') ? Number(f.get('--timeout')) : undefined;
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 30 || timeout > 3600))
      throw new RequestProblems([
        { path: '--timeout', message: 'Give whole seconds from 30 to 3600.' },
      ]);
    const mode = f.get('--secrets');
    if (mode !== undefined && mode !== 'manifest' && mode !== 'create')
      throw new Usage('--secrets is manifest or create.');
    const values = f.get('--secret-values');
    if (mode === 'create' && !values)
      throw new Usage('--secrets create needs --secret-values FILE (secret name → key → value).');
    const answers = readStructuredFile(file);
    // An upgrade that replaces initialised secrets is refused unless the release's name is typed here.
    const typed = f.get('--override-initialised-secrets');
    const release =
      f.get('--release') ??
      (answers as { release?: { name?: unknown } } | null)?.release?.name ??
      'lightrun';
    if (typed !== undefined && typed !== release)
      throw new Usage(
        `--override-initialised-secrets takes the release's name (${String(release)}), to say which release may break.`,
      );
    const req: InstallRequest = {
      ...target(f),
      answers,
      ...(typed !== undefined ? { overrides: [INITIALISED_SECRETS_OVERRIDE] } : {}),
      chart: chartFromFlag(f.get('--chart'), f.get('--chart-version')),
      ...(timeout ? { timeoutSeconds: timeout } : {}),
      ...(mode === 'create'
        ? {
            secrets: {
              mode: 'create',
              values: readStructuredFile(values!) as Record<string, Record<string, string>>,
            },
          }
        : mode === 'manifest'
          ? { secrets: { mode: 'manifest' } }
          : {}),
    };
    const { job } = await service.startInstall(req);
    return follow(job);
  }
  if (cmd === 'status') return follow((await actions.adoptRelease(target(f))).job);
  if (cmd === 'rollback') {
    const rev = f.has('--revision') ? Number(f.get('--revision')) : undefined;
    if (rev !== undefined && (!Number.isInteger(rev) || rev < 1))
      throw new RequestProblems([
        { path: '--revision', message: 'Give a revision number (see helm history).' },
      ]);
    return follow(
      (await actions.rollbackRelease({ ...target(f), ...(rev ? { revision: rev } : {}) })).job,
    );
  }
  if (!f.has('--yes')) throw new Usage('uninstall deletes the release: add --yes to confirm.');
  return follow((await actions.uninstallRelease(target(f))).job);
}

/** Runs one install-family command; resolves with the exit code. */
export async function runInstallCommand(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (e) {
    if (e instanceof Usage) {
      process.stderr.write(`${e.message}\n${INSTALL_USAGE}\n`);
      return 2;
    }
    if (e instanceof RequestProblems) {
      for (const p of e.problems) process.stderr.write(`${p.path}: ${p.message}\n`);
      return 2;
    }
    const err = e as Error & { problem?: { message: string; fix: string } };
    process.stderr.write(
      err.problem ? `${err.problem.message}\n${err.problem.fix}\n` : `${err.message}\n`,
    );
    return err.name === 'HelmNotFoundError' || err.name === 'KubeconfigError' ? 2 : 1;
  }
}
