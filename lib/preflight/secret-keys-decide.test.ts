import { describe, expect, it } from 'vitest';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { branchDefault } from '../answers/branches';
import type { Answers } from '../answers';
import {
  decideSecretKeys,
  ENCRYPTION_KEY_0,
  wantedSecrets350,
  type SecretFacts,
  type WantedSecret,
} from './secret-keys-decide';

const BACKEND_9 = [
  'SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD',
  'SPRING_MAIL_PASSWORD',
  'SPRING_DATASOURCE_USERNAME',
  'SPRING_FLYWAY_USER',
  'SPRING_DATASOURCE_PASSWORD',
  'SPRING_FLYWAY_PASSWORD',
  'KEYSTORE_PASSWORD',
  'LICENSE_CONTENT',
  'LICENSE_SIGNATURE',
];
const MQ = ['SPRING_RABBITMQ_USERNAME', 'SPRING_RABBITMQ_PASSWORD'];
const KEYCLOAK = ['KEYCLOAK_USER', 'KEYCLOAK_PASSWORD', 'DB_USER', 'DB_PASSWORD'];

function existing350(queue: 'off' | 'local', names: { backend?: string; keycloak?: string } = {}) {
  const a = validAnswers();
  a.chart = '3.50.0';
  a.secrets = {
    mode: 'existing',
    backend: names.backend ?? '',
    keycloak: names.keycloak ?? '',
    apiKeysEncryption: '',
  };
  a.messageQueue =
    queue === 'off'
      ? { mode: 'off' }
      : ({
          ...branchDefault('messageQueue', 'local'),
          user: 'mq',
          password: 'mqpass',
        } as Answers['messageQueue']);
  return a;
}

describe('wantedSecrets350 (docs/chart-3.50.md §9)', () => {
  it('the backend Secret needs 3.9.4’s keys, the queue keys with the queue on, and encryption-key-0', () => {
    expect(wantedSecrets350(existing350('local'), 'lr')).toEqual([
      {
        name: 'lr-backend',
        field: 'secrets.backend',
        keys: [...BACKEND_9, ...MQ, ENCRYPTION_KEY_0],
        nonEmpty: [ENCRYPTION_KEY_0],
      },
      { name: 'lr-keycloak', field: 'secrets.keycloak', keys: KEYCLOAK, nonEmpty: [] },
    ]);
  });

  it('without the queue, no queue keys; named Secrets keep their names', () => {
    const w = wantedSecrets350(existing350('off', { backend: 'be', keycloak: 'kc' }), 'lr');
    expect(w.map((s) => s.name)).toEqual(['be', 'kc']);
    expect(w[0]!.keys).toEqual([...BACKEND_9, ENCRYPTION_KEY_0]);
  });

  it('one Secret named for both holds every key of both', () => {
    const w = wantedSecrets350(existing350('off', { backend: 'all', keycloak: 'all' }), 'lr');
    expect(w).toHaveLength(1);
    expect(w[0]!.keys).toEqual(
      expect.arrayContaining([...BACKEND_9, ...KEYCLOAK, ENCRYPTION_KEY_0]),
    );
  });

  it('Secrets made by the chart: nothing to check', () => {
    const a = validAnswers();
    a.chart = '3.50.0';
    expect(a.secrets.mode).toBe('chart');
    expect(wantedSecrets350(a, 'lr')).toEqual([]);
  });
});

