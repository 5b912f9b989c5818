/**
 * Chart 3.50.0's image keys with the condition under which the rendered release pulls each
 * (PURE, browser-safe), as table.ts is for 3.9.4: the conditions are chart-3.50/templates' own
 * (docs/chart-3.50.md §8), so `predictImages(values, IMAGE_TABLE_350)` equals the images of
 * `helm template` of chart 3.50 (test/chart/images-350.test.ts proves it per example).
 * What 3.50 adds: artifacts, crons and the router always or by switch, async-profiler helpers,
 * and Keycloak's own wait for the queue; the standalone nginx is gone.
 */
import { get, on, type ImageKey, type ImageTable } from './table';

type Tree = Record<string, unknown>;

/** chart 3.50.0's appVersion: the tag an empty Lightrun image tag renders as. */
export const CHART_APP_VERSION_350 = '1.91.0-release.943266f167';

const always = () => true;
const mq = on('general.mq.enabled');
const mqLocal = (v: Tree) => mq(v) && on('general.mq.local')(v);
const tls = on('general.internal_tls.enabled');
const selfSigned = (v: Tree) =>
  tls(v) &&
  String(get(v, 'general.internal_tls.certificates.source') ?? '') ===
    'generate_self_signed_certificates';
const crons = on('general.crons.enabled');
const profiler = (c: string) => on(`deployments.${c}.asyncProfiler.enabled`);
/** Keycloak has init containers only when one of these asks (its queue wait among them). */
const keycloakInits = (v: Tree) =>
  on('general.readOnlyRootFilesystem')(v) ||
  on('general.db_local')(v) ||
  tls(v) ||
  profiler('keycloak')(v);

function profilerKeys(c: string, who: string, when: (v: Tree) => boolean): ImageKey[] {
  const base = `deployments.${c}.asyncProfiler.initContainers`;
  return [
    {
      key: `${base}.download_async_profiler.image`,
      usedBy: `${who} async-profiler download`,
      when,
    },
    {
      key: `${base}.persist_async_profiler.image`,
      usedBy: `${who} async-profiler directory`,
      when,
    },
  ];
}

export const IMAGE_KEYS_350: readonly ImageKey[] = [
  {
    key: 'deployments.backend.image',
    usedBy: 'backend and crons init containers (and the backend)',
    appVersionFallback: true,
    when: always,
  },
  {
    key: 'deployments.backend.initContainers.wait_for_keycloak.image',
    usedBy: 'backend and crons init container wait-for-keycloak',
    when: always,
  },
  {
    key: 'deployments.backend.initContainers.wait_for_rabbitmq.image',
    usedBy: 'backend and crons init container wait-for-rabbitmq (message queue on)',
    when: mq,
  },
  {
    key: 'deployments.backend.initContainers.p12_creator.image',
    usedBy: 'backend and crons init containers p12-creator',
    when: always,
  },
  ...profilerKeys('backend', 'backend', profiler('backend')),
  {
    key: 'deployments.crons.image',
    usedBy: 'crons',
    appVersionFallback: true,
    when: crons,
  },
  ...profilerKeys('crons', 'crons', (v) => crons(v) && profiler('crons')(v)),
  { key: 'deployments.frontend.image', usedBy: 'frontend', appVersionFallback: true, when: always },
  {
    key: 'deployments.artifacts.image',
    usedBy: 'artifacts',
    appVersionFallback: true,
    when: always,
  },
  {
    key: 'deployments.keycloak.image',
    usedBy: 'keycloak (and its init containers of the same image)',
    appVersionFallback: true,
    when: always,
  },
  {
    key: 'deployments.keycloak.initContainers.wait_for_rabbitmq.image',
    usedBy: 'keycloak init container wait-for-rabbitmq (message queue on)',
    when: (v) => mq(v) && keycloakInits(v),
  },
  {
    key: 'deployments.keycloak.initContainers.cluster_cert.image',
    usedBy:
      'keycloak init container cluster-cert (internal TLS with existing certificates, cluster mode)',
    when: (v) => tls(v) && on('deployments.keycloak.clusterMode')(v) && !selfSigned(v),
  },
  // (keycloakInits holds when its profiler is on)
  ...profilerKeys('keycloak', 'keycloak', profiler('keycloak')),
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
  { key: 'deployments.router.image', usedBy: 'router', when: always },
];

export const IMAGE_TABLE_350: ImageTable = {
  keys: IMAGE_KEYS_350,
  appVersion: CHART_APP_VERSION_350,
};
