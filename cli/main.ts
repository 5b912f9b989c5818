/**
 * Headless entry: `npm run --silent cli -- <command>`. Stdout carries only the document; every
 * message goes to stderr. Bad input exits 2 and prints every problem as `path: message`.
 */
import { readFileSync } from 'node:fs';
import { OutDirError, writeOutFiles } from './out-dir';
import { readStructuredFile, readTextFile } from './read-file';
import { RequestProblems } from '../lib/target';
import { completeAnswers, validateAnswers, warningsFor, type Answers } from '../lib/answers';
import { ImportError, importYaml, renderYaml } from '../lib/values';
import { valuesJsonSchema } from '../lib/values/values-schema';
import { inspectCertificate, inspectCaCertificate } from '../lib/pem/inspect';
import { CHECK_USAGE, runCheck } from './check';
import { INSTALL_COMMANDS, INSTALL_USAGE } from './install';
import { PREFLIGHT_USAGE } from './preflight';
import { SUPPORT_BUNDLE_USAGE } from './support-bundle';
import { IMAGES_USAGE, imagesOutput } from './images';
import { UPGRADE_PLAN_USAGE } from './upgrade-plan';
import { BACKUP_USAGE } from './backup';
import { UPGRADE_USAGE } from './upgrade';
import { EXPORT_USAGE, runExport } from './export';

const USAGE = `Usage: npm run --silent cli -- <command>
  render --answers FILE(.json|.yaml) [--out-dir DIR [--force]] [--full] [--split-secrets]
                                     files 0600, a new DIR 0700; --force replaces existing files
  import VALUES.yaml                 prints the answers as JSON
  validate --answers FILE            checks every rule; exit 2 with path: message lines
  schema                             prints values.schema.json
${IMAGES_USAGE}
${CHECK_USAGE}
${INSTALL_USAGE}
${PREFLIGHT_USAGE}
${SUPPORT_BUNDLE_USAGE}
${UPGRADE_PLAN_USAGE}
${UPGRADE_USAGE}
${BACKUP_USAGE}
${EXPORT_USAGE}`;

class UsageError extends Error {}
class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

type Flags = { positional: string[]; opts: Map<string, string | true> };
const VALUE_FLAGS = new Set(['--answers', '--out-dir', '--manifests', '--mirror']);

function parseArgs(argv: string[]): Flags {
  const positional: string[] = [];
  const opts = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) positional.push(a);
    else if (VALUE_FLAGS.has(a)) {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value.`);
      opts.set(a, v);
    } else if (a === '--full' || a === '--split-secrets' || a === '--force') opts.set(a, true);
    else throw new UsageError(`Unknown option ${a}.`);
  }
  return { positional, opts };
}

/** Reads an answers file (JSON or YAML), completes it with the defaults and validates it. */
export function loadAnswers(file: string): Answers {
  const raw = readStructuredFile(file);
  const parsed = validateAnswers(completeAnswers(raw), {
    inspectCertificate,
    inspectCaCertificate,
  });
  if (!parsed.success) {
    throw new InputError(parsed.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`));
  }
  return parsed.data;
}

function render(f: Flags): void {
  const file = f.opts.get('--answers');
  if (typeof file !== 'string') throw new UsageError('render needs --answers FILE.');
  const answers = loadAnswers(file);
  const out = renderYaml(answers, {
    full: f.opts.has('--full'),
    splitSecrets: f.opts.has('--split-secrets'),
  });
  const dir = f.opts.get('--out-dir');
  if (typeof dir !== 'string') {
    process.stdout.write(out.values);
    if (out.secrets !== null)
      process.stderr.write('Secrets are split off: use --out-dir to write secrets.yaml.\n');
    return;
  }
  const files = [
    { name: 'values.yaml', content: out.values },
    ...(out.secrets !== null ? [{ name: 'secrets.yaml', content: out.secrets }] : []),
  ];
  for (const line of writeOutFiles(dir, files, f.opts.has('--force')))
    process.stderr.write(`${line}\n`);
  if (out.secrets !== null) process.stderr.write('keep secrets.yaml out of version control\n');
}

