/**
 * The Secrets a plan with "Secrets kept outside the chart" needs, and the keys in each as the
 * chart reads them (docs/chart-3.9.4.md §13, docs/chart-3.50.md §9, §10). PURE. Each key is fed
 * by one value of the admin's store (`store`), so one password is stored once even where the
 * chart reads it under several names.
 */
import type { Answers } from '../answers/schema';

/** A key of a Secret: from the store item `store`, or a fixed value the chart expects. */
export type ContractKey = { key: string; store: string } | { key: string; fixed: string };

export type ContractSecret = {
  /** The Secret's name in the release namespace (as the answers name it, or the chart's default). */
  name: string;
  /** What the chart does with it, for the README. */
  role: string;
  keys: ContractKey[];
};

const k = (key: string, store: string): ContractKey => ({ key, store });

function backendKeys(a: Answers): ContractKey[] {
  const keys = [
    k('SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD', 'keycloak-password'),
    k('SPRING_DATASOURCE_USERNAME', 'db-user'),
    k('SPRING_FLYWAY_USER', 'db-user'),
    k('SPRING_DATASOURCE_PASSWORD', 'db-password'),
    k('SPRING_FLYWAY_PASSWORD', 'db-password'),
    k('KEYSTORE_PASSWORD', 'keystore-password'),
    k('LICENSE_CONTENT', 'license-content'),
    k('LICENSE_SIGNATURE', 'license-signature'),
  ];
  if (a.messageQueue.mode !== 'off')
    keys.push(
      k('SPRING_RABBITMQ_USERNAME', 'mq-user'),
      k('SPRING_RABBITMQ_PASSWORD', 'mq-password'),
    );
  // Under a controller's render only encryption-key-0 is mounted (docs/chart-3.50.md §9).
  if (a.chart === '3.50.0') keys.push(k('encryption-key-0', 'encryption-key'));
  return keys;
}

/** The Secrets (and keys) the admin provides; empty when the chart makes its own. */
export function contractSecrets(a: Answers): ContractSecret[] {
  if (a.secrets.mode !== 'existing') return [];
  const rel = a.release.name;
  const s = a.secrets;
  const out: ContractSecret[] = [
    {
      name: s.backend || `${rel}-backend`,
      role: 'the backend Secret (environment of the backend; MQ keys also for Keycloak and RabbitMQ)',
      keys: backendKeys(a),
    },
    {
      name: s.keycloak || `${rel}-keycloak`,
      role: 'the Keycloak Secret (MySQL reads DB_USER and DB_PASSWORD from it too)',
      keys: [
        { key: 'KEYCLOAK_USER', fixed: 'admin' },
        k('KEYCLOAK_PASSWORD', 'keycloak-password'),
        k('DB_USER', 'db-user'),
        k('DB_PASSWORD', 'db-password'),
      ],
    },
  ];
  if (a.chart !== '3.50.0' && a.apiKeysEncryption.enabled)
    out.push({
      name: s.apiKeysEncryption || `${rel}-aes`,
      role: 'the AES key of system API keys (32 hex characters, `openssl rand -hex 16`)',
      keys: [k('aes.key', 'aes-key')],
    });
  return out;
}
