// One Flux run of the export in its own namespace (test/gitops/flux.cluster.test.ts): apply the
// exported objects, wait for the HelmRelease, read what the release made. The controllers and the
// registry are shared by every run of the file; each run only names its namespace.
import * as k8s from '@kubernetes/client-node';
import { parseAllDocuments, stringify } from 'yaml';
import { clusterEnv, waitUntil } from '../cluster/helpers';
import { execFileAsync, tail, type RunningController } from './flux';

export const REL = 'lr';
const HR = { group: 'helm.toolkit.fluxcd.io', version: 'v2', plural: 'helmreleases' };
const FLUX_KINDS = 'helmreleases.helm.toolkit.fluxcd.io,ocirepositories.source.toolkit.fluxcd.io';

export type Obj = {
  apiVersion?: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: Record<string, unknown>;
};

/** A Secret as the test writes it (the admin's, or the one ESO would write). */
export type SecretObj = {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: { name: string; namespace: string };
  type: string;
  stringData: Record<string, string>;
};

/** What every run shares: the cluster, the controllers, helm (for `helm get manifest`). */
export interface FluxShared {
  kc: k8s.KubeConfig;
  kubeconfig: string;
  controllers: RunningController[];
  helm: { path: string; env: NodeJS.ProcessEnv };
}

type Release = {
  status?: {
    conditions?: { type: string; status: string; message?: string }[];
    history?: { version: number; status: string }[];
    lastHandledReconcileAt?: string;
  };
};
const isReady = (r: Release) =>
  r.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

export async function kubectl(s: FluxShared, args: string[], input?: string): Promise<string> {
  const p = execFileAsync(clusterEnv().kubectl!, args, {
    env: { ...process.env, KUBECONFIG: s.kubeconfig },
  });
  if (input !== undefined) p.child.stdin!.end(input);
  return (await p).stdout;
}

export type FluxRelease = ReturnType<typeof fluxRelease>;

/** The release `lr` of namespace `ns`, and what a run does with it. */
export function fluxRelease(s: FluxShared, ns: string) {
  const core = s.kc.makeApiClient(k8s.CoreV1Api);
  const apps = s.kc.makeApiClient(k8s.AppsV1Api);
  const custom = s.kc.makeApiClient(k8s.CustomObjectsApi);
  const read = async () =>
    (await custom.getNamespacedCustomObject({ ...HR, namespace: ns, name: REL })) as Release;

  /** Server-side apply, as `kubectl apply` of the committed files would. */
  const apply = (objs: (Obj | SecretObj)[]) =>
    kubectl(
      s,
      ['apply', '--server-side', '-n', ns, '-f', '-'],
      objs.map((o) => `---\n${stringify(o)}`).join(''),
    );

  /** Waits for the HelmRelease to be Ready at Helm revision `version` (and `extra`, if given). */
  async function waitReady(version: number, extra: (r: Release) => boolean = () => true) {
    let last: Release | undefined;
    try {
      return await waitUntil(
        `HelmRelease ${REL} in ${ns} Ready at revision ${version}`,
        async () => {
          last = await read();
          const at = last.status?.history?.[0]?.version;
          return isReady(last) && at === version && extra(last) ? last : false;
        },
        600_000,
        2_000,
      );
    } catch (e) {
      const logs = s.controllers.map((c) => `--- ${c.name}\n${tail(c.log)}`).join('\n');
      throw new Error(`${String(e)}\nstatus: ${JSON.stringify(last?.status)}\n${logs}`, {
        cause: e,
      });
    }
  }

  /** Every Deployment and StatefulSet of the release has all its replicas ready (else []). */
  async function workloadsReady(): Promise<string[]> {
    const sel = { namespace: ns, labelSelector: `app.kubernetes.io/instance=${REL}` };
    const all = [
      ...(await apps.listNamespacedDeployment(sel)).items.map((d) => ['Deployment', d] as const),
      ...(await apps.listNamespacedStatefulSet(sel)).items.map((t) => ['StatefulSet', t] as const),
    ];
    const notReady = all.filter(
      ([, w]) => (w.status?.readyReplicas ?? 0) < (w.spec?.replicas ?? 1),
    );
    return notReady.length ? [] : all.map(([k, w]) => `${k}/${w.metadata!.name}`).sort();
  }

  /** The objects of the release's manifest, as Helm recorded it. */
  async function manifest(): Promise<Obj[]> {
    const { stdout } = await execFileAsync(
      s.helm.path,
      ['get', 'manifest', REL, '-n', ns, '--kubeconfig', s.kubeconfig],
      { env: s.helm.env },
    );
    return parseAllDocuments(stdout)
      .map((d) => d.toJS() as Obj | null)
      .filter((o): o is Obj => !!o);
  }

  /** The Deployments and StatefulSets of the release's manifest. */
  const releaseWorkloads = async () =>
    (await manifest())
      .filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')
      .map((o) => `${o.kind}/${o.metadata.name}`)
      .sort();

  /** Ready at Helm revision `version` with every workload of the manifest ready; returns them. */
  async function installed(version = 1): Promise<string[]> {
    await waitReady(version);
    const ready = await waitUntil(`the workloads in ${ns} ready`, workloadsReady, 300_000, 2_000);
    const expected = await releaseWorkloads();
    if (JSON.stringify(ready) !== JSON.stringify(expected))
      throw new Error(`ready ${ready.join(',')} but the release has ${expected.join(',')}`);
    return ready;
  }

  /** Every Secret of the namespace but Helm's release records: name -> key -> text. */
  async function secrets(): Promise<Record<string, Record<string, string>>> {
    const list = (await core.listNamespacedSecret({ namespace: ns })).items;
    return Object.fromEntries(
      list
        .filter((x) => x.type !== 'helm.sh/release.v1')
        .map((x) => [
          x.metadata!.name!,
          Object.fromEntries(
            Object.entries(x.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
          ),
        ]),
    );
  }

  /** `reconcile.fluxcd.io/requestedAt`, as `flux reconcile` sets it; handled at the same revision. */
  async function forceReconcile(version: number) {
    const at = new Date().toISOString();
    await kubectl(s, [
      'annotate',
      '--overwrite',
      '-n',
      ns,
      `helmrelease/${REL}`,
      `reconcile.fluxcd.io/requestedAt=${at}`,
    ]);
    await waitReady(version, (r) => r.status?.lastHandledReconcileAt === at);
  }

  const frontendMemory = async () => {
    const d = await apps.readNamespacedDeployment({ name: `${REL}-frontend`, namespace: ns });
    return d.spec?.template.spec?.containers[0]?.resources?.requests?.memory;
  };

  /**
   * The Flux objects go first, while the controllers run (helm-controller uninstalls the release
   * and drops its finalizer); whatever keeps a finalizer after they stopped has it removed, or the
   * namespace would stay Terminating.
   */
  async function dropFluxObjects(running: boolean) {
    if (running) await kubectl(s, ['delete', FLUX_KINDS, '--all', '-n', ns, '--timeout=120s']);
    const names = (await kubectl(s, ['get', FLUX_KINDS, '-n', ns, '-o', 'name'])).split('\n');
    for (const o of names.filter(Boolean))
      await kubectl(s, [
        'patch',
        '-n',
        ns,
        o,
        '--type=merge',
        '-p',
        '{"metadata":{"finalizers":null}}',
      ]);
  }

  return {
    ns,
    apply,
    waitReady,
    installed,
    manifest,
    secrets,
    forceReconcile,
    frontendMemory,
    dropFluxObjects,
  };
}
