// Secrets, keys and internal TLS (docs/chart-3.50.md §9, §10, §13.2).
import { truthy } from '../values/check-rules';
import { isMap } from '../values/tree';
import type { Rule, Translation } from './context';

const DS = 'general.deploy_secrets';
const AES = [
  'general.api_keys_encryption',
  'secrets.api_keys_encryption',
  `${DS}.existing_secrets.api_keys_encryption`,
];

/** Whether the chart makes the Secrets; 3.9.4 honours a bare boolean too (docs/chart-3.9.4.md §9). */
export function chartMakesSecrets(t: Translation): boolean {
  const v = t.value(DS);
  return isMap(v) ? t.on(`${DS}.enabled`) : truthy(v);
}

/** A bare `deploy_secrets: true` stops the 3.50 render (docs/chart-3.50.md F6). */
export const deploySecretsRule: Rule = (t) => {
  const v = t.value(DS);
  if (isMap(v) || !t.has(DS)) return;
  t.set(DS, { enabled: truthy(v) });
  t.row({
    id: 'deploy-secrets-bare',
    from: [DS],
    to: [`${DS}.enabled`],
    fate: 'translated',
    tell: 'general.deploy_secrets is written as {enabled: ...}: 3.50 refuses the bare form.',
  });
};

/** The 3.9.4 AES key of the API keys has no counterpart in 3.50 (docs/chart-3.50.md §3, §13.2). */
export const aesRule: Rule = (t) => {
  const from = t.present(...AES);
  if (from.length === 0) return;
  const used = t.on('general.api_keys_encryption.enabled');
  for (const k of AES) t.drop(k);
  t.row({
    id: 'aes-key',
    from,
    to: [],
    fate: 'dropped',
    tell: used
      ? 'API-key encryption with the AES key has no counterpart in 3.50: the upgrade deletes Secret <release>-aes. Keep a copy of the AES key first, and ask Lightrun whether the API keys it protected must be entered again. It is not a 3.50 encryption key (another format): do not reuse it as one.'
      : 'The AES key settings were unused and are gone in 3.50.',
    ...(used ? { step: 'backup-aes-key' as const, oneWay: true } : {}),
  });
};

/** The 3.50 encryption key: left to the chart, never a user key on an existing release (T4). */
export const encryptionKeyRule: Rule = (t) => {
  const outside = !chartMakesSecrets(t);
  t.set('secrets.keysEncryption.rotateKey', false);
  t.row({
    id: 'encryption-key',
    from: [],
    to: ['secrets.keysEncryption.rotateKey'],
    fate: 'translated',
    tell: outside
      ? 'The Secrets live outside the chart: add SPRING_RABBITMQ_USERNAME and SPRING_RABBITMQ_PASSWORD (queue on) and encryption-key-0 (openssl rand -base64 32) to the backend Secret before the upgrade. Keep a copy of that key.'
      : 'The chart makes the encryption key (encryption-key-0 in <release>-backend) during the upgrade: back it up right after, and never add a user key later. Lose it and the stored integration keys cannot be read.',
    step: outside ? 'add-keys-to-external-secret' : 'backup-encryption-key',
    oneWay: true,
  });
};

export const hubspotRule: Rule = (t) => {
  const P = 'secrets.defaults.hubspot_token';
  if (!t.has(P)) return;
  t.drop(P);
  t.row({
    id: 'hubspot-token',
    from: [P],
    to: [],
    fate: 'dropped',
    tell: 'The HubSpot token is no longer used by 3.50.',
  });
};

const TLS = 'general.internal_tls';

export const internalTlsRule: Rule = (t) => {
  if (!t.on(`${TLS}.enabled`)) return;
  const selfSigned = t.str(`${TLS}.certificates.source`) === 'generate_self_signed_certificates';
  t.row({
    id: selfSigned ? 'internal-tls-self-signed' : 'internal-tls-existing',
    from: [`${TLS}.enabled`, `${TLS}.certificates.source`],
    to: selfSigned
      ? [`${TLS}.enabled`]
      : [`${TLS}.enabled`, `${TLS}.certificates.existing_certificates.artifacts`],
    fate: 'kept',
    tell: selfSigned
      ? 'The upgrade does not make the new CA and artifacts certificate: before it, render the 3.50 chart with --show-only templates/internal-tls-certs.yaml (same release, namespace and values) and kubectl apply that, or move to existing certificates.'
      : 'The new artifacts pod needs its own certificate: create a TLS Secret for <release>-artifacts, <release>-artifacts.<namespace> and <release>-artifacts.<namespace>.svc and name it in general.internal_tls.certificates.existing_certificates.artifacts.',
    step: selfSigned ? 'precreate-internal-tls' : 'add-artifacts-certificate',
  });
};
