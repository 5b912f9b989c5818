import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { SECRET_ANSWER_PATHS, stripSecrets } from './secret-fields';
import secretPaths from './secret-paths.json';
import * as zodFree from './strip-secrets';

describe('secret fields', () => {
  it('are derived from the schema and cover the secret register (docs/chart-3.9.4.md §13.4)', () => {
    for (const p of [
      'license.content',
      'license.signature',
      'certificate.key',
      'apiKeysEncryption.aesKey',
      'database.password',
      'database.user',
      'messageQueue.password',
      'secrets.keycloakPassword',
      'secrets.keystorePassword',
      'pullSecret.configContent',
    ]) {
      expect(SECRET_ANSWER_PATHS).toContain(p);
    }
    expect(SECRET_ANSWER_PATHS).not.toContain('general.endpoint');
  });

  it('the generated secret-paths.json the browser reads is the schema-derived list (npm run gen)', () => {
    expect(secretPaths).toEqual([...SECRET_ANSWER_PATHS]);
    expect(zodFree.SECRET_ANSWER_PATHS).toEqual(SECRET_ANSWER_PATHS);
  });

  it('stripSecrets empties every secret and keeps everything else', () => {
    const a = validAnswers();
    a.apiKeysEncryption = { enabled: true, aesKey: 'ab'.repeat(16), mountPath: '/keys' };
    a.passthrough = {
      secrets: { redis: { password: 'redis-pw' } },
      certificate: { tls: { key: 'x' } },
      deployments: { backend: { podLabels: { a: 'b' } } },
    };
    const s = stripSecrets(a);
    const text = JSON.stringify(s);
    for (const v of [
      'LICENSE-CONTENT',
      'LICENSE-SIGNATURE',
      'db-password',
      'keycloak-password',
      'keystore1',
      'ab'.repeat(16),
      'redis-pw',
      'PRIVATE KEY',
    ])
      expect(text).not.toContain(v);
    expect(s.general.endpoint).toBe('lightrun.acme.example.com');
    expect(s.passthrough).toEqual({
      certificate: {},
      deployments: { backend: { podLabels: { a: 'b' } } },
    });
    expect(a.license.content).toBe('LICENSE-CONTENT'); // the input is untouched
  });
});
