import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultAnswers, type Answers } from '../answers';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { renderValues } from '../values';
import { parseValuesYaml } from '../values/to-yaml';
import {
  CHART_APP_VERSION,
  IMAGE_KEYS,
  imageOf,
  predictImageUses,
  predictImages,
  truthy,
} from './table';

type Tree = Record<string, unknown>;
const VENDOR = parseValuesYaml(
  readFileSync(
    new URL('../../../shared/reference/lightrun-chart-3.9.4-values.yaml', import.meta.url),
    'utf8',
  ),
) as Tree;
const full = (a: Answers) => renderValues(a, { full: true }).values as Tree;
const keysFor = (a: Answers) =>
  predictImageUses(full(a)).map((u) => u.key.replace(/^deployments\./, ''));

describe("the vendor chart's image keys", () => {
  it('every image map (a map with a repository) of the vendor 3.9.4 defaults is in the table, and nothing else', () => {
    const found: string[] = [];
    const walk = (t: unknown, path: string[]) => {
      if (!t || typeof t !== 'object' || Array.isArray(t)) return;
      for (const [k, v] of Object.entries(t as Tree)) {
        if (
          (k === 'image' || k === 'repository') &&
          v !== null &&
          typeof v === 'object' &&
          'repository' in (v as Tree)
        )
          found.push([...path, k].join('.'));
        else if (k === 'repository' || (k === 'image' && typeof v === 'string'))
          found.push([...path, k].join('.')); // a bare image string would be a key too
        else walk(v, [...path, k]);
      }
    };
    walk(VENDOR, []);
    expect(found.length).toBe(14);
    expect(found.sort()).toEqual(IMAGE_KEYS.map((k) => k.key).sort());
  });
});

describe('truthy (Go-template truth)', () => {
  it.each([
    [false, false],
    [0, false],
    ['', false],
    [null, false],
    [undefined, false],
    [[], false],
    [{}, false],
    [true, true],
    ['false', true],
    [1, true],
    [[0], true],
    [{ a: 1 }, true],
  ])('%j -> %s', (v, t) => {
    expect(truthy(v)).toBe(t);
  });
});

describe('imageOf', () => {
  it.each([
    [
      { repository: 'lightruncom/server', tag: '' },
      true,
      `lightruncom/server:${CHART_APP_VERSION}`,
    ],
    [{ repository: 'lightruncom/server', tag: '' }, false, 'lightruncom/server'],
    [{ repository: 'lightruncom/server' }, true, `lightruncom/server:${CHART_APP_VERSION}`],
    [{ repository: 'mysql', tag: '8.0.38' }, false, 'mysql:8.0.38'],
    [{ repository: 'mysql', tag: 8 }, false, 'mysql:8'],
    [{ repository: 'mysql', tag: 0 }, false, 'mysql'], // `default ""` empties 0
    [{ repository: 'x', tag: null }, false, 'x'],
    [{ repository: '' }, false, null],
    [null, false, null],
  ])('%j (fallback %s) -> %s', (image, fb, out) => {
    expect(imageOf(image, fb)).toBe(out);
  });
});

describe('predictImageUses: which keys the release uses', () => {
  const base = () => validAnswers();
  it('the quick default: backend (+3 helpers minus rabbitmq), frontend, keycloak, mysql, redis', () => {
    expect(keysFor(base())).toEqual([
      'backend.image',
      'backend.initContainers.wait_for_keycloak.image',
      'backend.initContainers.p12_creator.image',
      'frontend.image',
      'keycloak.image',
      'mysql.image',
      'redis.image',
    ]);
    expect(predictImages(full(base()))).toEqual([
      `lightruncom/chart-helper:latest`,
      `lightruncom/keycloak:${CHART_APP_VERSION}`,
      'lightruncom/redis:alpine-7.2.5-r1',
      `lightruncom/server:${CHART_APP_VERSION}`,
      `lightruncom/webapp:${CHART_APP_VERSION}`,
      'mysql:8.0.38',
    ]);
  });
  it('an external database drops mysql', () => {
    const a = base();
    a.database = {
      mode: 'external',
      endpoint: 'db.example.com',
      name: 'lightrunserver',
      requireSecureTransport: false,
      user: 'u',
      password: 'p',
    };
    expect(keysFor(a)).not.toContain('mysql.image');
  });
  it('a message queue adds wait-for-rabbitmq; a local one also rabbitmq and its init container', () => {
    const a = base();
    a.messageQueue = {
      mode: 'external',
      endpoint: 'mq.example.com',
      port: '5672',
      queueName: 'q',
      user: 'u',
      password: 'password1',
    };
    expect(keysFor(a).filter((k) => k.includes('rabbitmq'))).toEqual([
      'backend.initContainers.wait_for_rabbitmq.image',
    ]);
    a.messageQueue = {
      mode: 'local',
      port: '5672',
      queueName: 'q',
      user: 'u',
      password: 'password1',
      storage: { kind: 'ephemeral' },
      metrics: false,
      serviceAnnotations: [],
    };
    expect(keysFor(a).filter((k) => k.includes('rabbitmq'))).toEqual([
      'backend.initContainers.wait_for_rabbitmq.image',
      'rabbitmq.image',
      'rabbitmq.initContainers.rabbitmq_config.image',
    ]);
  });
  it('nginx without an ingress controller; the router instead of both', () => {
    const a = base();
    a.externalAccess = { mode: 'load-balancer', serviceAnnotations: [] };
    expect(keysFor(a)).toContain('standalone_nginx.image');
    a.externalAccess = {
      mode: 'router',
      service: 'ingress',
      className: 'nginx',
      tls: false,
      adminAllowCidrs: [],
      metricsAllowCidrs: [],
    };
    expect(keysFor(a)).toContain('router.image');
    expect(keysFor(a)).not.toContain('standalone_nginx.image');
    expect(keysFor(base())).not.toContain('router.image');
    expect(keysFor(base())).not.toContain('standalone_nginx.image');
  });
  it('cluster-cert only with existing internal certificates and cluster mode', () => {
    const a = base();
    a.internalTls = {
      mode: 'existing',
      verification: false,
      caSecretName: '',
      certificates: {
        frontend: 'f',
        keycloak: 'k',
        keycloakCluster: 'kc',
        redis: 'r',
        rabbitmq: '',
      },
    };
    expect(keysFor(a)).toContain('keycloak.initContainers.cluster_cert.image');
    a.sizing.keycloak.clusterMode = false;
    expect(keysFor(a)).not.toContain('keycloak.initContainers.cluster_cert.image');
    const s = base();
    s.internalTls = { mode: 'self-signed' };
    expect(keysFor(s)).not.toContain('keycloak.initContainers.cluster_cert.image');
  });
  it('redis external and the data streamer (kept keys) count too', () => {
    const a = base();
    a.passthrough = {
      deployments: { redis: { external: { enabled: true, endpoint: 'redis.example.com' } } },
      general: { data_streamer: { enabled: true } },
    };
    expect(keysFor(a)).not.toContain('redis.image');
    expect(keysFor(a)).toContain('data_streamer.image');
  });
  it('follows the version answer and the defaults', () => {
    const a = defaultAnswers();
    a.general.lightrunVersion = '1.51.0';
    expect(predictImages(full(a))).toContain('lightruncom/server:1.51.0');
  });
});
