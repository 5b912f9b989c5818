// `npm run mutate [-- MODULE|FILE ...] [--incremental]`: StrykerJS over the pure cores, one
// module per Stryker run (lib/answers, lib/values, lib/pem, and lib/status / helm argv / the
// install reducer once they exist). Prints the score per module and records it in
// bench/mutation.json + bench/mutation.md. A measurement, like the benchmarks: not in npm test.
//   npm run mutate                      every module present
//   npm run mutate -- lib/pem           one module
//   npm run mutate -- lib/pem/report.ts FILE... some files of a module (recorded as a part of it)
//   --incremental                       reuse results of unchanged code and tests (while iterating)
//   --fast                              only the quick exact tests (a lower bound; for a busy machine)
//   --record-only                       re-classify the recorded survivors, rewrite bench/mutation.md
//   --static                            also run static mutants (code run at import: the zod field
//                                       schemas); each reloads every related test file, ~1.5 h for
//                                       lib/answers on 2 cores, so by default they are ignored
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSupportedNode } from '../lib/node-runtime.mjs';
import { ensureNodeModules } from '../lib/setup.mjs';
import { MODULES, moduleFiles, moduleOf } from './modules.mjs';
import { summarise } from './summary.mjs';
import { record } from './record.mjs';

// First: StrykerJS 10 needs Node 22; on an older Node this re-runs under the pinned build.
await ensureSupportedNode();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// --record-only: no measurement; match the recorded survivors against equivalent.json / left.json
// again and rewrite bench/mutation.md (after reviewing survivors).
if (process.argv.includes('--record-only')) {
  record(root, null);
  console.log('bench/mutation.json and bench/mutation.md rewritten from the recorded results.');
  process.exit(0);
}
ensureNodeModules(); // a fresh clone: StrykerJS is a dev dependency
const args = process.argv.slice(2);
const withStatic = args.includes('--static');
// --fast: only the exact, quick tests (no property suites, no generated-artefact checks): a lower
// bound of the score, for a machine too busy for the full suite per mutant.
const fast = args.includes('--fast');
const flags = args.filter((a) => a.startsWith('--') && a !== '--static' && a !== '--fast');
const FAST_TESTS = 'lib/**/!(roundtrip|key-paths|shape).test.ts';
const targets = args.filter((a) => !a.startsWith('--')).map((a) => a.replace(/\/+$/, ''));

function plan() {
  if (targets.length === 0) {
    return MODULES.map((m) => ({ name: m.name, files: moduleFiles(root, m) })).filter(
      (p) => p.files.length > 0,
    );
  }
  const out = [];
  const parts = new Map(); // module -> files named one by one: one run, recorded as a part of the module
  for (const t of targets) {
    const byName = MODULES.find((m) => m.name === t || m.dir === t);
    if (byName) {
      const files = moduleFiles(root, byName);
      if (files.length === 0)
        throw new Error(`${t}: the module has no source files in this checkout.`);
      out.push({ name: byName.name, files });
    } else if (existsSync(path.join(root, t)) && t.endsWith('.ts')) {
      const m = moduleOf(t)?.name ?? path.dirname(t);
      parts.set(m, [...(parts.get(m) ?? []), t]);
    } else
      throw new Error(
        `${t}: not a module (${MODULES.map((m) => m.dir).join(', ')}) nor a .ts file.`,
      );
  }
  for (const [m, files] of parts)
    out.push({ name: `${m} (part: ${files.map((f) => path.basename(f)).join(', ')})`, files });
  return out;
}

const slug = (name) => name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

// A few tests read the vendor's reference values file from the directory beside the repository
// (docs/development.md says where it comes from); a sandbox lives two levels deeper (<tempDir>/sandbox-*), so the same relative path must resolve there too.
function linkShared(tmp) {
  const shared = path.resolve(root, '..', 'shared');
  mkdirSync(tmp, { recursive: true });
  const link = path.join(tmp, 'shared');
  if (existsSync(shared) && !existsSync(link)) {
    try {
      lstatSync(link);
      rmSync(link);
    } catch {
      /* no dangling link */
    }
    symlinkSync(shared, link);
  }
}

// Each run gets its own temp dir, reports and incremental file (a config that extends the shared
// one), so two modules can be measured side by side without overwriting each other.
function runConfig(name) {
  const dir = path.join(root, 'reports', 'mutation', slug(name));
  mkdirSync(dir, { recursive: true });
  const rel = (f) => path.relative(root, path.join(dir, f)).split(path.sep).join('/');
  const file = path.join(dir, 'stryker.config.mjs');
  writeFileSync(
    file,
    `import base from '../../../stryker.config.mjs';
export default {
  ...base,
  tempDirName: '.stryker-tmp-${slug(name)}',
  jsonReporter: { fileName: '${rel('mutation.json')}' },
  htmlReporter: { fileName: '${rel('mutation.html')}' },
  incrementalFile: '${rel('incremental.json')}',
};
`,
  );
  return {
    config: path.relative(root, file),
    tmp: path.join(root, `.stryker-tmp-${slug(name)}`),
    report: path.join(dir, 'mutation.json'),
  };
}

function stryker(files, config) {
  const bin = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
  const argv = [
    bin,
    'run',
    config,
    '--mutate',
    files.join(','),
    ...(withStatic ? [] : ['--ignoreStatic']),
    ...(fast ? ['--testFiles', FAST_TESTS] : []),
    ...flags,
  ];
  // Lowest priority: the machine is shared, and a measurement must not starve builds or tests.
  const nice = process.platform !== 'win32' && spawnSync('nice', ['-n', '0', 'true']).status === 0;
  const [cmd, full] = nice
    ? ['nice', ['-n', '19', process.execPath, ...argv]]
    : [process.execPath, argv];
  const started = Date.now();
  const r = spawnSync(cmd, full, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  return { status: r.status ?? 1, seconds: Math.round((Date.now() - started) / 1000) };
}

const machine = {
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model?.trim() ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  stryker: JSON.parse(
    readFileSync(
      path.join(root, 'node_modules', '@stryker-mutator', 'core', 'package.json'),
      'utf8',
    ),
  ).version,
};

const rows = [];
let failed = false;
for (const p of plan()) {
  if (fast) p.name += ' [fast tests only]';
  const cfg = runConfig(p.name);
  linkShared(cfg.tmp);
  console.log(`\n=== mutate ${p.name}: ${p.files.length} file(s) ===`);
  rmSync(cfg.report, { force: true });
  const run = stryker(p.files, cfg.config);
  const report = cfg.report;
  if (run.status !== 0 || !existsSync(report)) {
    console.error(`Stryker failed for ${p.name} (exit ${run.status}).`);
    failed = true;
    continue;
  }
  const s = summarise(JSON.parse(readFileSync(report, 'utf8')), p.files, root);
  rows.push({ name: p.name, ...s });
  if (!flags.includes('--dry-run-only')) {
    record(root, {
      name: p.name,
      date: new Date().toISOString(),
      seconds: run.seconds,
      machine,
      staticMutants: withStatic ? 'run' : 'ignored',
      ...s,
    });
  }
}

console.log(
  `\nmodule | mutants | killed | timeout | survived | no coverage | static (${withStatic ? 'run' : 'ignored'}) | score | without listed equivalents`,
);
for (const r of rows) {
  console.log(
    `${r.name} | ${r.total} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.ignored} | ${r.score.toFixed(1)} % | ${r.scoreWithoutEquivalents.toFixed(1)} %`,
  );
}
if (rows.some((r) => r.score < 85))
  console.log('(below 85 %: see bench/mutation.md for the survivors)');
process.exit(failed ? 1 : 0);
