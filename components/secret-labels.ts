import type { StepId } from '@/lib/answers/steps';

/** How the admin knows each secret field, and the step where it is entered. */
export const SECRET_LABELS: Record<string, { label: string; step: StepId }> = {
  'license.content': { label: 'License content', step: 'endpoint' },
  'license.signature': { label: 'License signature', step: 'endpoint' },
  'pullSecret.configContent': { label: 'Docker config of the pull secret', step: 'endpoint' },
  'certificate.key': { label: 'Private key of the server certificate', step: 'certificate' },
  'database.user': { label: 'Database user', step: 'database' },
  'database.password': { label: 'Database password', step: 'database' },
  'messageQueue.user': { label: 'RabbitMQ user', step: 'message-queue' },
  'messageQueue.password': { label: 'RabbitMQ password', step: 'message-queue' },
  'secrets.keycloakPassword': { label: 'Keycloak admin / first-login password', step: 'secrets' },
  'secrets.keystorePassword': { label: 'Backend keystore password', step: 'secrets' },
  'secrets.mailPassword': { label: 'Mail server password', step: 'secrets' },
  'secrets.googleClientId': { label: 'Google SSO client ID', step: 'secrets' },
  'secrets.googleClientSecret': { label: 'Google SSO client secret', step: 'secrets' },
  'secrets.datadogApiKey': { label: 'Datadog API key', step: 'secrets' },
  'secrets.mixpanelToken': { label: 'Mixpanel token', step: 'secrets' },
  'secrets.hubspotToken': { label: 'HubSpot token', step: 'secrets' },
  'apiKeysEncryption.aesKey': { label: 'AES key', step: 'secrets' },
  'secrets.encryptionKey': { label: 'Encryption key (chart 3.50)', step: 'secrets' },
};
