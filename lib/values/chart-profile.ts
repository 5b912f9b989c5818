/**
 * Which of Lightrun's charts a values file was written for, from the keys only one of them has
 * (docs/chart-3.50.md §3 keys removed, §4 keys added) and the Lightrun version its image tags name
 * (§2). PURE. Import makes a plan for the chart a file shows (import-350.ts for 3.50), `check`
 * judges it by that chart's rules; a file with signs of both is read as 3.9.4, with a note.
 */
import type { ImportNote } from './mapping/context';
import { isMap, type Tree } from './tree';

export type ChartVersion = '3.9.4' | '3.50.0';

/** One reason for a version: the key path the file sets, and what it shows. */
export type ProfileEvidence = { version: ChartVersion; path: string; why: string };

export type ProfileGuess = {
  /** The only version the file shows signs of; null when it shows none, or both. */
  version: ChartVersion | null;
  evidence: ProfileEvidence[];
};

/** Keys of 3.9.4 that 3.50 removed (§3): 3.50 ignores them. */
export const ONLY_394: readonly string[] = [
  'general.router.enabled',
  'general.ingress_controller',
  'general.ingress_class_name',
  'general.nginx_svc',
  'ingress_clients',
  'ingress_agents',
  'ingress_keycloak_admin',
  'ingress_metrics',
  'deployments.standalone_nginx',
  'general.api_keys_encryption',
  'secrets.api_keys_encryption',
  'general.deploy_secrets.existing_secrets.api_keys_encryption',
  'general.mq.storage',
  'general.mq.storageClassName',
  'general.mq.pvc_name',
  'general.mq.persistentVolumeClaimRetentionPolicy',
  'deployments.keycloak.rollout_strategy',
  'deployments.backend.asyncProfiler.version',
  'deployments.backend.asyncProfiler.architecture',
  'deployments.keycloak.asyncProfiler.version',
  'deployments.keycloak.asyncProfiler.architecture',
  'secrets.defaults.hubspot_token',
];

/** Keys 3.50 added (§4): chart 3.9.4 ignores them. */
export const ONLY_350: readonly string[] = [
  'general.nameOverride',
  'general.system_config',
  'general.crons',
  'general.system_diagnostics_k8s_api',
  'general.router.acl.router_status',
  'general.router.mcp_endpoint',
  'general.internal_tls.certificates.existing_certificates.artifacts',
  'certificate.security_pinned_hashes',
  'secrets.keysEncryption',
  'secrets.customCa',
  'secrets.defaults.lightrun_initial_sys_api_key',
  'secrets.defaults.open_ai_admin_api_key',
  'secrets.defaults.salesforce',
  'deployments.backend.dumpsPersistence',
  'deployments.crons',
  'deployments.artifacts',
  'deployments.keycloak.initContainers.wait_for_rabbitmq',
  'deployments.backend.asyncProfiler.downloadUrl',
  'deployments.keycloak.asyncProfiler.downloadUrl',
];

/** The Lightrun version each chart pairs with (§2), as the start of the five images' tags. */
const LIGHTRUN_TAG: ReadonlyArray<{ prefix: string; version: ChartVersion; lightrun: string }> = [
  { prefix: '1.50.', version: '3.9.4', lightrun: '1.50' },
  { prefix: '1.91.', version: '3.50.0', lightrun: '1.91' },
];
const LIGHTRUN_IMAGES = ['backend', 'frontend', 'keycloak'];

function has(tree: Tree, path: string): boolean {
  let node: unknown = tree;
  for (const key of path.split('.')) {
    if (!isMap(node) || !Object.hasOwn(node, key)) return false;
    node = node[key];
  }
  return true;
}

function tagOf(tree: Tree, component: string): string | null {
  const deployments = tree.deployments;
  if (!isMap(deployments)) return null;
  const c = deployments[component];
  const image = isMap(c) ? c.image : undefined;
  const tag = isMap(image) ? image.tag : undefined;
  return typeof tag === 'string' ? tag : null;
}

function tagEvidence(tree: Tree): ProfileEvidence[] {
  const found: ProfileEvidence[] = [];
  for (const component of LIGHTRUN_IMAGES) {
    const tag = tagOf(tree, component);
    const match = tag === null ? undefined : LIGHTRUN_TAG.find((t) => tag.startsWith(t.prefix));
    if (match)
      found.push({
        version: match.version,
        path: `deployments.${component}.image.tag`,
        why: `Lightrun ${match.lightrun}, which chart ${match.version} installs`,
      });
  }
  return found;
}

/** The chart version a values file was written for, with every key that says so. */
export function detectChartProfile(values: unknown): ProfileGuess {
  if (!isMap(values)) return { version: null, evidence: [] };
  const evidence: ProfileEvidence[] = [
    ...ONLY_394.filter((p) => has(values, p)).map((path) => ({
      version: '3.9.4' as const,
      path,
      why: 'a key chart 3.50 removed',
    })),
    ...ONLY_350.filter((p) => has(values, p)).map((path) => ({
      version: '3.50.0' as const,
      path,
      why: 'a key only chart 3.50 has',
    })),
    ...tagEvidence(values),
  ];
  const versions = [...new Set(evidence.map((e) => e.version))];
  return { version: versions.length === 1 ? (versions[0] ?? null) : null, evidence };
}

/** The keys behind a guess, as a short list for a message: `a, b and 3 more`. */
export function evidenceText(evidence: readonly ProfileEvidence[], version: ChartVersion): string {
  const paths = evidence.filter((e) => e.version === version).map((e) => e.path);
  const shown = paths.slice(0, 3).join(', ');
  return paths.length > 3 ? `${shown} and ${paths.length - 3} more` : shown;
}

/** A note for a file with signs of both charts (read as 3.9.4), or null. */
export function mixedProfileNote(guess: ProfileGuess): ImportNote | null {
  const versions = new Set(guess.evidence.map((e) => e.version));
  if (versions.size < 2) return null;
  return {
    path: firstPath(guess.evidence, '3.50.0'),
    message:
      `This file mixes keys of chart 3.9.4 (${evidenceText(guess.evidence, '3.9.4')}) and chart 3.50 ` +
      `(${evidenceText(guess.evidence, '3.50.0')}). It is read as a 3.9.4 file: the 3.50 keys are ` +
      'kept as written, and chart 3.9.4 ignores them.',
  };
}

function firstPath(evidence: readonly ProfileEvidence[], version: ChartVersion): string {
  return evidence.find((e) => e.version === version)?.path ?? '';
}
