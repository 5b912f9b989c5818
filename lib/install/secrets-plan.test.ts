import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { completeAnswers, validateAnswers, type Answers } from '../answers';
import { requiredSecrets, secretsManifest } from './secrets-plan';

function example(name: string): Answers {
  const p = validateAnswers(completeAnswers(parse(readFileSync(path.join(__dirname, '..', '..', 'examples', name, 'answers.yaml'), 'utf8'))));
  if (!p.success) throw new Error(`${name} invalid`);
  return p.data;
}

describe('requiredSecrets', () => {
  it('is empty when the chart creates the Secrets', () => {
    expect(requiredSecrets(example('quick-default'), 'lr')).toEqual([]);
  });

  it('lists the exact names and keys of the secrets-outside example', () => {
    expect(requiredSecrets(example('secrets-outside'), 'lr').map((s) => [s.name, s.type, s.keys.join(',')])).toEqual([
      ['lightrun-backend-secrets', 'Opaque', 'SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD,SPRING_MAIL_PASSWORD,SPRING_DATASOURCE_USERNAME,SPRING_FLYWAY_USER,SPRING_DATASOURCE_PASSWORD,SPRING_FLYWAY_PASSWORD,KEYSTORE_PASSWORD,LICENSE_CONTENT,LICENSE_SIGNATURE'],
      ['lightrun-keycloak-secrets', 'Opaque', 'KEYCLOAK_USER,KEYCLOAK_PASSWORD,DB_USER,DB_PASSWORD'],
      ['lightrun-aes-key', 'Opaque', 'aes.key'],
      ['lightrun-server-tls', 'kubernetes.io/tls', 'tls.crt,tls.key'],
      ['lightrun-registry', 'kubernetes.io/dockerconfigjson', '.dockerconfigjson'],
    ]);
  });

  it('adds the MQ keys when the message queue is on', () => {
    const a = { ...(example('secrets-outside') as any), messageQueue: (example('mq-local-metrics') as any).messageQueue };
    expect(requiredSecrets(a, 'lr')[0]!.keys.slice(-2)).toEqual(['SPRING_RABBITMQ_USERNAME', 'SPRING_RABBITMQ_PASSWORD']);
  });

  it('falls back to the chart names when no name is given and leaves MQ keys out without a queue', () => {
    const a = example('secrets-outside') as any;
    const b = { ...a, secrets: { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' }, messageQueue: { mode: 'off' }, apiKeysEncryption: { enabled: false }, pullSecret: { mode: 'none' } };
    expect(requiredSecrets(b, 'lr').map((s) => [s.name, s.keys.length])).toEqual([
      ['lr-backend', 9], ['lr-keycloak', 4], ['lightrun-server-tls', 2],
    ]);
  });
});

describe('secretsManifest', () => {
  it('renders each Secret with empty values to fill in', () => {
    const m = secretsManifest([{ name: 'lr-aes', type: 'Opaque', keys: ['aes.key'], purpose: 'AES key' }, { name: 'tls', type: 'kubernetes.io/tls', keys: ['tls.crt', 'tls.key'], purpose: 'cert' }], 'lightrun');
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
