import { describe, expect, it } from 'vitest';
import { CHART_APP_VERSION, IMAGE_KEYS, imageOf, predictImageUses, predictImages } from './table';

// Exact tables for the image prediction over hand-built values trees (no rendering): each
// condition of the table on both sides of its rule, the tag fallback per key, and trees with a
// part missing or of the wrong type. Each row builds its tree inside the test.

type Tree = Record<string, unknown>;
const short = (key: string) =>
  key
    .replace(/^deployments\./, '')
    .replace(/\.image$/, '')
    .replace(/initContainers\./, '');

/** A values tree with every image map set to `r/<short key>:t` and `general` as given. */
function tree(general: Tree, deployments: Tree = {}): Tree {
  const t: Tree = { general, deployments: structuredClone(deployments) };
  for (const k of IMAGE_KEYS) {
    let cur = t;
    const parts = k.key.split('.');
    for (const p of parts.slice(0, -1)) cur = (cur[p] ??= {}) as Tree;
    cur[parts.at(-1)!] = { repository: `r/${short(k.key)}`, tag: 't' };
  }
  return t;
}
const keys = (v: Tree) => predictImageUses(v).map((u) => short(u.key));
const ALWAYS = [
  'backend',
  'backend.wait_for_keycloak',
  'backend.p12_creator',
  'frontend',
  'keycloak',
];

describe('predictImageUses: which keys each condition turns on, exactly', () => {
  it.each<[string, () => Tree, string[]]>([
    [
      'nothing on: the fixed ones, redis and the standalone nginx',
      () => tree({}),
      [...ALWAYS, 'redis', 'standalone_nginx'],
    ],
    [
      'a message queue (external): wait-for-rabbitmq only',
      () => tree({ mq: { enabled: true } }),
      [
        'backend',
        'backend.wait_for_keycloak',
        'backend.wait_for_rabbitmq',
        'backend.p12_creator',
        'frontend',
        'keycloak',
        'redis',
        'standalone_nginx',
      ],
    ],
    [
      'a local message queue: also rabbitmq and its init container',
      () => tree({ mq: { enabled: true, local: true } }),
      [
        'backend',
        'backend.wait_for_keycloak',
        'backend.wait_for_rabbitmq',
        'backend.p12_creator',
        'frontend',
        'keycloak',
        'redis',
        'rabbitmq',
        'rabbitmq.rabbitmq_config',
        'standalone_nginx',
      ],
    ],
    [
      'local without the queue enabled: no rabbitmq at all',
      () => tree({ mq: { enabled: false, local: true } }),
      [...ALWAYS, 'redis', 'standalone_nginx'],
    ],
    [
      'a local database: mysql',
      () => tree({ db_local: true }),
      [...ALWAYS, 'mysql', 'redis', 'standalone_nginx'],
    ],
    [
      'db_local "false" (a string) is true in Go templates',
      () => tree({ db_local: 'false' }),
      [...ALWAYS, 'mysql', 'redis', 'standalone_nginx'],
    ],
    ['db_local 0 is false', () => tree({ db_local: 0 }), [...ALWAYS, 'redis', 'standalone_nginx']],
    [
      'an external redis: no redis',
      () => tree({}, { redis: { external: { enabled: true } } }),
      [...ALWAYS, 'standalone_nginx'],
    ],
    [
      'an external redis switched off: redis',
      () => tree({}, { redis: { external: { enabled: false } } }),
      [...ALWAYS, 'redis', 'standalone_nginx'],
    ],
    [
      'the data streamer',
      () => tree({ data_streamer: { enabled: true } }),
      [...ALWAYS, 'redis', 'data_streamer', 'standalone_nginx'],
    ],
    [
      'the router: no standalone nginx',
      () => tree({ router: { enabled: true } }),
      [...ALWAYS, 'redis', 'router'],
    ],
    [
      'an ingress controller: neither nginx nor the router',
      () => tree({ ingress_controller: true }),
      [...ALWAYS, 'redis'],
    ],
    [
      'the router and an ingress controller: the router only',
      () => tree({ router: { enabled: true }, ingress_controller: true }),
      [...ALWAYS, 'redis', 'router'],
    ],
    [
      'internal TLS with existing certificates in cluster mode: cluster-cert',
      () =>
        tree(
          { internal_tls: { enabled: true, certificates: { source: 'existing_certificates' } } },
          { keycloak: { clusterMode: true } },
        ),
      [
        'backend',
        'backend.wait_for_keycloak',
        'backend.p12_creator',
        'frontend',
        'keycloak',
        'keycloak.cluster_cert',
        'redis',
        'standalone_nginx',
      ],
    ],
    [
      'internal TLS in cluster mode without a certificate source: cluster-cert',
      () => tree({ internal_tls: { enabled: true } }, { keycloak: { clusterMode: true } }),
      [
        'backend',
        'backend.wait_for_keycloak',
        'backend.p12_creator',
        'frontend',
        'keycloak',
        'keycloak.cluster_cert',
        'redis',
        'standalone_nginx',
      ],
    ],
    [
      'self-signed internal certificates: no cluster-cert',
      () =>
        tree(
          {
            internal_tls: {
              enabled: true,
              certificates: { source: 'generate_self_signed_certificates' },
            },
          },
          { keycloak: { clusterMode: true } },
        ),
      [...ALWAYS, 'redis', 'standalone_nginx'],
    ],
    [
      'existing certificates without cluster mode: no cluster-cert',
      () =>
        tree(
          { internal_tls: { enabled: true, certificates: { source: 'existing_certificates' } } },
          { keycloak: { clusterMode: false } },
        ),
      [...ALWAYS, 'redis', 'standalone_nginx'],
    ],
    [
      'cluster mode without internal TLS: no cluster-cert',
      () =>
        tree(
          { internal_tls: { enabled: false, certificates: { source: 'existing_certificates' } } },
          { keycloak: { clusterMode: true } },
        ),
      [...ALWAYS, 'redis', 'standalone_nginx'],
    ],
  ])('%s', (_n, v, want) => {
    expect(keys(v())).toEqual(want);
  });

  it('each use names its key, who uses it and the image', () => {
    expect(
      predictImageUses(
        tree(
          { router: { enabled: true }, ingress_controller: true },
          { redis: { external: { enabled: true } } },
        ),
      ),
    ).toEqual([
      {
        key: 'deployments.backend.image',
        usedBy: 'backend (and its root-ca-creator init container)',
        image: 'r/backend:t',
      },
      {
        key: 'deployments.backend.initContainers.wait_for_keycloak.image',
        usedBy: 'backend init container wait-for-keycloak',
        image: 'r/backend.wait_for_keycloak:t',
      },
      {
        key: 'deployments.backend.initContainers.p12_creator.image',
        usedBy: 'backend init container p12-creator',
        image: 'r/backend.p12_creator:t',
      },
      { key: 'deployments.frontend.image', usedBy: 'frontend', image: 'r/frontend:t' },
      {
        key: 'deployments.keycloak.image',
        usedBy: 'keycloak (and its prepare-readonlyfs init container)',
        image: 'r/keycloak:t',
      },
      { key: 'deployments.router.image', usedBy: 'router', image: 'r/router:t' },
    ]);
  });
});

