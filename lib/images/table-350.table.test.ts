import { describe, expect, it } from 'vitest';
import { CHART_APP_VERSION_350, IMAGE_TABLE_350 } from './table-350';
import { predictImageUses, predictImages } from './table';
import defaults350 from '../values/chart-defaults-350.json';

// Which chart 3.50 image keys each condition turns on, both sides of each (the agreement with
// helm template of chart-3.50 is test/chart/images-350.test.ts).
type Tree = Record<string, unknown>;
const img = (repository: string, tag = '1') => ({ image: { repository, tag } });
const prof = (on: boolean) => ({
  enabled: on,
  initContainers: {
    download_async_profiler: img('dl'),
    persist_async_profiler: img('keep'),
  },
});
function base(): Tree {
  return {
    general: {
      db_local: false,
      readOnlyRootFilesystem: false,
      mq: { enabled: false, local: true },
      crons: { enabled: false },
      internal_tls: { enabled: false, certificates: { source: 'existing_certificates' } },
      data_streamer: { enabled: false },
    },
    deployments: {
      backend: {
        image: { repository: 'server', tag: '' },
        initContainers: {
          wait_for_keycloak: img('wk'),
          wait_for_rabbitmq: img('wr'),
          p12_creator: img('p12'),
        },
        asyncProfiler: prof(false),
      },
      crons: { image: { repository: 'server', tag: '' }, asyncProfiler: prof(false) },
      frontend: img('fe'),
      artifacts: img('art'),
      keycloak: {
        ...img('kc'),
        clusterMode: true,
        initContainers: { wait_for_rabbitmq: img('kwr'), cluster_cert: img('cc') },
        asyncProfiler: prof(false),
      },
      mysql: img('mysql'),
      redis: { ...img('redis'), external: { enabled: false } },
      rabbitmq: { ...img('mq'), initContainers: { rabbitmq_config: img('mqc') } },
      data_streamer: img('ds'),
      router: img('router'),
    },
  };
}
const set = (t: Tree, p: string, v: unknown) => {
  const keys = p.split('.');
  let cur = t;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Tree;
  cur[keys.at(-1)!] = v;
  return t;
};
const keys = (t: Tree) =>
  predictImageUses(t, IMAGE_TABLE_350).map((u) => u.key.replace(/^deployments\./, ''));
const ALWAYS = [
  'backend.image',
  'backend.initContainers.wait_for_keycloak.image',
  'backend.initContainers.p12_creator.image',
  'frontend.image',
  'artifacts.image',
  'keycloak.image',
  'redis.image',
  'router.image',
];

describe('chart 3.50 image keys, each condition both ways', () => {
  it('everything off: the images every release pulls', () => {
    expect(keys(base())).toEqual(ALWAYS);
  });
  it.each([
    ['general.crons.enabled', true, ['crons.image']],
    ['general.db_local', true, ['mysql.image']],
    ['general.data_streamer.enabled', true, ['data_streamer.image']],
    ['deployments.redis.external.enabled', true, []],
  ])('%s = %s adds %j', (p, v, added) => {
    const got = keys(set(base(), p, v));
    for (const k of added) expect(got).toContain(k);
    if (p.includes('redis')) expect(got).not.toContain('redis.image');
  });
  it('the queue on and local: both backend waits, RabbitMQ and its init; external: no RabbitMQ', () => {
    const t = set(base(), 'general.mq.enabled', true);
    expect(keys(t)).toEqual(
      expect.arrayContaining([
        'backend.initContainers.wait_for_rabbitmq.image',
        'rabbitmq.image',
        'rabbitmq.initContainers.rabbitmq_config.image',
      ]),
    );
    expect(keys(t)).not.toContain('keycloak.initContainers.wait_for_rabbitmq.image');
    set(t, 'general.mq.local', false);
    expect(keys(t)).not.toContain('rabbitmq.image');
    expect(keys(t)).toContain('backend.initContainers.wait_for_rabbitmq.image');
  });
  it.each([
    'general.readOnlyRootFilesystem',
    'general.db_local',
    'general.internal_tls.enabled',
    'deployments.keycloak.asyncProfiler.enabled',
  ])('Keycloak waits for the queue when %s asks for its init containers', (p) => {
    const t = set(base(), 'general.mq.enabled', true);
    expect(keys(t)).not.toContain('keycloak.initContainers.wait_for_rabbitmq.image');
    expect(keys(set(t, p, true))).toContain('keycloak.initContainers.wait_for_rabbitmq.image');
  });
  it('cluster-cert: internal TLS with existing certificates in cluster mode only', () => {
    const cc = 'keycloak.initContainers.cluster_cert.image';
    const t = set(base(), 'general.internal_tls.enabled', true);
    expect(keys(t)).toContain(cc);
    expect(keys(set(structuredClone(t), 'deployments.keycloak.clusterMode', false))).not.toContain(
      cc,
    );
    set(t, 'general.internal_tls.certificates.source', 'generate_self_signed_certificates');
    expect(keys(t)).not.toContain(cc);
  });
  it('async-profiler helpers per component; the crons ones only with crons on', () => {
    const dl = (c: string) => `${c}.asyncProfiler.initContainers.download_async_profiler.image`;
    const t = set(base(), 'deployments.crons.asyncProfiler.enabled', true);
    expect(keys(t)).not.toContain(dl('crons'));
    expect(keys(set(t, 'general.crons.enabled', true))).toContain(dl('crons'));
    expect(keys(set(base(), 'deployments.backend.asyncProfiler.enabled', true))).toContain(
      dl('backend'),
    );
    expect(keys(set(base(), 'deployments.keycloak.asyncProfiler.enabled', true))).toContain(
      dl('keycloak'),
    );
  });
  it("an empty Lightrun tag is chart 3.50's appVersion, not 3.9.4's", () => {
    expect(predictImages(base(), IMAGE_TABLE_350)).toContain(`server:${CHART_APP_VERSION_350}`);
    expect(CHART_APP_VERSION_350).toMatch(/^1\.91\.0-/);
  });
});

describe("every image map of chart 3.50's defaults is in the table", () => {
  it('the keys of every `image: {repository}` in chart-defaults-350.json, exactly', () => {
    const found: string[] = [];
    const walk = (t: unknown, path: string[]) => {
      if (!t || typeof t !== 'object' || Array.isArray(t)) return;
      const m = t as Tree;
      if (path.at(-1) === 'image' && typeof m.repository === 'string') found.push(path.join('.'));
      for (const [k, v] of Object.entries(m)) walk(v, [...path, k]);
    };
    walk(defaults350, []);
    expect(found.length).toBeGreaterThanOrEqual(20);
    expect([...found].sort()).toEqual(IMAGE_TABLE_350.keys.map((k) => k.key).sort());
  });
});
