import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersArbitrary } from './__fixtures__/answers.arbitrary';
import { modelledValues } from './render';
import { getPath, hasPath, isMap, leafPaths, type Tree } from './tree';
import { parseValuesYaml } from './to-yaml';

const REFERENCE = parseValuesYaml(
  readFileSync(
    new URL('../../../shared/reference/lightrun-chart-3.9.4-values.yaml', import.meta.url),
    'utf8',
  ),
) as Tree;

/**
 * Keys docs/chart-3.9.4.md documents beyond what the default file shows, with the shape it
 * documents.
 * `*` matches one key segment.
 */
const DOCUMENTED: { pattern: string; type: string; where: string }[] = [
  {
    pattern: 'ingress_clients.annotations.*',
    type: 'string|null',
    where: '§8 legacy ingress annotations (null drops a default, G5)',
  },
  { pattern: 'ingress_agents.annotations.*', type: 'string', where: '§8' },
  { pattern: 'ingress_keycloak_admin.annotations.*', type: 'string', where: '§8' },
  {
    pattern: 'ingress_metrics.annotations.*',
    type: 'string',
    where: '§8 (shared annotations and the metrics allow-list)',
  },
  {
    pattern: 'general.nginx_svc.annotations.*',
    type: 'string',
    where: '§8 standalone nginx Service',
  },
  {
    pattern: 'deployments.rabbitmq.service.annotations.*',
    type: 'string',
    where: '§7 Prometheus annotations',
  },
  {
    pattern: 'general.statefulset.persistentVolumeClaimRetentionPolicy.whenDeleted',
    type: 'string',
    where: '§6',
  },
  {
    pattern: 'general.statefulset.persistentVolumeClaimRetentionPolicy.whenScaled',
    type: 'string',
    where: '§6',
  },
  {
    pattern: 'general.statefulset.persistentVolumeClaimRetentionPolicy',
    type: 'map',
    where: '§6 (empty map)',
  },
  {
    pattern: 'general.networkPolicy.*.ipBlock',
    type: 'array',
    where: '§9 ipBlock is a list of {cidr}',
  },
  { pattern: 'secrets.defaults.dockerhub_config', type: 'null', where: '§2 null = no pull secret' },
  { pattern: 'deployments.*.service.annotations', type: 'map', where: '§7 (empty map)' },
  { pattern: 'general.nginx_svc.annotations', type: 'map', where: '§8 (empty map)' },
];

const kind = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : isMap(v) ? 'map' : typeof v;
const matches = (pattern: string, path: string[]) => {
  const p = pattern.split('.');
  return p.length === path.length && p.every((seg, i) => seg === '*' || seg === path[i]);
};

describe('every key path the renderer can emit', () => {
  it('exists in the chart 3.9.4 values with a compatible type, or is a documented addition', () => {
    const seen = new Map<string, { path: string[]; value: unknown }>();
    for (const a of fc.sample(answersArbitrary, { numRuns: 400, seed: 42 })) {
      const tree = modelledValues({ ...a, passthrough: {} }).tree;
      for (const p of leafPaths(tree))
        seen.set(p.join('\u0000'), { path: p, value: getPath(tree, p) });
    }
    const problems: string[] = [];
    for (const { path: p, value } of seen.values()) {
      const ours = kind(value);
      const doc = DOCUMENTED.find((d) => matches(d.pattern, p));
      if (hasPath(REFERENCE, p)) {
        const theirs = kind(getPath(REFERENCE, p));
        const ok =
          theirs === ours ||
          (doc && doc.type.split('|').includes(ours)) ||
          (theirs === 'string' && ours === 'string');
        if (!ok) problems.push(`${p.join('.')}: chart has ${theirs}, wizard emits ${ours}`);
      } else if (!doc) problems.push(`${p.join('.')}: not in the chart values and not documented`);
    }
    expect(problems).toEqual([]);
    // The sample must have reached every section; otherwise the check proves little.
    expect(seen.size).toBeGreaterThan(80);
  });
});
