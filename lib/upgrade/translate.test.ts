import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isSecretPath } from '../values/secret-paths';
import { deepMerge, getPath, leafPaths, setPath, type Tree } from '../values/tree';
import { translateTo350 } from '.';
import { RELEASES_394, U1, U4 } from './__fixtures__/releases';
import { allStrings, lostKeys } from './__fixtures__/nothing-lost';

const examplesDir = path.resolve(__dirname, '..', '..', 'examples');
/** The CLI-rendered examples (values.yaml, then secrets.yaml), as a release would return them. */
function examples(): [string, Tree][] {
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(examplesDir, d.name, 'values.yaml')))
    .map((d) => {
      const read = (f: string) => {
        const p = path.join(examplesDir, d.name, f);
        return existsSync(p) ? (parse(readFileSync(p, 'utf8')) as Tree) : {};
      };
      return [d.name, deepMerge(read('values.yaml'), read('secrets.yaml')) as Tree];
    });
}

const NG = 'nginx.ingress.kubernetes.io/';

/** Every key docs/chart-3.50.md §3 removes, set at once beside a router (the 3.9.4 default). */
const everyRemovedKey: Tree = {
  general: {
    router: {
      enabled: true,
      ingress: {
        annotations: { [`${NG}proxy-buffer-size`]: '8k', [`${NG}backend-protocol`]: 'HTTP' },
      },
    },
    ingress_controller: true,
    ingress_class_name: 'nginx',
    nginx_svc: { type: 'LoadBalancer', annotations: { a: 'b' } },
    api_keys_encryption: { enabled: true, key_mount_path: '/keys' },
    deploy_secrets: { enabled: true, existing_secrets: { api_keys_encryption: 'aes' } },
    mq: {
      enabled: true,
      queue_name: 'mixpanel-events',
      storage: '0',
      storageClassName: 'gp2',
      pvc_name: 'q',
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
    },
  },
  ingress_clients: { annotations: { x: 'y' } },
  ingress_agents: { annotations: { x: 'y' } },
  ingress_keycloak_admin: { annotations: { x: 'y' } },
  ingress_metrics: { annotations: { x: 'y' } },
  secrets: {
    api_keys_encryption: { aes_key: '00112233445566778899aabbccddeeff' },
    defaults: { hubspot_token: 'hs' },
  },
  deployments: {
    standalone_nginx: { replicas: 2 },
    keycloak: { rollout_strategy: 'Recreate', asyncProfiler: { version: 'v3.0' } },
    backend: { asyncProfiler: { architecture: 'arm64' } },
  },
};
const REMOVED = [
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
  'general.mq.queue_name',
  'general.mq.storage',
  'general.mq.storageClassName',
  'general.mq.pvc_name',
  'general.mq.persistentVolumeClaimRetentionPolicy',
  'deployments.keycloak.rollout_strategy',
  'deployments.keycloak.asyncProfiler.version',
  'deployments.backend.asyncProfiler.architecture',
  'secrets.defaults.hubspot_token',
];

const fixtures: [string, Tree][] = [
  ...Object.entries(RELEASES_394),
  ['every removed key', everyRemovedKey],
  ...examples(),
];

describe('translateTo350 over whole releases', () => {
  it('reads the examples too (the fixture list is not empty by accident)', () => {
    expect(examples().length).toBeGreaterThan(5);
  });

  it.each(fixtures)('%s: no key is lost without a row saying so', (_name, input) => {
    const before = structuredClone(input);
    const result = translateTo350(input);
    expect(lostKeys(input, result)).toEqual([]);
    expect(input, 'the input is not changed').toEqual(before);
  });

  it.each(fixtures)('%s: no key removed in 3.50 is written', (_name, input) => {
    const { values } = translateTo350(input);
    for (const k of REMOVED) expect(getPath(values, k.split('.')), k).toBeUndefined();
  });

  it.each(fixtures)('%s: no router Ingress annotation the chart sets itself (G11)', (_n, input) => {
    const ann = getPath(translateTo350(input).values, [
      'general',
      'router',
      'ingress',
      'annotations',
    ]);
    for (const k of ['proxy-buffer-size', 'backend-protocol'])
      expect(Object.keys(ann ?? {})).not.toContain(`${NG}${k}`);
  });

  it.each(fixtures)('%s: the AES key travels nowhere, no user key is made', (_name, input) => {
    const { values } = translateTo350(input);
    const aes = getPath(input, ['secrets', 'api_keys_encryption', 'aes_key']);
    if (typeof aes === 'string' && aes) expect(allStrings(values)).not.toContain(aes);
    expect(getPath(values, ['secrets', 'keysEncryption', 'userEncryptionKey'])).toBeUndefined();
  });

  it.each(fixtures)('%s: no secret value appears in what the admin is told', (_n, input) => {
    // every secret marked, so a tell that quotes one is found (real values such as the database
    // user "lightrun" are also ordinary words)
    const marked = structuredClone(input);
    const secrets = leafPaths(marked).filter(isSecretPath);
    secrets.forEach((p, i) => setPath(marked, p, `secret-${i}-marker`));
    const told = translateTo350(marked)
      .rows.map((r) => r.tell)
      .join('\n');
    expect(told).not.toContain('-marker');
  });

  it('the invariant catches a key that vanished without a row', () => {
    const input: Tree = { general: { a: 1, b: { c: 2 } } };
    expect(lostKeys(input, { values: { general: { a: 1 } }, rows: [] })).toEqual(['general.b.c']);
    const dropped = { id: 'x', from: ['general.b'], to: [], fate: 'dropped' as const, tell: '' };
    expect(lostKeys(input, { values: { general: { a: 1 } }, rows: [dropped] })).toEqual([]);
    const moved = { ...dropped, fate: 'translated' as const, to: ['general.d'] };
    expect(lostKeys(input, { values: { general: { a: 1 } }, rows: [moved] })).toEqual([
      'general.b.c',
    ]);
    expect(lostKeys(input, { values: { general: { a: 1, d: 2 } }, rows: [moved] })).toEqual([]);
  });

  it('U1: the legacy Ingresses become the router Ingress; admin paths stay denied', () => {
    const { values } = translateTo350(U1);
    expect(getPath(values, ['general', 'router'])).toEqual({
      ingress: {
        enabled: true,
        ingress_class_name: 'nginx',
        annotations: {
          'nginx.ingress.kubernetes.io/proxy-read-timeout': '600',
          'nginx.ingress.kubernetes.io/proxy-body-size': '50m',
        },
      },
      service: { type: 'ClusterIP' },
      acl: {
        auth_admin: { allow_ips: [], deny_ips: ['all'] },
        metrics: { allow_ips: [], deny_ips: ['all'] },
      },
    });
    expect(getPath(values, ['general', 'mq'])).toEqual({ enabled: false });
  });

  it('U4: the MySQL claim keys are untouched, the queue leaves its claim', () => {
    const { values, rows } = translateTo350(U4);
    expect(getPath(values, ['general', 'statefulset'])).toEqual(
      getPath(U4, ['general', 'statefulset']),
    );
    expect(rows.filter((r) => r.step).map((r) => r.step)).toEqual([
      'delete-mq-statefulset-and-pvc',
      'backup-encryption-key',
      'backup-database',
    ]);
    expect(leafPaths(values).map((p) => p.join('.'))).not.toContain('general.mq.storage');
  });
});
