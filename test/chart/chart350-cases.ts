// The values chart-3.50/ refuses (docs/chart-3.50.md §6 F1-F7, and the traps of §7 the test chart
// refuses at render time because the vendor's would fail at apply or run time), each beside the
// same setting done right. chart-350-behaviour.test.ts renders them with helm;
// check-350-agrees.test.ts proves `cli check` names every one before helm runs.

const KEY = 'UHAQfP+tkn/kCax6InSSrYvP5eW+pD1JTTC/6KxDTz8='; // base64 of 32 bytes

export interface Failure {
  id: string;
  /** makes the render fail */
  bad: object;
  /** the same setting done right: renders */
  good: object;
  /** the message names these keys */
  keys: string[];
}

export const failures: Failure[] = [
  {
    id: 'F1 customCaCertificate and existingCaSecret both set',
    bad: { secrets: { customCa: { customCaCertificate: 'Q0E=', existingCaSecret: 'ca' } } },
    good: { secrets: { customCa: { existingCaSecret: 'ca' } } },
    keys: ['secrets.customCa', 'customCaCertificate', 'existingCaSecret'],
  },
  {
    id: 'F2 customCaCertificate with deploy_secrets off',
    bad: {
      general: { deploy_secrets: { enabled: false } },
      secrets: { customCa: { customCaCertificate: 'Q0E=' } },
    },
    good: { secrets: { customCa: { customCaCertificate: 'Q0E=' } } },
    keys: ['secrets.customCa.customCaCertificate', 'general.deploy_secrets.enabled'],
  },
  {
    id: 'F2 customCaCertificate with a bare deploy_secrets: false',
    bad: {
      general: { deploy_secrets: false },
      secrets: { customCa: { customCaCertificate: 'Q0E=' } },
    },
    good: { general: { deploy_secrets: false }, secrets: { customCa: { existingCaSecret: 'ca' } } },
    keys: ['secrets.customCa.customCaCertificate', 'general.deploy_secrets'],
  },
  {
    id: 'F3 no keycloak-events queue',
    bad: { general: { mq: { queue_names: ['mixpanel-events'] } } },
    good: { general: { mq: { queue_names: ['Mixpanel-Events-eu', 'KEYCLOAK-events'] } } },
    keys: ['general.mq.queue_names', 'keycloak-events'],
  },
  {
    id: 'F3 no mixpanel-events queue',
    bad: { general: { mq: { queue_names: ['keycloak-events'] } } },
    good: { general: { mq: { enabled: false, queue_names: ['keycloak-events'] } } },
    keys: ['general.mq.queue_names', 'mixpanel-events'],
  },
  {
    id: 'F3 an empty list (the legacy queue_name alone)',
    bad: { general: { mq: { queue_names: [], queue_name: 'mixpanel-events' } } },
    good: { general: { mq: { queue_names: ['mixpanel-events', 'keycloak-events'] } } },
    keys: ['general.mq.queue_names', 'keycloak-events'],
  },
  {
    id: 'F4 a MySQL tag that is no version',
    bad: { deployments: { mysql: { image: { tag: 'lts' } } } },
    good: { general: { db_local: false }, deployments: { mysql: { image: { tag: 'lts' } } } },
    keys: ['deployments.mysql.image.tag'],
  },
  {
    id: 'F4 a MySQL digest',
    bad: { deployments: { mysql: { image: { tag: 'sha256:0123abcd' } } } },
    good: { deployments: { mysql: { image: { tag: '8.4.10-oraclelinux9' } } } },
    keys: ['deployments.mysql.image.tag'],
  },
  {
    id: 'F5 a MySQL tag written as a number',
    bad: { deployments: { mysql: { image: { tag: 8.4 } } } },
    good: { deployments: { mysql: { image: { tag: '8.4' } } } },
    keys: ['deployments.mysql.image.tag'],
  },
  {
    id: 'F6 a bare deploy_secrets: true',
    bad: { general: { deploy_secrets: true } },
    good: { general: { deploy_secrets: { enabled: true } } },
    keys: ['general.deploy_secrets'],
  },
  ...[': ', '*', '@', '%'].map((bad) => ({
    id: `F7 userEncryptionKey ${bad === ': ' ? 'containing ": "' : `starting with ${bad}`}`,
    bad: {
      secrets: { keysEncryption: { userEncryptionKey: bad === ': ' ? 'ab: cd' : `${bad}abc` } },
    },
    good: { secrets: { keysEncryption: { userEncryptionKey: KEY } } },
    keys: ['secrets.keysEncryption.userEncryptionKey'],
  })),
];

/** Refusals beyond F1-F7: values the vendor renders and the API server or the pods then reject. */
export const refusals: Failure[] = [
  {
    id: 'T3 userEncryptionKey all digits',
    bad: { secrets: { keysEncryption: { userEncryptionKey: '12345' } } },
    good: { secrets: { keysEncryption: { userEncryptionKey: 'abc12345' } } },
    keys: ['secrets.keysEncryption.userEncryptionKey'],
  },
  {
    id: 'T5 dumps on a claim without its name',
    bad: { deployments: { crons: { dumpsPersistence: { enabled: true } } } },
    good: { deployments: { crons: { dumpsPersistence: { enabled: true, existingClaim: 'd' } } } },
    keys: ['deployments.crons.dumpsPersistence'],
  },
  {
    id: 'T6 existing internal certificates without the artifacts one',
    bad: {
      general: {
        mq: { enabled: false },
        internal_tls: {
          enabled: true,
          certificates: {
            verification: false,
            existing_certificates: {
              frontend: 'a',
              keycloak: 'a',
              keycloak_cluster: 'a',
              redis: 'a',
            },
          },
        },
      },
    },
    good: {
      general: {
        mq: { enabled: false },
        internal_tls: {
          enabled: true,
          certificates: {
            verification: false,
            existing_certificates: {
              frontend: 'a',
              keycloak: 'a',
              keycloak_cluster: 'a',
              redis: 'a',
              artifacts: 'a',
            },
          },
        },
      },
    },
    keys: ['general.internal_tls.certificates.existing_certificates.artifacts'],
  },
  {
    id: 'T8 customCaCertificate with self-signed internal TLS',
    bad: {
      general: {
        internal_tls: {
          enabled: true,
          certificates: { source: 'generate_self_signed_certificates', verification: false },
        },
      },
      secrets: { customCa: { customCaCertificate: 'Q0E=' } },
    },
    good: {
      general: {
        internal_tls: {
          enabled: true,
          certificates: { source: 'generate_self_signed_certificates', verification: false },
        },
      },
    },
    keys: ['secrets.customCa', 'generate_self_signed_certificates'],
  },
  {
    id: 'self-signed certificates with verification on',
    bad: {
      general: {
        internal_tls: {
          enabled: true,
          certificates: { source: 'generate_self_signed_certificates' },
        },
      },
    },
    good: {
      general: {
        internal_tls: {
          enabled: true,
          certificates: { source: 'generate_self_signed_certificates', verification: false },
        },
      },
    },
    keys: ['general.internal_tls.certificates.verification'],
  },
  {
    id: 'a crons memory the heap rule cannot read',
    bad: { deployments: { crons: { resources: { memory: '2.5Gi' } } } },
    good: { deployments: { crons: { resources: { memory: '2560Mi' } } } },
    keys: ['deployments.crons.resources.memory'],
  },
  {
    id: 'router Ingress without its Service',
    bad: { general: { router: { service: { enabled: false } } } },
    good: { general: { router: { service: { enabled: false }, ingress: { enabled: false } } } },
    keys: ['general.router.ingress.enabled', 'general.router.service.enabled'],
  },
];
