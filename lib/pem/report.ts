/**
 * What the wizard shows about an uploaded server certificate: pure parts (SAN matching, expiry
 * and warning texts) shared by the server-side inspector and its unit tests.
 */
export type CertificateReport = {
  subject: string;
  issuer: string;
  sans: string[];
  notBefore: string;
  notAfter: string;
  /** Whole days until expiry (negative when expired). */
  daysLeft: number;
  selfSigned: boolean;
  /** null when no key was given. */
  keyMatches: boolean | null;
  /** Problems that make the file refused: expired, names not covering the endpoint, key not matching. */
  errors: string[];
  /** Worth reading but accepted: expiry within 30 days. */
  warnings: string[];
};

export type PemError = { field: 'crt' | 'key'; error: string };

/** `DNS:a.example.com, IP Address:10.0.0.1` (node's X509Certificate.subjectAltName) -> names. */
export function parseSubjectAltName(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/,\s*/)
    .map((part) => /^(?:DNS|IP Address):(.+)$/.exec(part.trim())?.[1]?.trim())
    .filter((x): x is string => Boolean(x));
}

/** True when a SAN (possibly `*.example.com`, one label deep as RFC 6125 says) covers the host. */
export function sanCovers(san: string, host: string): boolean {
  const s = san.toLowerCase();
  const h = host.toLowerCase();
  if (!s.startsWith('*.')) return s === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === s.slice(2);
}

const DAY = 24 * 60 * 60 * 1000;

/** Whole days from `now` to `notAfter` (floor; negative once expired). */
export function daysUntil(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY);
}

/** A finding on one certificate field: an error blocks the file, a warning is shown next to it. */
export type CertificateFinding = {
  field: 'crt' | 'key';
  severity: 'error' | 'warning';
  message: string;
};

/** Days before expiry from which a still-valid certificate gets a warning. */
export const EXPIRY_WARNING_DAYS = 30;

/**
 * Every finding about a certificate for the endpoint. A key that does not match, SANs that miss
 * the endpoint and an expired certificate are errors (agents, plugins and browsers refuse them);
 * expiry within 30 days is a warning.
 */
export function certificateFindings(
  r: Omit<CertificateReport, 'warnings' | 'errors'>,
  endpoint: string,
): CertificateFinding[] {
  const f: CertificateFinding[] = [];
  const add = (field: 'crt' | 'key', severity: 'error' | 'warning', message: string) =>
    f.push({ field, severity, message });
  if (r.daysLeft < 0)
    add(
      'crt',
      'error',
      `The certificate expired on ${r.notAfter.slice(0, 10)}: agents and plugins refuse it. Upload a renewed certificate.`,
    );
  else if (r.daysLeft <= EXPIRY_WARNING_DAYS)
    add(
      'crt',
      'warning',
      `The certificate expires in ${r.daysLeft} day${r.daysLeft === 1 ? '' : 's'} (${r.notAfter.slice(0, 10)}): renew it soon.`,
    );
  if (endpoint && !r.sans.some((s) => sanCovers(s, endpoint))) {
    add(
      'crt',
      'error',
      r.sans.length === 0
        ? `The certificate has no subject alternative names, so it does not cover ${endpoint}: browsers and agents check SANs only. Use a certificate issued for ${endpoint}.`
        : `The certificate's names (${r.sans.join(', ')}) do not cover the endpoint ${endpoint}: use a certificate issued for it, or change the endpoint.`,
    );
  }
  if (r.keyMatches === false)
    add(
      'key',
      'error',
      'The private key does not belong to this certificate: upload the key it was issued with.',
    );
  return f;
}
