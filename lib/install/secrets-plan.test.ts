import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { completeAnswers, validateAnswers, type Answers } from '../answers';
import { prefillSecretValues, requiredSecrets, secretsManifest } from './secrets-plan';

function example(name: string): Answers {
  const p = validateAnswers(
    completeAnswers(
      parse(
        readFileSync(path.join(__dirname, '..', '..', 'examples', name, 'answers.yaml'), 'utf8'),
      ),
    ),
  );
  if (!p.success) throw new Error(`${name} invalid`);
  return p.data;
}

describe('requiredSecrets', () => {
  it('is empty when the chart creates the Secrets', () => {
    expect(requiredSecrets(example('quick-default'), 'lr')).toEqual([]);
  });

  it('lists the exact names and keys of the secrets-outside example', () => {
    expect(
      requiredSecrets(example('secrets-outside'), 'lr').map((s) => [
        s.name,
        s.type,
        s.keys.join(','),
      ]),
    ).toEqual([
      [
        'lightrun-backend-secrets',
        'Opaque',
        'SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD,SPRING_MAIL_PASSWORD,SPRING_DATASOURCE_USERNAME,SPRING_FLYWAY_USER,SPRING_DATASOURCE_PASSWORD,SPRING_FLYWAY_PASSWORD,KEYSTORE_PASSWORD,LICENSE_CONTENT,LICENSE_SIGNATURE',
      ],
      [
        'lightrun-keycloak-secrets',
        'Opaque',
        'KEYCLOAK_USER,KEYCLOAK_PASSWORD,DB_USER,DB_PASSWORD',
      ],
      ['lightrun-aes-key', 'Opaque', 'aes.key'],
      ['lightrun-server-tls', 'kubernetes.io/tls', 'tls.crt,tls.key'],
      ['lightrun-registry', 'kubernetes.io/dockerconfigjson', '.dockerconfigjson'],
    ]);
  });

  it('chart 3.50: the backend Secret holds encryption-key-0, and no AES Secret is asked for', () => {
    const a = { ...example('secrets-outside'), chart: '3.50.0' as const };
    const list = requiredSecrets(a, 'lr');
    expect(list[0]!.keys.at(-1)).toBe('encryption-key-0');
    expect(list[0]!.purpose).toContain('openssl rand -base64 32');
    expect(list.map((s) => s.name)).not.toContain('lightrun-aes-key');
    expect(list.flatMap((s) => s.keys)).not.toContain('aes.key');
  });

  it('adds the MQ keys when the message queue is on', () => {
    const a = {
      ...example('secrets-outside'),
      messageQueue: example('mq-local-metrics').messageQueue,
    };
    expect(requiredSecrets(a, 'lr')[0]!.keys.slice(-2)).toEqual([
      'SPRING_RABBITMQ_USERNAME',
      'SPRING_RABBITMQ_PASSWORD',
    ]);
  });

  it('falls back to the chart names when no name is given and leaves MQ keys out without a queue', () => {
    const a = example('secrets-outside');
    const b: Answers = {
      ...a,
      secrets: { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' },
      messageQueue: { mode: 'off' },
      apiKeysEncryption: { enabled: false },
      pullSecret: { mode: 'none' },
    };
    expect(requiredSecrets(b, 'lr').map((s) => [s.name, s.keys.length])).toEqual([
      ['lr-backend', 9],
      ['lr-keycloak', 4],
      ['lightrun-server-tls', 2],
    ]);
  });
});

describe('secretsManifest', () => {
  it('renders each Secret with empty values to fill in', () => {
    const m = secretsManifest(
      [
        { name: 'lr-aes', type: 'Opaque', keys: ['aes.key'], purpose: 'AES key' },
        { name: 'tls', type: 'kubernetes.io/tls', keys: ['tls.crt', 'tls.key'], purpose: 'cert' },
      ],
      'lightrun',
    );
    expect(m).toBe(`# AES key
apiVersion: v1
kind: Secret
type: Opaque
metadata:
  name: lr-aes
  namespace: lightrun
stringData:
  aes.key: ""
---
# cert
apiVersion: v1
kind: Secret
type: kubernetes.io/tls
metadata:
  name: tls
  namespace: lightrun
stringData:
  tls.crt: ""
  tls.key: ""
`);
  });
});

describe('prefillSecretValues', () => {
  it('fills every key of every Secret: what the answers know, the rest empty', () => {
    const a = example('secrets-outside');
    a.database = { ...a.database, user: 'db-user-1', password: 'Db-Pass-1' };
    a.license = { content: 'LIC', signature: 'SIG' };
    const list = requiredSecrets(a, 'lr');
    const v = prefillSecretValues(a, list);
    expect(Object.keys(v)).toEqual(list.map((s) => s.name));
    for (const s of list) expect(Object.keys(v[s.name]!)).toEqual(s.keys);
    expect(v['lightrun-backend-secrets']).toMatchObject({
      SPRING_DATASOURCE_USERNAME: 'db-user-1',
      SPRING_FLYWAY_PASSWORD: 'Db-Pass-1',
      LICENSE_CONTENT: 'LIC',
      LICENSE_SIGNATURE: 'SIG',
      KEYSTORE_PASSWORD: '',
    });
    expect(v['lightrun-keycloak-secrets']).toEqual({
      KEYCLOAK_USER: '',
      KEYCLOAK_PASSWORD: '',
      DB_USER: 'db-user-1',
      DB_PASSWORD: 'Db-Pass-1',
    });
    expect(v['lightrun-server-tls']).toEqual({ 'tls.crt': '', 'tls.key': '' });
  });
  it('takes the queue credentials only when the queue is on, and the AES key only when encryption is on', () => {
    const a = {
      ...example('secrets-outside'),
      messageQueue: {
        ...example('mq-local-metrics').messageQueue,
        user: 'mq-u',
        password: 'mq-p',
      },
    };
    a.apiKeysEncryption = {
      enabled: true,
      aesKey: '0123456789abcdef0123456789abcdef',
      mountPath: '/k',
    };
    const v = prefillSecretValues(a, requiredSecrets(a, 'lr'));
    expect(v['lightrun-backend-secrets']).toMatchObject({
      SPRING_RABBITMQ_USERNAME: 'mq-u',
      SPRING_RABBITMQ_PASSWORD: 'mq-p',
    });
    expect(v['lightrun-aes-key']).toEqual({ 'aes.key': '0123456789abcdef0123456789abcdef' });
    const off: Answers = { ...a, messageQueue: { mode: 'off' } };
    expect(
      prefillSecretValues(off, [
        { name: 'x', type: 'Opaque', keys: ['SPRING_RABBITMQ_USERNAME'], purpose: '' },
      ]),
    ).toEqual({ x: { SPRING_RABBITMQ_USERNAME: '' } });
  });
});

// Rows found by StrykerJS (bench/mutation.md): the purpose shown beside each Secret, and the
// chart's own names for the AES key and the certificate when the answers name none.
describe('requiredSecrets: every field of every entry', () => {
  it('the secrets-outside example, purposes included', () => {
    expect(
      requiredSecrets(example('secrets-outside'), 'lr').map((s) => [s.name, s.purpose]),
    ).toEqual([
      [
        'lightrun-backend-secrets',
        'backend: license, database and message-queue credentials, keystore and first-login password',
      ],
      ['lightrun-keycloak-secrets', 'Keycloak admin and its database credentials'],
      ['lightrun-aes-key', 'AES key of the system API keys'],
      ['lightrun-server-tls', 'server certificate and its private key'],
      ['lightrun-registry', 'image registry credentials'],
    ]);
  });
  it('an unnamed AES Secret and an inline certificate get the release-based names', () => {
    const a = example('secrets-outside');
    if (a.secrets.mode !== 'existing') throw new Error('secrets-outside keeps its Secrets outside');
    const b: Answers = {
      ...a,
      secrets: { ...a.secrets, apiKeysEncryption: '' },
      certificate: { source: 'inline', crt: 'C', key: 'K' },
    };
    expect(requiredSecrets(b, 'lr').map((s) => [s.name, s.type])).toEqual([
      ['lightrun-backend-secrets', 'Opaque'],
      ['lightrun-keycloak-secrets', 'Opaque'],
      ['lr-aes', 'Opaque'],
      ['lr-certificate', 'kubernetes.io/tls'],
      ['lightrun-registry', 'kubernetes.io/dockerconfigjson'],
    ]);
  });
});
