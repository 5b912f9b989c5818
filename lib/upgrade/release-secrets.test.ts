import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { keptSecret, releaseSecretNames, secretsFileText } from './release-secrets';

describe('releaseSecretNames: the Secrets the plan says to keep', () => {
  it.each([
    ['the chart’s names by default', {}, ['lr-backend', 'lr-keycloak', 'lr-certificate']],
    [
      'the AES key’s Secret when API-key encryption is on',
      { general: { api_keys_encryption: { enabled: true } } },
      ['lr-backend', 'lr-keycloak', 'lr-certificate', 'lr-aes'],
    ],
    [
      'no AES Secret when encryption is off',
      { general: { api_keys_encryption: { enabled: false } } },
      ['lr-backend', 'lr-keycloak', 'lr-certificate'],
    ],
    [
      'the existing names the values give',
      {
        general: {
          api_keys_encryption: { enabled: 'true' },
          deploy_secrets: {
            enabled: false,
            existing_secrets: {
              backend: 'my-be',
              keycloak: ' my-kc ',
              api_keys_encryption: 'my-aes',
            },
          },
        },
        certificate: { existing_cert: 'my-tls' },
      },
      ['my-be', 'my-kc', 'my-tls', 'my-aes'],
    ],
    [
      'a bare deploy_secrets boolean: no existing names, the chart’s',
      { general: { deploy_secrets: false }, certificate: { existing_cert: '' } },
      ['lr-backend', 'lr-keycloak', 'lr-certificate'],
    ],
  ])('%s', (_what, values, names) => {
    expect(releaseSecretNames(values, 'lr').map((s) => s.name)).toEqual(names);
  });

  it('names each role', () => {
    expect(
      releaseSecretNames({ general: { api_keys_encryption: { enabled: true } } }, 'r').map(
        (s) => s.role,
      ),
    ).toEqual(['backend', 'keycloak', 'certificate', 'aes']);
  });
});

const LIVE = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'lr-backend',
    namespace: 'ns',
    uid: 'u-1',
    resourceVersion: '42',
    creationTimestamp: '2026-12-07T00:00:00Z',
    managedFields: [{ manager: 'helm' }],
    ownerReferences: [{ kind: 'X', name: 'y', uid: 'u-2' }],
    labels: { 'app.kubernetes.io/instance': 'lr' },
    annotations: {
      'meta.helm.sh/release-name': 'lr',
      'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"P":"c2VjcmV0"}}',
    },
  },
  type: 'Opaque',
  data: { SPRING_DATASOURCE_PASSWORD: 'RGItcGFzcy0xMjM=' },
};

describe('keptSecret', () => {
  it('keeps name, namespace, labels, annotations, type and data as the cluster has it', () => {
    expect(keptSecret(LIVE)).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'lr-backend',
        namespace: 'ns',
        labels: { 'app.kubernetes.io/instance': 'lr' },
        annotations: { 'meta.helm.sh/release-name': 'lr' },
      },
      type: 'Opaque',
      data: { SPRING_DATASOURCE_PASSWORD: 'RGItcGFzcy0xMjM=' },
    });
  });

  it('writes no empty labels or annotations, keeps immutable', () => {
    expect(
      keptSecret({
        metadata: { name: 'a', namespace: 'n', labels: {}, annotations: {} },
        immutable: true,
      }),
    ).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'a', namespace: 'n' },
      immutable: true,
      data: {},
    });
  });
});

describe('secretsFileText', () => {
  it('one document per Secret, applied back as they were; the missing named in the header', () => {
    const text = secretsFileText({
      release: 'lr',
      namespace: 'ns',
      takenAt: '2026-12-07T22:00:00.000Z',
      found: [LIVE, { ...LIVE, metadata: { name: 'lr-keycloak', namespace: 'ns' } }],
      missing: ['lr-aes'],
    });
    expect(text).toMatch(/^# The Secrets of release lr in ns/);
    expect(text).toContain('# Not in the namespace: lr-aes.');
    const docs = parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);
    expect(docs.map((d) => (d.metadata as { name: string }).name)).toEqual([
      'lr-backend',
      'lr-keycloak',
    ]);
    expect(docs[0]).toEqual(keptSecret(LIVE));
    expect(text).not.toMatch(/uid|resourceVersion|managedFields|last-applied/);
  });

  it('says nothing is missing when nothing is', () => {
    const text = secretsFileText({
      release: 'lr',
      namespace: 'ns',
      takenAt: 't',
      found: [LIVE],
      missing: [],
    });
    expect(text).not.toContain('Not in the namespace');
  });
});
