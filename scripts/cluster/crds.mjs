// The CustomResourceDefinitions of the GitOps controllers the export targets (docs/gitops.md),
// taken from the controllers' own sources at pinned versions through the Go module proxy (`go mod
// download`, cached in Go's module cache like the cluster's binaries): nothing from anywhere else.
//   node scripts/cluster/crds.mjs paths         prints one CRD file per line
//   node scripts/cluster/crds.mjs flux-paths    every CRD the two Flux controllers watch (they
//                                               refuse to start without them), one file per line
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARGO_CD, EXTERNAL_SECRETS, FLUX_HELM, FLUX_SOURCE } from './versions.mjs';

/** Module, version and the CRD files inside it that the export's objects need. */
export const CRD_SOURCES = [
  {
    module: 'github.com/argoproj/argo-cd/v3',
    version: ARGO_CD,
    files: ['manifests/crds/application-crd.yaml', 'manifests/crds/appproject-crd.yaml'],
  },
  {
    module: 'github.com/fluxcd/source-controller',
    version: FLUX_SOURCE,
    files: [
      'config/crd/bases/source.toolkit.fluxcd.io_ocirepositories.yaml',
      'config/crd/bases/source.toolkit.fluxcd.io_helmrepositories.yaml',
    ],
  },
  {
    module: 'github.com/fluxcd/helm-controller',
    version: FLUX_HELM,
    files: ['config/crd/bases/helm.toolkit.fluxcd.io_helmreleases.yaml'],
  },
  {
    module: 'github.com/external-secrets/external-secrets',
    version: EXTERNAL_SECRETS,
    files: [
      'config/crds/bases/external-secrets.io_externalsecrets.yaml',
      'config/crds/bases/external-secrets.io_secretstores.yaml',
      'config/crds/bases/external-secrets.io_clustersecretstores.yaml',
    ],
  },
];

/** Where `go mod download` put a module's source (downloads it the first time). */
function moduleDir(module, version) {
  // An empty module of its own, so no go.mod of this project (there is none) or above is read.
  const wd = mkdtempSync(path.join(os.tmpdir(), 'lw-crds-'));
  try {
    writeFileSync(path.join(wd, 'go.mod'), 'module local/crds\n\ngo 1.22\n');
    const r = spawnSync('go', ['mod', 'download', '-json', `${module}@${version}`], {
      cwd: wd,
      encoding: 'utf8',
      timeout: 10 * 60_000,
      env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' },
    });
    const info = r.status === 0 ? JSON.parse(r.stdout) : null;
    if (!info?.Dir)
      throw new Error(
        `go mod download ${module}@${version} failed: ${(r.stderr || String(r.error ?? '')).trim().slice(-500)}`,
      );
    return info.Dir;
  } finally {
    rmSync(wd, { recursive: true, force: true });
  }
}

/** Every CRD file the export needs, downloaded when missing; throws naming what failed. */
export function gitopsCrdFiles() {
  const out = [];
  for (const s of CRD_SOURCES) {
    const dir = moduleDir(s.module, s.version);
    for (const f of s.files) {
      const p = path.join(dir, f);
      if (!existsSync(p)) throw new Error(`${s.module}@${s.version} has no ${f}`);
      out.push(p);
    }
  }
  return out;
}

/**
 * Every CRD of source-controller and helm-controller (config/crd/bases of each module): running
 * them (test/gitops/flux.cluster.test.ts) needs all their kinds, GitRepository, Bucket, HelmChart…
 */
export function fluxControllerCrdFiles() {
  return [
    ['github.com/fluxcd/source-controller', FLUX_SOURCE],
    ['github.com/fluxcd/helm-controller', FLUX_HELM],
  ].flatMap(([module, version]) => {
    const dir = path.join(moduleDir(module, version), 'config', 'crd', 'bases');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    if (!files.length) throw new Error(`${module}@${version} has no CRD in config/crd/bases`);
    return files.map((f) => path.join(dir, f));
  });
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const list = { paths: gitopsCrdFiles, 'flux-paths': fluxControllerCrdFiles }[process.argv[2]];
  if (!list) {
    console.error('usage: node scripts/cluster/crds.mjs paths|flux-paths');
    process.exit(2);
  }
  for (const f of list()) console.log(f);
}
