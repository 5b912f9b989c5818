import { parseAllDocuments } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveSecret } from '../../upgrade/release-secrets';
import { secretsFile } from './secrets';

const PASSWORD = 'Db-pass-123-distinctive';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (name: string): LiveSecret => ({
  metadata: { name, namespace: 'ns', uid: `uid-${name}`, resourceVersion: '7' },
  type: 'Opaque',
  data: { PASSWORD: b64(PASSWORD), NAME: b64(name) },
});

afterEach(() => vi.restoreAllMocks());

describe('secretsFile', () => {
  it('reads exactly the Secrets the plan names, once each, and logs nothing', async () => {
    const logged = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => undefined),
    );
    const asked: string[] = [];
    const have = new Map(
      ['lr-backend', 'lr-keycloak', 'lr-certificate', 'lr-aes', 'other'].map((n) => [n, secret(n)]),
    );
    const f = await secretsFile(
      (name) => {
        asked.push(name);
        return Promise.resolve(have.get(name) ?? null);
      },
      {
        general: {
          api_keys_encryption: { enabled: true },
          deploy_secrets: { enabled: true, existing_secrets: { keycloak: 'lr-backend' } },
        },
      },
      { release: 'lr', namespace: 'ns' },
      () => new Date('2026-12-07T22:00:00Z'),
    );
    // keycloak's existing name is the backend's Secret: kept once
    expect(asked).toEqual(['lr-backend', 'lr-certificate', 'lr-aes']);
    expect(f.secrets.map((s) => [s.role, s.name])).toEqual([
      ['backend', 'lr-backend'],
      ['certificate', 'lr-certificate'],
      ['aes', 'lr-aes'],
    ]);
    expect(f.missing).toEqual([]);
    expect(f.file).toBe('secrets-lr-ns.yaml');
    const docs = parseAllDocuments(f.yaml).map((d) => d.toJS() as LiveSecret);
    expect(docs.map((d) => d.metadata?.name)).toEqual(['lr-backend', 'lr-certificate', 'lr-aes']);
    expect(docs[0]!.data).toEqual({ PASSWORD: b64(PASSWORD), NAME: b64('lr-backend') });
    expect(f.yaml).not.toContain('uid-');
    for (const spy of logged) expect(spy).not.toHaveBeenCalled();
  });

  it('names the Secrets the namespace does not have', async () => {
    const f = await secretsFile(
      (name) => Promise.resolve(name === 'lr-backend' ? secret(name) : null),
      {},
      { release: 'lr', namespace: 'ns' },
    );
    expect(f.missing).toEqual(['lr-keycloak', 'lr-certificate']);
    expect(f.secrets.map((s) => s.name)).toEqual(['lr-backend']);
    expect(f.yaml).toContain('# Not in the namespace: lr-keycloak, lr-certificate.');
  });
});
