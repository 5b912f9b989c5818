/**
 * The secret values a support bundle is redacted of (PURE): the answers' secret fields (and the
 * secret leaves of their rendered values, lib/helm/redact's `secretValuesOf`) plus every value of
 * every Secret object of the namespace — decoded from `data`, as is from `stringData` — so a
 * password the admin created by hand (secrets kept outside the chart) is found as well.
 */
import type { Answers } from '../answers';
import {
  makeRedactor,
  MIN_SECRET_LENGTH,
  PUBLIC_WORDS,
  REDACTED,
  secretValuesOf,
  type Redactor,
} from '../helm/redact';

export interface SecretLike {
  metadata?: { name?: string };
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** Helm's own release records: gzip of the whole release, never put in a bundle and never searched for. */
export const HELM_RELEASE_TYPE = 'helm.sh/release.v1';

function decodeBase64(v: string): string {
  return Buffer.from(v, 'base64').toString('utf8');
}

/**
 * Every value of the Secrets (decoded), except Helm's release records and values equal to a public
 * name (release, namespace, the endpoint's labels, the product's own names): those are visible in
 * every object's name anyway, and redacting them would garble the whole bundle.
 */
export function secretObjectValues(
  secrets: SecretLike[],
  publicNames: readonly string[] = [],
): string[] {
  const skip = new Set([...publicNames, ...PUBLIC_WORDS]);
  const out = new Set<string>();
  for (const s of secrets) {
    if (s.type === HELM_RELEASE_TYPE) continue;
    for (const v of Object.values(s.data ?? {}))
      if (typeof v === 'string') out.add(decodeBase64(v));
    for (const v of Object.values(s.stringData ?? {})) if (typeof v === 'string') out.add(v);
  }
  return [...out].filter(
    (v) => v.length >= MIN_SECRET_LENGTH && !skip.has(v) && v.trim() !== '' && !isPlainScalar(v),
  );
}

/**
 * Values of Secret objects that are configuration, not secrets: `true`/`false`/`null` and short
 * numbers (a port, a count). Redacting them would garble every `"ready": true` and every port in
 * the bundle. (A secret field of the answers is always redacted, whatever it holds.)
 */
export function isPlainScalar(v: string): boolean {
  const t = v.trim().toLowerCase();
  if (t === 'true' || t === 'false' || t === 'null') return true;
  if (t.length > 6) return false;
  for (const c of t) if (c < '0' || c > '9') return false;
  return true;
}

/** Where the bundle's secret values came from, for README.txt (counts and names only, never a value). */
export interface SecretSources {
  fromAnswers: number;
  fromSecrets: number;
  /** Names of the Secret objects searched for (Helm's release records excluded). */
  secretNames: string[];
}

/**
 * A PEM of certificates only (or its base64): public by design, and what support needs to read
 * (expiry, names). Anything with a key in it is not.
 */
export function isPublicCertificate(v: string): boolean {
  const text = v.includes('-----BEGIN') ? v : decodeBase64(v);
  return (
    text.includes('-----BEGIN CERTIFICATE-----') &&
    !text.includes('PRIVATE KEY') &&
    !text.includes('-----BEGIN ENCRYPTED')
  );
}

/** The redactor of a bundle and the description of its sources. */
export function bundleRedactor(o: {
  answers?: Answers;
  secrets: SecretLike[];
  publicNames: readonly string[];
}): { redact: Redactor; sources: SecretSources } {
  const fromAnswers = (o.answers ? secretValuesOf(o.answers, o.publicNames) : []).filter(
    (v) => !isPublicCertificate(v),
  );
  const fromSecrets = secretObjectValues(o.secrets, o.publicNames).filter(
    (v) => !isPublicCertificate(v),
  );
  return {
    redact: makeRedactor([...fromAnswers, ...fromSecrets]),
    sources: {
      fromAnswers: fromAnswers.length,
      fromSecrets: fromSecrets.length,
      secretNames: o.secrets
        .filter((s) => s.type !== HELM_RELEASE_TYPE)
        .map((s) => s.metadata?.name ?? '')
        .filter(Boolean)
        .sort(),
    },
  };
}

/** How many replacements a redaction made (the count of `[redacted]` it added). */
export function redactionCount(before: string, after: string): number {
  const count = (t: string) => t.split(REDACTED).length - 1;
  return Math.max(0, count(after) - count(before));
}

/** The public names of a target: never treated as secrets. */
export function publicNamesOf(
  t: { namespace: string; release: string },
  endpoint?: string,
): string[] {
  return [t.namespace, t.release, ...(endpoint ? endpoint.split('.') : [])];
}
