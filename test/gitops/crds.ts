// The GitOps controllers' CRDs in the local cluster (scripts/cluster/crds.mjs fetches them from
// the controllers' own sources at pinned versions), and a server-side dry run of objects against
// them: the API server validates each object with the CRD's schema, as it would in a cluster
// where Argo CD or Flux runs.
import { spawnSync } from 'node:child_process';
import { stringify } from 'yaml';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { clusterEnv, repoRoot, requireCluster, run } from '../cluster/helpers';

function kubectlPath(): string {
  const k = clusterEnv().kubectl;
  if (!k) throw new Error('kubectl is not built (npm run cluster -- up builds it)');
  return k;
}

/**
 * Applies every CRD (server-side, idempotent) and waits until each is established: the kinds the
 * export writes (`paths`), or every kind the Flux controllers watch (`flux-paths`).
 */
export function installGitopsCrds(
  kubeconfig: string,
  set: 'paths' | 'flux-paths' = 'paths',
): string[] {
  const r = spawnSync(process.execPath, ['scripts/cluster/crds.mjs', set], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`crds.mjs ${set}: ${r.stderr}`);
  const files = r.stdout.trim().split('\n');
  const kubectl = kubectlPath();
  const env = { KUBECONFIG: kubeconfig };
  for (const f of files) {
    const a = run(kubectl, ['apply', '--server-side', '--force-conflicts', '-f', f], env);
    if (a.code !== 0) throw new Error(`kubectl apply ${f}: ${a.stderr}`);
  }
  const w = run(
    kubectl,
    ['wait', '--for=condition=Established', '--timeout=60s', ...files.flatMap((f) => ['-f', f])],
    env,
  );
  if (w.code !== 0) throw new Error(`CRDs not established: ${w.stderr}`);
  return files;
}

/**
 * `kubectl create --dry-run=server` of the objects (one YAML stream, through stdin): the API
 * server runs the CRD's schema and admission on them and stores nothing. Resolves to kubectl's
 * exit code and stderr (which names the field of a refused object).
 */
export function dryRunCreate(
  kubeconfig: string,
  namespace: string,
  objects: object[],
): { code: number; stderr: string; stdout: string } {
  const r = spawnSync(
    kubectlPath(),
    ['create', '--dry-run=server', '-n', namespace, '-o', 'name', '-f', '-'],
    {
      input: objects.map((o) => `---\n${stringify(o)}`).join(''),
      encoding: 'utf8',
      env: { ...process.env, KUBECONFIG: kubeconfig },
      timeout: 120_000,
    },
  );
  return { code: r.status ?? -1, stderr: r.stderr ?? '', stdout: r.stdout ?? '' };
}

/**
 * The set-up both GitOps cluster suites share: the local cluster (required, never skipped), the
 * CRDs installed, a namespace of the suite's own (deleted after). A failed set-up fails every
 * test of the suite with its reason. Call at the top level of a test file.
 */
export function gitopsSuite(prefix: string): { namespace: string; kubeconfig: () => string } {
  const namespace = `${prefix}-${process.pid}`;
  let kubeconfig = '';
  let setupError: unknown;
  beforeEach(() => {
    if (setupError) throw setupError;
  });
  beforeAll(async () => {
    try {
      const { env } = await requireCluster();
      kubeconfig = env.kubeconfig!;
      installGitopsCrds(kubeconfig);
      run(kubectlPath(), ['create', 'namespace', namespace], { KUBECONFIG: kubeconfig });
    } catch (e) {
      setupError = e;
    }
  }, 600_000);
  afterAll(() => {
    if (kubeconfig)
      run(kubectlPath(), ['delete', 'namespace', namespace, '--wait=false'], {
        KUBECONFIG: kubeconfig,
      });
  });
  return { namespace, kubeconfig: () => kubeconfig };
}