function importCmd(f: Flags): void {
  const file = f.positional[1];
  if (!file) throw new UsageError('import needs a VALUES.yaml file.');
  let result;
  try {
    result = importYaml(readTextFile(file));
  } catch (e) {
    if (e instanceof ImportError) throw new InputError([`${file}: ${e.message}`]);
    throw e;
  }
  for (const n of result.notes) process.stderr.write(`note: ${n.path}: ${n.message}\n`);
  if (result.kept.length > 0)
    process.stderr.write(`kept as is: ${result.kept.length} key(s) the wizard does not model\n`);
  for (const u of result.unknown)
    process.stderr.write(
      `unknown key: ${u.path.join('.')}: chart 3.9.4 has no such key, Helm ignores it${u.suggestion ? ` (did you mean ${u.suggestion}?)` : ''}\n`,
    );
  process.stdout.write(`${JSON.stringify(result.answers, null, 2)}\n`);
}

function validate(f: Flags): void {
  const file = f.opts.get('--answers');
  if (typeof file !== 'string') throw new UsageError('validate needs --answers FILE.');
  const answers = loadAnswers(file);
  for (const w of warningsFor(answers))
    process.stderr.write(`warning: ${w.path.join('.')}: ${w.message}\n`);
  process.stderr.write('valid\n');
}

/** Runs one command; returns the exit code (0 ok, 2 bad input or usage). */
function images(f: Flags): number {
  const file = f.opts.get('--answers');
  if (typeof file !== 'string') throw new UsageError('images needs --answers FILE.');
  const answers = loadAnswers(file);
  const m = f.opts.get('--manifests');
  const manifests =
    typeof m === 'string' ? (m === '-' ? readFileSync(0, 'utf8') : readTextFile(m)) : undefined;
  let out;
  try {
    out = imagesOutput(answers, {
      manifests,
      mirror: f.opts.get('--mirror') as string | undefined,
    });
  } catch (e) {
    throw new InputError([`${m}: ${(e as Error).message}`]);
  }
  for (const l of out.stderr) process.stderr.write(`${l}\n`);
  if (out.stdout.length) process.stdout.write(`${out.stdout.join('\n')}\n`);
  return out.code;
}

export function main(argv: string[]): number {
  try {
    if (argv[0] === 'export') return runExport(argv, loadAnswers);
    const f = parseArgs(argv);
    const cmd = f.positional[0];
    if (cmd === 'images') return images(f);
    if (cmd === 'render') render(f);
    else if (cmd === 'import') importCmd(f);
    else if (cmd === 'validate') validate(f);
    else if (cmd === 'check') return runCheck(argv.slice(argv.indexOf('check') + 1));
    else if (cmd === 'schema')
      process.stdout.write(`${JSON.stringify(valuesJsonSchema(), null, 2)}\n`);
    else throw new UsageError(cmd ? `Unknown command "${cmd}".` : 'No command given.');
    return 0;
  } catch (e) {
    if (e instanceof OutDirError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      for (const p of e.problems) process.stderr.write(`${p}\n`);
      return 2;
    }
    if (e instanceof RequestProblems) {
      for (const p of e.problems) process.stderr.write(`${p.path}: ${p.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && /cli\.(ts|js|mjs|cjs)$/.test(process.argv[1])) {
  const argv = process.argv.slice(2);
  if (INSTALL_COMMANDS.has(argv[0] ?? ''))
    void import('./install').then((m) => m.runInstallCommand(argv)).then((c) => process.exit(c));
  else if (argv[0] === 'support-bundle')
    void import('./support-bundle')
      .then((m) => m.runSupportBundleCommand(argv))
      .then((c) => process.exit(c));
  else if (argv[0] === 'upgrade-plan')
    void import('./upgrade-plan').then((m) => m.runUpgradePlan(argv)).then((c) => process.exit(c));
  else if (argv[0] === 'upgrade')
    void import('./upgrade').then((m) => m.runUpgradeCommand(argv)).then((c) => process.exit(c));
  else if (argv[0] === 'backup' || argv[0] === 'restore')
    void import('./backup').then((m) => m.runBackupCommand(argv)).then((c) => process.exit(c));
  else if (argv[0] === 'preflight')
    void import('./preflight')
      .then((m) => m.runPreflightCommand(argv))
      .then((c) => process.exit(c));
  else process.exitCode = main(argv);
}
