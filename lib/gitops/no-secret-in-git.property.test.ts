import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../answers/schema';
import { isSecretPath } from '../values/secret-paths';
import { renderValues } from '../values/render';
import { answersArbitrary } from '../values/__fixtures__/answers.arbitrary';
import { getPath, leafPaths } from '../values/tree';
import { exportGitops, type ExportOptions } from '.';

// Property (docs/gitops.md): whatever the plan, a secret of it appears only in the files marked
// secret (kept out of git, or encrypted before the commit), never in a git-bound file, with every
// controller and every way of carrying secrets. Each free-text secret gets a distinctive canary;
// the formatted ones (AES and encryption keys, certificate key, pull secret) are long enough to
// be looked for as they render.

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const canaries = fc.record({ tag: hex(10), key: fc.uint8Array({ minLength: 32, maxLength: 32 }) });

/** The answers with a canary in every free-text secret (its shape kept valid). */
function plant(a: Answers, tag: string, key: Uint8Array, chart: Answers['chart']): Answers {
  const out: Answers = { ...structuredClone(a), chart };
  if (out.internalTls.mode === 'self-signed') out.internalTls = { mode: 'off' };
  if (chart === '3.50.0' && out.internalTls.mode === 'existing') out.internalTls = { mode: 'off' };
  out.license = { content: `LicenseCanary${tag}`, signature: `SignatureCanary${tag}` };
  out.database.user = `dbUserCanary${tag}`;
  out.database.password = `dbPassCanary${tag}`;
  if (out.messageQueue.mode !== 'off')
    Object.assign(out.messageQueue, { user: `mqUserCanary${tag}`, password: `mqPassCanary${tag}` });
  if (out.apiKeysEncryption.enabled) out.apiKeysEncryption.aesKey = `${tag}${tag}${tag}ab`; // 32 hex characters
  if (out.secrets.mode === 'chart') {
    const s = out.secrets;
    Object.assign(s, {
      keycloakPassword: `kcCanary${tag}`,
      keystorePassword: `ksCanary${tag}`,
      mailPassword: `mailCanary${tag}`,
      googleClientId: `gidCanary${tag}`,
      googleClientSecret: `gsecCanary${tag}`,
      datadogApiKey: `ddCanary${tag}`,
      mixpanelToken: `mixCanary${tag}`,
      hubspotToken: `hubCanary${tag}`,
      encryptionKey: chart === '3.50.0' ? btoa(String.fromCharCode(...key)) : undefined,
    });
  }
  return out;
}

/** Every secret text of the plan as the chart values carry it, and the planted canaries. */
function secretsOf(a: Answers): string[] {
  const values = renderValues(a).values;
  const rendered = leafPaths(values)
    .filter(isSecretPath)
    .map((p) => getPath(values, p))
    .filter((v): v is string => typeof v === 'string' && v.length >= 12);
  return [...new Set(rendered)];
}

const OPTIONS: ExportOptions[] = [
  { for: 'flux', secrets: 'secret-manifest' },
  { for: 'flux', secrets: 'sops' },
  {
    for: 'flux',
    secrets: 'external-secrets',
    externalStore: { name: 's', kind: 'SecretStore', keyPrefix: 'p/' },
  },
  { for: 'argocd', values: 'inline', secrets: 'secret-manifest' },
  {
    for: 'argocd',
    values: 'repo',
    repoUrl: 'https://git.example.com/r.git',
    secrets: 'external-secrets',
    externalStore: { name: 's', kind: 'SecretStore', keyPrefix: '' },
  },
];

describe('no secret of the plan in a git-bound file', () => {
  it('for every plan, profile, controller and secrets carrier', () => {
    let exported = 0;
    fc.assert(
      fc.property(
        answersArbitrary,
        canaries,
        fc.constantFrom<Answers['chart']>('3.9.4', '3.50.0'),
        fc.constantFrom(...OPTIONS),
        (raw, { tag, key }, chart, opts) => {
          const a = plant(raw, tag, key, chart);
          const out = exportGitops(a, opts);
          if (out.refusals.length) {
            // the only refusal left for these plans: Argo CD with the chart making its Secrets
            expect(out.refusals.map((p) => p.path)).toEqual(['secrets.mode']);
            expect(out.files).toEqual([]);
            return;
          }
          exported++;
          const secrets = secretsOf(a);
          const git = out.files
            .filter((f) => !f.secret)
            .map((f) => f.content)
            .join('\n');
          for (const s of secrets)
            expect(git.includes(s), 'a secret in a git-bound file').toBe(false);
          // and the secret files do carry them, unless the store does (External Secrets)
          if (opts.secrets !== 'external-secrets') {
            const kept = out.files
              .filter((f) => f.secret)
              .map((f) => f.content)
              .join('\n');
            for (const s of secrets) expect(kept).toContain(s);
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(exported).toBeGreaterThan(50);
  });
});
