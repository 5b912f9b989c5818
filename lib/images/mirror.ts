/**
 * The commands that copy the release's images into the private registry, and the chart itself
 * for an offline install (PURE). Every argument is quoted for a POSIX shell.
 */
import { PROJECT_CHART_DIR, type ChartVersion } from '../answers/constants';
import { parseImage, rewriteImage, type PrivateRegistry } from './reference';
import { VENDOR_CHART } from './vendor-chart';

export type MirrorTool = 'skopeo' | 'crane' | 'docker';
export const MIRROR_TOOLS: readonly MirrorTool[] = ['skopeo', 'crane', 'docker'];

/**
 * One POSIX shell word: left bare when it holds only characters no shell treats specially,
 * else in single quotes (a `'` inside becomes `'\''`).
 */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_./:@%+=,-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

export const shellLine = (argv: readonly string[]) => argv.map(shellQuote).join(' ');

export type MirrorPair = { source: string; target: string };

/** Where each public image goes: the source as the public chart pulls it, written out in full. */
export function mirrorPairs(
  publicImages: readonly string[],
  registry: PrivateRegistry,
): MirrorPair[] {
  return publicImages.map((image) => {
    const r = parseImage(image);
    const source = `${r.domain}/${r.path}${r.tag !== null ? `:${r.tag}` : ''}${r.digest !== null ? `@${r.digest}` : ''}`;
    return { source, target: rewriteImage(image, registry) };
  });
}

/** `target` without its digest, for tools that cannot push to a digest (docker). */
const withoutDigest = (ref: string) => {
  const at = ref.indexOf('@');
  return at < 0 ? ref : ref.slice(0, at);
};

/**
 * The copy commands, one per line. skopeo copies every platform and keeps the digests
 * (`--all --preserve-digests`); crane copies the whole index as it is; docker pulls one platform
 * and pushes a new manifest, so a reference pinned by digest gets a comment saying to use skopeo
 * or crane for it (docker cannot push by digest; a digest-only reference has no tag to push).
 */
export function mirrorCommands(pairs: readonly MirrorPair[], tool: MirrorTool): string[] {
  const lines: string[] = [];
  for (const { source, target } of pairs) {
    if (tool === 'skopeo')
      lines.push(
        shellLine([
          'skopeo',
          'copy',
          '--all',
          '--preserve-digests',
          `docker://${source}`,
          `docker://${target}`,
        ]),
      );
    else if (tool === 'crane') lines.push(shellLine(['crane', 'copy', source, target]));
    else {
      const t = parseImage(target);
      if (t.digest !== null) {
        lines.push(
          `# ${source} is pinned by digest: docker push cannot keep it; copy it with skopeo or crane.`,
        );
        if (t.tag === null) continue;
      }
      const dst = withoutDigest(target);
      lines.push(
        shellLine(['docker', 'pull', source]),
        shellLine(['docker', 'tag', source, dst]),
        shellLine(['docker', 'push', dst]),
      );
    }
  }
  return lines;
}

export { VENDOR_CHART } from './vendor-chart';

/**
 * Getting the chart onto the machine that installs: `helm pull` of the vendor chart on a machine
 * with internet (or `helm package` of this project's ./chart), optionally pushed to the private
 * registry as an OCI artifact, then `helm upgrade --install` from the `.tgz`.
 */
export function chartOfflineCommands(opts: {
  release: string;
  namespace: string;
  registry: PrivateRegistry | null;
  secretsFile: boolean;
  /** The plan's chart version (3.9.4 when not given); 3.50.0's test chart is ./chart-3.50. */
  version?: string;
}): { fetch: string[]; install: string } {
  const version = opts.version ?? VENDOR_CHART.version;
  const file = `lightrun-helm-chart-${version}.tgz`;
  const local = `./${PROJECT_CHART_DIR[version as ChartVersion] ?? PROJECT_CHART_DIR['3.9.4']}`;
  const fetch = [
    `# on a machine with internet access (or: ${shellLine(['helm', 'package', local])} for this project's chart)`,
    shellLine(['helm', 'pull', VENDOR_CHART.ref, '--version', version]),
  ];
  if (opts.registry)
    fetch.push(
      shellLine([
        'helm',
        'push',
        file,
        `oci://${opts.registry.host}${opts.registry.prefix ? `/${opts.registry.prefix}` : ''}`,
      ]),
    );
  const install = shellLine([
    'helm',
    'upgrade',
    '--install',
    opts.release,
    `./${file}`,
    '--namespace',
    opts.namespace,
    '--create-namespace',
    '-f',
    'values.yaml',
    ...(opts.secretsFile ? ['-f', 'secrets.yaml'] : []),
  ]);
  return { fetch, install };
}
