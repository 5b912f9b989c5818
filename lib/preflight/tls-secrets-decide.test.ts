import { describe, expect, it } from 'vitest';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import type { Answers } from '../answers';
import {
  decideTlsSecrets,
  wantedTlsSecrets,
  type TlsSecretFacts,
  type WantedTlsSecret,
} from './tls-secrets-decide';

// Internal TLS from existing certificates: each named Secret exists and is kubernetes.io/tls,
// chart 3.50's artifacts Secret among them (docs/chart-3.50.md T6).
const existing = (chart: Answers['chart'], artifacts?: string): Answers => ({
  ...validAnswers(),
  chart,
  internalTls: {
    mode: 'existing',
    verification: true,
    caSecretName: 'ca',
    certificates: {
      frontend: 'shared',
      keycloak: 'shared',
      keycloakCluster: '',
      redis: 'redis-tls',
      rabbitmq: '',
      ...(artifacts === undefined ? {} : { artifacts }),
    },
  },
});

describe('wantedTlsSecrets', () => {
  it('each named Secret once, with the answers naming it; none without existing certificates', () => {
    expect(wantedTlsSecrets(existing('3.9.4'))).toEqual([
      {
        name: 'shared',
        fields: ['internalTls.certificates.frontend', 'internalTls.certificates.keycloak'],
      },
      { name: 'redis-tls', fields: ['internalTls.certificates.redis'] },
    ]);
    expect(wantedTlsSecrets({ ...validAnswers(), internalTls: { mode: 'self-signed' } })).toEqual(
      [],
    );
  });

  it('chart 3.50: the artifacts Secret too (a shared one is listed once); 3.9.4 has no artifacts pod', () => {
    expect(wantedTlsSecrets(existing('3.50.0', 'art-tls'))).toContainEqual({
      name: 'art-tls',
      fields: ['internalTls.certificates.artifacts'],
    });
    expect(wantedTlsSecrets(existing('3.50.0', 'shared'))[0]!.fields).toContain(
      'internalTls.certificates.artifacts',
    );
    expect(JSON.stringify(wantedTlsSecrets(existing('3.9.4', 'art-tls')))).not.toContain(
      'artifacts',
    );
  });
});

describe('decideTlsSecrets', () => {
  const art: WantedTlsSecret = { name: 'art-tls', fields: ['internalTls.certificates.artifacts'] };
  const redis: WantedTlsSecret = { name: 'redis-tls', fields: ['internalTls.certificates.redis'] };
  const tls = (name: string, type = 'kubernetes.io/tls'): TlsSecretFacts => ({
    name,
    found: true,
    type,
  });

  it('passes when every Secret is there and of type kubernetes.io/tls', () => {
    expect(decideTlsSecrets([art, redis], [tls('art-tls'), tls('redis-tls')], 'ns')).toEqual({
      status: 'pass',
      fix: '',
      message: 'art-tls and redis-tls are kubernetes.io/tls Secrets in namespace ns.',
    });
    expect(decideTlsSecrets([art], [tls('art-tls')], 'ns').message).toBe(
      'art-tls is a kubernetes.io/tls Secret in namespace ns.',
    );
  });

  it('fails naming the missing Secret, the answer that names it and how to create it', () => {
    expect(decideTlsSecrets([art, redis], [tls('redis-tls')], 'ns')).toEqual({
      status: 'fail',
      message:
        'Secret art-tls (internalTls.certificates.artifacts) does not exist in namespace ns: the pods that mount it cannot start.',
      fix: 'Create it: kubectl -n ns create secret tls art-tls --cert=<certificate.pem> --key=<key.pem>, or name the Secret you made.',
    });
  });

  it('fails on a Secret of another type (an Opaque one with the right keys included)', () => {
    for (const type of ['Opaque', '']) {
      const v = decideTlsSecrets([art], [tls('art-tls', type)], 'ns');
      expect(v.status).toBe('fail');
      expect(v.message).toBe(
        'Secret art-tls (internalTls.certificates.artifacts) is of type Opaque, not kubernetes.io/tls.',
      );
      expect(v.fix).toMatch(/create secret tls art-tls/);
    }
  });

  it('warns when a Secret cannot be read; a failure elsewhere still wins', () => {
    const unknown: TlsSecretFacts = { name: 'art-tls', found: 'unknown', error: 'forbidden' };
    const v = decideTlsSecrets([art], [unknown], 'ns');
    expect(v.status).toBe('warn');
    expect(v.message).toBe('Secret art-tls could not be read in namespace ns: forbidden.');
    const both = decideTlsSecrets([art, redis], [unknown], 'ns');
    expect(both.status).toBe('fail');
    expect(both.fix).toMatch(/redis-tls/);
    expect(both.message).toMatch(/forbidden.*redis-tls/);
  });
});
