import { defaultAnswers } from '../defaults';
import type { Answers } from '../schema';

export const FAKE_CERT = '-----BEGIN CERTIFICATE-----\nMIIBfakecertificatebody\n-----END CERTIFICATE-----\n';
export const FAKE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIBfakekeybody\n-----END PRIVATE KEY-----\n';

/** The smallest valid answers: the quick path (endpoint, license, certificate, credentials). */
export function validAnswers(): Answers {
  const a = defaultAnswers();
  a.general.name = 'acme';
  a.general.endpoint = 'lightrun.acme.example.com';
  a.license = { content: 'LICENSE-CONTENT', signature: 'LICENSE-SIGNATURE' };
  a.certificate = { source: 'inline', crt: FAKE_CERT, key: FAKE_KEY };
  a.database.user = 'lightrun';
  a.database.password = 'db-password';
  if (a.secrets.mode === 'chart') {
    a.secrets.keycloakPassword = 'keycloak-password';
    a.secrets.keystorePassword = 'keystore1';
  }
  return a;
}
