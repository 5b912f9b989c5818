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
  warnings: string[];
};

export type PemError = { error: string };

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

/** The warnings an admin must read before using this certificate for the endpoint. */
export function certificateWarnings(r: Omit<CertificateReport, 'warnings'>, endpoint: string): string[] {
  const w: string[] = [];
  if (r.daysLeft < 0) w.push(`The certificate expired on ${r.notAfter.slice(0, 10)}: agents and plugins will refuse it.`);
  else if (r.daysLeft <= 30) w.push(`The certificate expires in ${r.daysLeft} day${r.daysLeft === 1 ? '' : 's'} (${r.notAfter.slice(0, 10)}): renew it before installing.`);
  if (endpoint && !r.sans.some((s) => sanCovers(s, endpoint))) {
    w.push(
      r.sans.length === 0
        ? `The certificate has no subject alternative names, so it does not cover ${endpoint}: browsers and agents check SANs only.`
        : `The certificate's SANs (${r.sans.join(', ')}) do not cover the endpoint ${endpoint}.`,
    );
  }
  if (r.keyMatches === false) w.push('The private key does not belong to this certificate: upload the key it was issued for.');
  return w;
}
