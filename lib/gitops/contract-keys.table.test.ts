import { describe, expect, it } from 'vitest';
import type { Answers } from '../answers/schema';
import { answers350, examples } from '../values/__fixtures__/examples-350';
import { contractSecrets, type ContractKey } from './contract-keys';

// The Secrets a plan with "Secrets kept outside the chart" needs and each key the chart reads from
// them (docs/gitops.md's table, docs/chart-3.9.4.md §13, docs/chart-3.50.md §9, §10), row by row:
// a key name wrong here is a Secret the chart cannot read.
const byName = (n: string) => examples().find((e) => e.name === n)!;
const outside = (chart: '3.9.4' | '3.50.0'): Answers =>
  chart === '3.9.4'
    ? structuredClone(byName('secrets-outside').answers)
    : answers350(byName('secrets-outside'));

const s = (key: string, store: string): ContractKey => ({ key, store });
const BACKEND = [
  s('SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD', 'keycloak-password'),
  s('SPRING_DATASOURCE_USERNAME', 'db-user'),
  s('SPRING_FLYWAY_USER', 'db-user'),
  s('SPRING_DATASOURCE_PASSWORD', 'db-password'),
  s('SPRING_FLYWAY_PASSWORD', 'db-password'),
  s('KEYSTORE_PASSWORD', 'keystore-password'),
  s('LICENSE_CONTENT', 'license-content'),
  s('LICENSE_SIGNATURE', 'license-signature'),
];
const MQ = [s('SPRING_RABBITMQ_USERNAME', 'mq-user'), s('SPRING_RABBITMQ_PASSWORD', 'mq-password')];
const KEYCLOAK = [
  { key: 'KEYCLOAK_USER', fixed: 'admin' },
  s('KEYCLOAK_PASSWORD', 'keycloak-password'),
  s('DB_USER', 'db-user'),
  s('DB_PASSWORD', 'db-password'),
];
const AES = [s('aes.key', 'aes-key')];
const KEY_0 = [s('encryption-key-0', 'encryption-key')];

type Edit = (a: Answers) => void;
const named: Edit = () => undefined; // secrets-outside names all three Secrets
const unnamed: Edit = (a) => {
  a.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' };
};
const mqOn: Edit = (a) => {
  a.messageQueue = structuredClone(byName('mq-local-metrics').answers.messageQueue);
};
const aesOff: Edit = (a) => {
  a.apiKeysEncryption = { enabled: false };
};

const rows: [string, '3.9.4' | '3.50.0', Edit[], [string, ContractKey[]][]][] = [
  [
    '3.9.4, named, AES on, MQ off',
    '3.9.4',
    [named],
    [
      ['lightrun-backend-secrets', BACKEND],
      ['lightrun-keycloak-secrets', KEYCLOAK],
      ['lightrun-aes-key', AES],
    ],
  ],
  [
    '3.9.4, default names, MQ on',
    '3.9.4',
    [unnamed, mqOn],
    [
      ['lightrun-backend', [...BACKEND, ...MQ]],
      ['lightrun-keycloak', KEYCLOAK],
      ['lightrun-aes', AES],
    ],
  ],
  [
    '3.9.4, AES off: no AES Secret',
    '3.9.4',
    [aesOff],
    [
      ['lightrun-backend-secrets', BACKEND],
      ['lightrun-keycloak-secrets', KEYCLOAK],
    ],
  ],
  [
    '3.50, named: encryption-key-0 in the backend Secret, no AES Secret even with AES on',
    '3.50.0',
    [named],
    [
      ['lightrun-backend-secrets', [...BACKEND, ...KEY_0]],
      ['lightrun-keycloak-secrets', KEYCLOAK],
    ],
  ],
  [
    '3.50, MQ on: the MQ keys before encryption-key-0',
    '3.50.0',
    [unnamed, mqOn],
    [
      ['lightrun-backend', [...BACKEND, ...MQ, ...KEY_0]],
      ['lightrun-keycloak', KEYCLOAK],
    ],
  ],
];

describe('contractSecrets (docs/gitops.md, the keys each Secret needs)', () => {
  it.each(rows)('%s', (_name, chart, edits, want) => {
    const a = outside(chart);
    for (const e of edits) e(a);
    const got = contractSecrets(a);
    expect(got.map((x) => [x.name, x.keys])).toEqual(want);
  });

  it('each Secret says its role, as the README repeats it', () => {
    const [backend, keycloak, aes] = contractSecrets(outside('3.9.4'));
    expect(backend!.role).toBe(
      'the backend Secret (environment of the backend; MQ keys also for Keycloak and RabbitMQ)',
    );
    expect(keycloak!.role).toBe(
      'the Keycloak Secret (MySQL reads DB_USER and DB_PASSWORD from it too)',
    );
    expect(aes!.role).toBe(
      'the AES key of system API keys (32 hex characters, `openssl rand -hex 16`)',
    );
  });

  it('the chart makes its Secrets: none for the admin', () => {
    expect(contractSecrets(structuredClone(byName('quick-default').answers))).toEqual([]);
    expect(contractSecrets(answers350(byName('quick-default')))).toEqual([]);
  });
});
