// The pure cores `npm run mutate` measures. A module whose directory (or file) is not in this
// checkout yet is skipped, so the list can name modules that land on other branches.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const MODULES = [
  { name: 'lib/answers', dir: 'lib/answers' },
  { name: 'lib/values', dir: 'lib/values' },
  { name: 'lib/pem', dir: 'lib/pem' },
  { name: 'lib/images', dir: 'lib/images' },
  { name: 'lib/status', dir: 'lib/status' },
  // the 3.9.4 → 3.50 translation, what must stay, what is one-way, the plan (docs/upgrade.md)
  { name: 'lib/upgrade', dir: 'lib/upgrade' },
  // the GitOps export (docs/gitops.md)
  { name: 'lib/gitops', dir: 'lib/gitops' },
  // argv building, the name checks before anything reaches helm, and the redaction of its output
  // (the install reducer, reduceInstall, is lib/status/reducer.ts: measured with lib/status)
  { name: 'lib/helm (argv)', dir: 'lib/helm', match: /(^|[-/])(args|names|redact)\.ts$/ },
  // the pure halves of the cluster connection and watch (the I/O halves need a real apiserver),
  // the in-cluster manifest builder and the access list it and the preflight share
  {
    name: 'lib/cluster (pure cores)',
    dir: 'lib/cluster',
    match:
      /(^|\/)(watch-core|namespace-mirror|kubeconfig-merge|probe-error|in-cluster|access-needs)\.ts$/,
  },
  // the access list the in-cluster manifests and the permissions check share
  { name: 'lib/preflight (access list)', dir: 'lib/preflight', match: /(^|\/)access-needs\.ts$/ },
  {
    name: 'lib/support (plan, secrets, tar)',
    dir: 'lib/support',
    match: /(plan|secrets|tar)\.ts$/,
  },
  {
    name: 'lib/install (diff, secrets plan)',
    dir: 'lib/install',
    match: /(values-diff|secrets-plan)\.ts$/,
  },
  // the page's shared clock (its timers injected)
  { name: 'lib/browser (clock)', dir: 'lib/browser', match: /(^|\/)clock\.ts$/ },
  { name: 'bench (stats, report)', dir: 'bench/lib', match: /(^|[-/])(stats|report)\.ts$/ },
];

const isSource = (f) =>
  f.endsWith('.ts') &&
  !f.endsWith('.test.ts') &&
  !f.endsWith('.d.ts') &&
  !f.includes('__fixtures__');

function walk(root, dir) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((f) => {
    const rel = path.posix.join(dir, f);
    return statSync(path.join(abs, f)).isDirectory() ? walk(root, rel) : [rel];
  });
}

/** The source files of a module (relative, posix), or [] when it is not in this checkout. */
export function moduleFiles(root, m) {
  return walk(root, m.dir)
    .filter((f) => isSource(f) && (!m.match || m.match.test(f)))
    .sort();
}

/** The module a file belongs to (by directory), or undefined. */
export function moduleOf(file) {
  return MODULES.find((m) => file === m.dir || file.startsWith(`${m.dir}/`));
}