describe('predictImageUses: image maps with a part missing', () => {
  it('a key in use without a repository is left out, the rest kept', () => {
    const v = tree({});
    (v.deployments as Tree).frontend = { image: { tag: '1' } };
    ((v.deployments as Tree).redis as Tree).image = { repository: '', tag: '1' };
    expect(keys(v)).toEqual([
      'backend',
      'backend.wait_for_keycloak',
      'backend.p12_creator',
      'keycloak',
      'standalone_nginx',
    ]);
  });
  it('an empty tag: the appVersion for backend, frontend and keycloak only', () => {
    const v = tree({ db_local: true });
    for (const k of IMAGE_KEYS) {
      let cur = v as Tree;
      for (const p of k.key.split('.')) cur = cur[p] as Tree;
      cur.tag = '';
    }
    expect(predictImageUses(v).map((u) => u.image)).toEqual([
      `r/backend:${CHART_APP_VERSION}`,
      'r/backend.wait_for_keycloak',
      'r/backend.p12_creator',
      `r/frontend:${CHART_APP_VERSION}`,
      `r/keycloak:${CHART_APP_VERSION}`,
      'r/mysql',
      'r/redis',
      'r/standalone_nginx',
    ]);
  });
  it.each<[string, () => Tree, string[]]>([
    ['no values at all', () => ({}), []],
    ['deployments is not a map', () => ({ deployments: 'x', general: {} }), []],
    [
      'deployments is a list',
      () => ({ deployments: [{ backend: { image: { repository: 'r' } } }] }),
      [],
    ],
    [
      'an image that is a string',
      () => ({ deployments: { backend: { image: 'r/backend:1' } } }),
      [],
    ],
    [
      'general is not a map: the conditions read false',
      () => {
        const v = tree({});
        v.general = 'on';
        return v;
      },
      [...ALWAYS, 'redis', 'standalone_nginx'],
    ],
    [
      'general is null: the conditions read false',
      () => {
        const v = tree({});
        v.general = null;
        return v;
      },
      [...ALWAYS, 'redis', 'standalone_nginx'],
    ],
    [
      'only the backend map is there',
      () => ({ deployments: { backend: { image: { repository: 'r/backend', tag: 't' } } } }),
      ['backend'],
    ],
  ])('%s', (_n, v, want) => {
    expect(keys(v())).toEqual(want);
  });
});

describe('predictImages: distinct and sorted by code point', () => {
  it('the same image under two keys once, upper case first, a prefix before its extensions', () => {
    const v: Tree = {
      deployments: {
        backend: {
          image: { repository: 'same', tag: '1' },
          initContainers: {
            wait_for_keycloak: { image: { repository: 'same', tag: '1' } },
            p12_creator: { image: { repository: 'Upper', tag: '1' } },
          },
        },
        frontend: { image: { repository: 'same' } },
      },
    };
    expect(predictImages(v)).toEqual(['Upper:1', 'same:1', `same:${CHART_APP_VERSION}`]);
  });
});

describe('imageOf: more tag and repository shapes', () => {
  it.each<[unknown, boolean, string | null]>([
    [{ repository: 'x', tag: 'false' }, false, 'x:false'],
    [{ repository: 'x', tag: true }, false, 'x:true'],
    [{ repository: 'x', tag: false }, true, `x:${CHART_APP_VERSION}`],
    [{ repository: 'x', tag: [] }, false, 'x'],
    [{ repository: 'x', tag: '1' }, true, 'x:1'],
    [{ repository: 5, tag: '1' }, false, null],
    [{ repository: null, tag: '1' }, true, null],
    [{ tag: '1' }, true, null],
    [['x'], false, null],
    ['x:1', false, null],
    [undefined, true, null],
  ])('%j (fallback %s) → %s', (image, fb, want) => {
    expect(imageOf(image, fb)).toBe(want);
  });
  it('the fallback is off unless asked for', () => {
    expect(imageOf({ repository: 'x', tag: '' })).toBe('x');
  });
});