describe('decideSecretKeys', () => {
  const backend: WantedSecret = {
    name: 'lr-backend',
    field: 'secrets.backend',
    keys: ['A', ...MQ, ENCRYPTION_KEY_0],
    nonEmpty: [ENCRYPTION_KEY_0],
  };
  const keycloak: WantedSecret = {
    name: 'lr-keycloak',
    field: 'secrets.keycloak',
    keys: ['K'],
    nonEmpty: [],
  };
  const has = (name: string, keys: string[], emptyKeys: string[] = []): SecretFacts => ({
    name,
    found: true,
    keys,
    emptyKeys,
  });
  const kcOk = has('lr-keycloak', ['K']);

  it('passes when every key is there (extra keys are fine)', () => {
    expect(
      decideSecretKeys(
        [backend, keycloak],
        [has('lr-backend', ['A', ...MQ, ENCRYPTION_KEY_0, 'encryption-key-1', 'X']), kcOk],
        'ns',
      ),
    ).toEqual({
      status: 'pass',
      fix: '',
      message:
        'Secret lr-backend holds the 4 keys it needs; Secret lr-keycloak holds the 1 key it needs (namespace ns).',
    });
  });

  it('fails naming encryption-key-0 when it is missing, and how to make one', () => {
    expect(
      decideSecretKeys([backend, keycloak], [has('lr-backend', ['A', ...MQ]), kcOk], 'ns'),
    ).toEqual({
      status: 'fail',
      message:
        'Secret lr-backend (secrets.backend) lacks encryption-key-0: chart 3.50 needs A, SPRING_RABBITMQ_USERNAME, SPRING_RABBITMQ_PASSWORD and encryption-key-0 there (docs/chart-3.50.md §9).',
      fix: 'Add encryption-key-0 to Secret lr-backend (encryption-key-0: `openssl rand -base64 32`, kept for the life of the installation), or name another Secret in secrets.backend.',
    });
  });

  it('fails naming the queue keys when they are missing', () => {
    const v = decideSecretKeys(
      [backend, keycloak],
      [has('lr-backend', ['A', ENCRYPTION_KEY_0]), kcOk],
      'ns',
    );
    expect(v.status).toBe('fail');
    expect(v.message).toContain('lacks SPRING_RABBITMQ_USERNAME and SPRING_RABBITMQ_PASSWORD');
    expect(v.fix).toBe(
      'Add SPRING_RABBITMQ_USERNAME and SPRING_RABBITMQ_PASSWORD to Secret lr-backend, or name another Secret in secrets.backend.',
    );
  });

  it('an empty encryption-key-0 fails; another empty value does not', () => {
    const all = ['A', ...MQ, ENCRYPTION_KEY_0];
    expect(
      decideSecretKeys([backend], [has('lr-backend', all, [ENCRYPTION_KEY_0])], 'ns').message,
    ).toBe(
      'Secret lr-backend (secrets.backend) has encryption-key-0 empty: chart 3.50 needs A, SPRING_RABBITMQ_USERNAME, SPRING_RABBITMQ_PASSWORD and encryption-key-0 there (docs/chart-3.50.md §9).',
    );
    expect(decideSecretKeys([backend], [has('lr-backend', all, ['A'])], 'ns').status).toBe('pass');
  });

  it('a missing Secret fails naming its field and every key to put in it', () => {
    expect(
      decideSecretKeys([backend, keycloak], [{ name: 'lr-backend', found: false }, kcOk], 'ns'),
    ).toEqual({
      status: 'fail',
      message: 'Secret lr-backend (secrets.backend) does not exist in namespace ns.',
      fix: 'Create it in ns with the keys A, SPRING_RABBITMQ_USERNAME, SPRING_RABBITMQ_PASSWORD and encryption-key-0; encryption-key-0 from `openssl rand -base64 32`, or name the Secret you made in secrets.backend.',
    });
  });

  it('an unreadable Secret warns; a failure elsewhere still decides the status', () => {
    const unknown: SecretFacts = { name: 'lr-keycloak', found: 'unknown', error: 'HTTP 403' };
    expect(
      decideSecretKeys([backend, keycloak], [has('lr-backend', backend.keys), unknown], 'ns'),
    ).toMatchObject({
      status: 'warn',
      message: 'Secret lr-keycloak could not be read in namespace ns: HTTP 403.',
    });
    expect(
      decideSecretKeys([backend, keycloak], [has('lr-backend', []), unknown], 'ns').status,
    ).toBe('fail');
  });
});
