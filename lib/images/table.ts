/**
 * Every image the chart can run, keyed by the values map that sets it, with the condition under
 * which the rendered release pulls it (PURE, browser-safe). The conditions are the templates' own
 * (chart/templates), in Go-template truth, so `predictImages(values)` equals the images of
 * `helm template` for those values without running helm (test/chart/images.test.ts proves it
 * per example, with helm v4 and v3).
 */

type Tree = Record<string, unknown>;

export type ImageKey = {
  /** Dotted values path of the `{repository, tag, pullPolicy}` map. */
  key: string;
  /** Who pulls it, for people. */
  usedBy: string;
  /** An empty tag falls back to the chart's appVersion (backend, frontend, keycloak). */
  appVersionFallback?: boolean;
  /** Whether the rendered release runs a container with this image. */
  when: (v: Tree) => boolean;
};

/** The chart's appVersion (chart/Chart.yaml): the tag an empty backend/frontend/keycloak tag renders as. */
export const CHART_APP_VERSION = '1.50.1-release.ef66f0e08e';

export const get = (t: unknown, path: string): unknown => {
  let cur = t;
  for (const k of path.split('.')) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur) || !Object.hasOwn(cur, k))
      return undefined;
    cur = (cur as Tree)[k];
  }
  return cur;
};

/** Go-template truth: false, 0, "", nil, an empty map or list are false; everything else (also "false") true. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

export const on = (path: string) => (v: Tree) => truthy(get(v, path));
const always = () => true;
const mqLocal = (v: Tree) => on('general.mq.enabled')(v) && on('general.mq.local')(v);

export const IMAGE_KEYS: readonly ImageKey[] = [
  {
    key: 'deployments.backend.image',
    usedBy: 'backend (and its root-ca-creator init container)',
    appVersionFallback: true,
    when: always,
  },
  {
    key: 'deployments.backend.initContainers.wait_for_keycloak.image',
    usedBy: 'backend init container wait-for-keycloak',
    when: always,
  },
  {
    key: 'deployments.backend.initContainers.wait_for_rabbitmq.image',
    usedBy: 'backend init container wait-for-rabbitmq (message queue on)',
    when: on('general.mq.enabled'),
  },
  {
    key: 'deployments.backend.initContainers.p12_creator.image',
    usedBy: 'backend init container p12-creator',
    when: always,
  },
  { key: 'deployments.frontend.image', usedBy: 'frontend', appVersionFallback: true, when: always },
  {
    key: 'deployments.keycloak.image',
    usedBy: 'keycloak (and its prepare-readonlyfs init container)',
    appVersionFallback: true,
    when: always,
  },
  {
    key: 'deployments.keycloak.initContainers.cluster_cert.image',
    usedBy:
      'keycloak init container cluster-cert (internal TLS with existing certificates, cluster mode)',
    when: (v) =>
      on('general.internal_tls.enabled')(v) &&
      on('deployments.keycloak.clusterMode')(v) &&
      String(get(v, 'general.internal_tls.certificates.source') ?? '') !==
        'generate_self_signed_certificates',
  },
  {
    key: 'deployments.mysql.image',
    usedBy: 'local MySQL (and keycloak init container wait-for-mysql)',
    when: on('general.db_local'),
  },
  {
    key: 'deployments.redis.image',
    usedBy: 'redis (unless external)',
    when: (v) => !on('deployments.redis.external.enabled')(v),
  },
  { key: 'deployments.rabbitmq.image', usedBy: 'local RabbitMQ', when: mqLocal },
  {
    key: 'deployments.rabbitmq.initContainers.rabbitmq_config.image',
    usedBy: 'local RabbitMQ init container',
    when: mqLocal,
  },
  {
    key: 'deployments.data_streamer.image',
    usedBy: 'data streamer',
    when: on('general.data_streamer.enabled'),
  },
  {
    key: 'deployments.standalone_nginx.image',
    usedBy: 'nginx without an ingress controller',
    when: (v) => !on('general.router.enabled')(v) && !on('general.ingress_controller')(v),
  },
  { key: 'deployments.router.image', usedBy: 'router', when: on('general.router.enabled') },
];

/**
 * The reference the chart renders for one image map (`repo:tag`, or the repository alone without a
 * tag); an empty tag of a Lightrun image is the chart's appVersion (3.9.4's unless given).
 */
export function imageOf(
  image: unknown,
  appVersionFallback = false,
  appVersion = CHART_APP_VERSION,
): string | null {
  const repository = get(image, 'repository');
  if (typeof repository !== 'string' || repository === '') return null;
  const raw = get(image, 'tag');
  let tag = truthy(raw) ? String(raw) : ''; // `.tag | default ""`: false, 0 and nil are empty too
  if (!tag && appVersionFallback) tag = appVersion;
  return tag ? `${repository}:${tag}` : repository;
}

export type PredictedImage = { key: string; usedBy: string; image: string };

/** One chart version's image keys and appVersion (table-350.ts has 3.50.0's). */
export type ImageTable = { keys: readonly ImageKey[]; appVersion: string };
export const IMAGE_TABLE_394: ImageTable = { keys: IMAGE_KEYS, appVersion: CHART_APP_VERSION };

/** Every image the release pulls for these (full, merged) values, one entry per image key in use. */
export function predictImageUses(values: Tree, table = IMAGE_TABLE_394): PredictedImage[] {
  const out: PredictedImage[] = [];
  for (const k of table.keys) {
    if (!k.when(values)) continue;
    const image = imageOf(get(values, k.key), k.appVersionFallback, table.appVersion);
    if (image) out.push({ key: k.key, usedBy: k.usedBy, image });
  }
  return out;
}

/** The distinct images, sorted: what `helm template` of these values pulls. */
export function predictImages(values: Tree, table = IMAGE_TABLE_394): string[] {
  return [...new Set(predictImageUses(values, table).map((u) => u.image))].sort();
}
