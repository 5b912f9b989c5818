// Images, sizing and workload settings (docs/chart-3.50.md §2, §3, §5, §8.1, §8.9, §13.2).
import { LIGHTRUN_350 } from '../answers/constants';
import { getPath, isMap } from '../values/tree';
import type { Rule, Translation } from './context';

export { LIGHTRUN_350 };
const LIGHTRUN_IMAGES = ['backend', 'frontend', 'keycloak', 'crons', 'artifacts'];
/** 3.9.4 builds of these images do not go with 3.50 (docs/chart-3.50.md §2). */
const INFRA_TAGS = ['router', 'redis', 'rabbitmq', 'data_streamer'].map(
  (c) => `deployments.${c}.image.tag`,
);

/** Every chart-helper image tag the release pinned to `latest` (3.9.4's default, §2). */
function helperLatest(t: Translation): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: string[]) => {
    if (!isMap(v)) return;
    if (path.at(-1) === 'image' && v.tag === 'latest') found.push([...path, 'tag'].join('.'));
    for (const [k, c] of Object.entries(v)) walk(c, [...path, k]);
  };
  walk(getPath(t.input, ['deployments']), ['deployments']);
  return found;
}

export const imagesRule: Rule = (t) => {
  const lightrun = LIGHTRUN_IMAGES.map((c) => `deployments.${c}.image.tag`);
  const pins = [...t.present(...INFRA_TAGS), ...helperLatest(t)];
  for (const p of pins) t.drop(p);
  for (const p of lightrun) t.set(p, LIGHTRUN_350);
  const repo = t.str('deployments.backend.image.repository');
  const ownRegistry = t.has('deployments.backend.image.repository');
  if (ownRegistry && !t.has('deployments.crons.image.repository'))
    t.set('deployments.crons.image.repository', repo);
  t.row({
    id: 'image-tags',
    from: [...t.present(...lightrun), ...pins],
    to: [...lightrun, ...(ownRegistry ? ['deployments.crons.image.repository'] : [])],
    fate: 'translated',
    tell:
      `The five Lightrun images go to ${LIGHTRUN_350}; pins of the router, Redis, RabbitMQ, data streamer and chart-helper images are removed so the 3.50 builds are used.` +
      (ownRegistry
        ? ' From a private registry: mirror the new images first, and set deployments.artifacts.image.repository and the other new image keys to your registry (crons follows the backend here).'
        : ''),
    ...(ownRegistry ? { step: 'mirror-images' as const } : {}),
  });
};

/** The archive `asyncProfiler.downloadUrl` names (docs/chart-3.50.md §3). */
export function asyncProfilerUrl(version: string, arch: string): string {
  const v = version.replace(/^v/, '');
  return `https://github.com/async-profiler/async-profiler/releases/download/v${v}/async-profiler-${v}-linux-${arch}.tar.gz`;
}

export const asyncProfilerRule: Rule = (t) => {
  for (const c of ['backend', 'keycloak']) {
    const AP = `deployments.${c}.asyncProfiler`;
    const from = t.present(`${AP}.version`, `${AP}.architecture`);
    if (from.length === 0) continue;
    const url = asyncProfilerUrl(t.str(`${AP}.version`), t.str(`${AP}.architecture`));
    for (const p of from) t.drop(p);
    t.set(`${AP}.downloadUrl`, url);
    t.row({
      id: 'async-profiler',
      from,
      to: [`${AP}.downloadUrl`],
      fate: 'translated',
      tell: `The ${c} async profiler is downloaded from ${url}.`,
    });
  }
};

export const keycloakRolloutRule: Rule = (t) => {
  const P = 'deployments.keycloak.rollout_strategy';
  if (!t.has(P)) return;
  t.drop(P);
  t.row({
    id: 'keycloak-rollout-strategy',
    from: [P],
    to: [],
    fate: 'dropped',
    tell: 'Keycloak becomes a StatefulSet that rolls pod by pod; its rollout strategy is gone. Logging in is not possible while the new Keycloak converts its tables.',
  });
};

export const memoryRule: Rule = (t) => {
  const P = 'deployments.backend.resources.memory';
  if (t.has(P)) return;
  t.set(P, '7Gi');
  t.row({
    id: 'backend-memory',
    from: [],
    to: [P],
    fate: 'translated',
    tell: 'The backend keeps the 7Gi it had (3.50 would give it 6Gi). New pods add to the footprint: crons 1 CPU and 2Gi, artifacts 0.5 CPU and 128Mi.',
  });
};

const JAVA = '_JAVA_OPTIONS';
/** Crons' own heap for its default 2Gi, as the chart would compute it (docs/chart-3.50.md §8.1). */
const CRONS_HEAP = '-Xmx1536m -Xms512m';

export const javaOptionsRule: Rule = (t) => {
  const envs = t.value('deployments.backend.extraEnvs');
  const has = Array.isArray(envs) && envs.some((e) => isMap(e) && e.name === JAVA);
  const C = 'deployments.crons.extraEnvs';
  if (!has || t.has(C)) return;
  t.set(C, [{ name: JAVA, value: CRONS_HEAP }]);
  t.row({
    id: 'java-options',
    from: ['deployments.backend.extraEnvs'],
    to: ['deployments.backend.extraEnvs', C],
    fate: 'translated',
    tell: `Crons inherits the backend's extra environment, ${JAVA} included, which would size its 2Gi heap like the backend's: crons gets its own ${JAVA} (${CRONS_HEAP}).`,
  });
};

export const nodeSelectorRule: Rule = (t) => {
  const ns = t.userMap('general.nodeSelector');
  if (Object.keys(ns).length === 0) return;
  t.row({
    id: 'node-selector',
    from: ['general.nodeSelector'],
    to: ['general.nodeSelector'],
    fate: 'kept',
    tell: 'The node selector is kept. MySQL and RabbitMQ still use only their own (deployments.mysql.nodeSelector, deployments.rabbitmq.nodeSelector), as in 3.9.4: repeat it there if those pods must follow.',
  });
};

export const releaseRule: Rule = (t) => {
  t.row({
    id: 'release-name',
    from: [],
    to: [],
    fate: 'kept',
    tell: 'Upgrade the same release in the same namespace, and leave general.nameOverride empty: every object name, and the claims, depend on it.',
  });
};
