import 'server-only';
import { apiClient } from '../cluster/client';
import { CoreV1Api, VersionApi, type KubeConfig, type V1Node } from '@kubernetes/client-node';
import { fail, listing, pass, warn, type Verdict } from './result';
import { k8sErrorText } from './k8s';
import type { Answers } from '../answers';

type ChartVersion = Answers['chart'];

/** The guide's system requirements. */
export const MIN_KUBERNETES = { major: 1, minor: 23 } as const;
/** The oldest Kubernetes per chart: 3.50.0's vendor lists 1.29 (docs/chart-3.50.md §2). */
export const MIN_KUBERNETES_FOR: Record<ChartVersion, { major: number; minor: number }> = {
  '3.9.4': MIN_KUBERNETES,
  '3.50.0': { major: 1, minor: 29 },
};
export const MIN_KERNEL = [4, 4] as const;

/** `{major: "1", minor: "23+"}` (EKS/GKE add a "+") -> [1, 23]; null when unreadable. */
export function parseServerVersion(v: {
  major?: string;
  minor?: string;
  gitVersion?: string;
}): [number, number] | null {
  const major = parseInt(v.major ?? '', 10);
  const minor = parseInt(v.minor ?? '', 10);
  if (Number.isFinite(major) && Number.isFinite(minor)) return [major, minor];
  const m = /^v?(\d+)\.(\d+)/.exec(v.gitVersion ?? '');
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** Server version against the planned chart's minimum (3.9.4: 1.23; 3.50.0: 1.29). */
export function decideServerVersion(
  v: { major?: string; minor?: string; gitVersion?: string },
  chart: ChartVersion = '3.9.4',
): Verdict {
  const parsed = parseServerVersion(v);
  const shown = v.gitVersion || `${v.major}.${v.minor}`;
  const min = MIN_KUBERNETES_FOR[chart];
  const wanted = `${min.major}.${min.minor}`;
  if (!parsed)
    return warn(
      `The API server answered but its version "${shown}" could not be read.`,
      `Check the version with \`kubectl version\`; ${forChart(chart)} needs Kubernetes ${wanted} or later.`,
    );
  const [major, minor] = parsed;
  const ok = major > min.major || (major === min.major && minor >= min.minor);
  if (ok) return pass(`The API server answered: Kubernetes ${shown}.`);
  if (chart === '3.9.4')
    return fail(
      `Kubernetes ${shown} is older than 1.23, the oldest version Lightrun supports.`,
      'Upgrade the cluster to Kubernetes 1.23 or later.',
    );
  return fail(
    `Kubernetes ${shown} is older than ${wanted}, the oldest version chart ${chart} supports (docs/chart-3.50.md §2).`,
    `Upgrade the cluster to Kubernetes ${wanted} or later, or plan chart 3.9.4 (the chart answer), which runs from 1.23.`,
  );
}

const forChart = (chart: ChartVersion) => (chart === '3.9.4' ? 'Lightrun' : `chart ${chart}`);

export type NodeFacts = { name: string; kernel: string; os: string; arch: string };

/** `5.15.0-1051-azure` -> [5, 15]; null when it does not start with two numbers. */
export function parseKernel(k: string): [number, number] | null {
  const m = /^(\d+)\.(\d+)/.exec(k.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

const SUPPORTED_ARCH = new Set(['amd64', 'arm64']);

/** Every node's kernel ≥ 4.4, Linux, amd64/arm64 (nodeInfo); names each node that is not. */
export function decideNodes(nodes: NodeFacts[]): Verdict {
  if (nodes.length === 0)
    return fail('The cluster has no nodes.', 'Add worker nodes to the cluster before installing.');
  const kernelOf = (n: NodeFacts) => parseKernel(n.kernel);
  const oldKernel = nodes.filter((n) => {
    const k = kernelOf(n);
    return k !== null && (k[0] < MIN_KERNEL[0] || (k[0] === MIN_KERNEL[0] && k[1] < MIN_KERNEL[1]));
  });
  const unreadable = nodes.filter((n) => kernelOf(n) === null);
  const notLinux = nodes.filter((n) => n.os !== 'linux');
  const badArch = nodes.filter((n) => n.os === 'linux' && !SUPPORTED_ARCH.has(n.arch));
  const problems: string[] = [];
  if (oldKernel.length)
    problems.push(
      `kernel older than 4.4 on ${listing(oldKernel.map((n) => `${n.name} (${n.kernel})`))}`,
    );
  if (notLinux.length)
    problems.push(`not Linux: ${listing(notLinux.map((n) => `${n.name} (${n.os || 'unknown'})`))}`);
  if (badArch.length)
    problems.push(
      `unsupported architecture on ${listing(badArch.map((n) => `${n.name} (${n.arch || 'unknown'})`))}`,
    );
  const summary = summarise(nodes);
  if (oldKernel.length === nodes.length || notLinux.length + badArch.length === nodes.length) {
    return fail(
      `No node can run Lightrun: ${problems.join('; ')}.`,
      'Add Linux amd64/arm64 nodes with kernel 4.4 or later.',
    );
  }
  // A kernel string that is not "X.Y…" cannot be judged; say so instead of guessing.
  if (unreadable.length)
    problems.push(
      `kernel version not readable on ${listing(unreadable.map((n) => `${n.name} (${n.kernel || 'empty'})`))}`,
    );
  if (problems.length === 1 && unreadable.length)
    return warn(
      `${summary}; ${problems[0]}.`,
      'Check `uname -r` on those nodes: Lightrun needs kernel 4.4 or later.',
    );
  if (problems.length)
    return warn(
      `${summary}; ${problems.join('; ')}.`,
      'Keep Lightrun off those nodes (nodeSelector/taints) or upgrade them to Linux with kernel 4.4+.',
    );
  return pass(`${summary}.`);
}

function summarise(nodes: NodeFacts[]): string {
  const kinds = [...new Set(nodes.map((n) => `${n.os}/${n.arch}`))].join(', ');
  const kernels = nodes
    .map((n) => parseKernel(n.kernel))
    .filter((k): k is [number, number] => k !== null);
  const lowest = kernels.sort((a, b) => a[0] - b[0] || a[1] - b[1])[0];
  return `${nodes.length} node${nodes.length === 1 ? '' : 's'} (${kinds}), lowest kernel ${lowest ? `${lowest[0]}.${lowest[1]}` : 'unknown'}`;
}

/** Gathers the server version; used as the gate every other cluster check waits for. */
export async function gatherServerVersion(
  kc: KubeConfig,
  signal?: AbortSignal,
): Promise<
  | { ok: true; version: { major?: string; minor?: string; gitVersion?: string } }
  | { ok: false; message: string }
> {
  try {
    const v = await apiClient(kc, VersionApi, { signal }).getCode();
    return { ok: true, version: v };
  } catch (e) {
    return { ok: false, message: k8sErrorText(e) };
  }
}

export function nodeFacts(n: V1Node): NodeFacts {
  const i = n.status?.nodeInfo;
  return {
    name: n.metadata?.name ?? '?',
    kernel: i?.kernelVersion ?? '',
    os: i?.operatingSystem ?? '',
    arch: i?.architecture ?? '',
  };
}

export async function checkNodes(kc: KubeConfig, signal?: AbortSignal): Promise<Verdict> {
  const list = await apiClient(kc, CoreV1Api, { signal }).listNode();
  return decideNodes(list.items.map(nodeFacts));
}
