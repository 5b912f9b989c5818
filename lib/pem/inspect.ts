import 'server-only';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { firstPemBlock } from '../answers/text-checks';
import type { CaCertificateInspector, CertificateInspector } from '../answers/certificate-check';
import {
  certificateFindings,
  daysUntil,
  parseSubjectAltName,
  type CertificateReport,
  type PemError,
} from './report';

// Plain indexOf: the lazy regex it replaces was quadratic in the number of BEGIN lines (issue 10).
const firstCert = (pem: string) => firstPemBlock(pem, 'CERTIFICATE');
const oneLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ');

/**
 * Reads the leaf certificate of a PEM chain (and, when given, checks the private key against it)
 * with node:crypto. Never logs or returns the key.
 */
export function inspectPem(
  input: { crt: string; key?: string; endpoint: string },
  now = new Date(),
): CertificateReport | PemError {
  const leaf = firstCert(input.crt);
  if (!leaf)
    return {
      field: 'crt',
      error: 'No PEM certificate found: the file must contain "-----BEGIN CERTIFICATE-----".',
    };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(leaf);
  } catch {
    return {
      field: 'crt',
      error: 'The certificate could not be read: it is not a valid X.509 certificate in PEM.',
    };
  }
  let keyMatches: boolean | null = null;
  if (input.key?.trim()) {
    try {
      keyMatches = cert.checkPrivateKey(createPrivateKey(input.key));
    } catch {
      return {
        field: 'key',
        error: 'The private key could not be read: upload an unencrypted PEM private key.',
      };
    }
  }
  const notAfter = new Date(cert.validTo);
  const report = {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    sans: parseSubjectAltName(cert.subjectAltName),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft: daysUntil(notAfter, now),
    selfSigned: cert.subject === cert.issuer,
    keyMatches,
  };
  const findings = certificateFindings(report, input.endpoint);
  const of = (s: 'error' | 'warning') =>
    findings.filter((f) => f.severity === s).map((f) => f.message);
  return { ...report, errors: of('error'), warnings: of('warning') };
}

/**
 * The inspector `validateAnswers` takes on the server and in the CLI: the errors of `inspectPem`
 * (unreadable certificate or key, key not matching, names not covering the endpoint, expired),
 * each on the field to fix.
 */
export function makeCertificateInspector(now: () => Date = () => new Date()): CertificateInspector {
  return ({ crt, key, endpoint }) => {
    const r = inspectPem({ crt, key, endpoint }, now());
    if ('error' in r) return [{ field: r.field, message: r.error }];
    return certificateFindings(r, endpoint)
      .filter((f) => f.severity === 'error')
      .map(({ field, message }) => ({ field, message }));
  };
}

export const inspectCertificate: CertificateInspector = makeCertificateInspector();

/** Every PEM certificate block of a text, in order (indexOf, no backtracking regex). */
function certificateBlocks(text: string): string[] {
  const out: string[] = [];
  for (let rest = text, block = firstCert(rest); block; block = firstCert(rest)) {
    out.push(block);
    rest = rest.slice(rest.indexOf(block) + block.length);
  }
  return out;
}

/**
 * Chart 3.50's custom CA (docs/chart-3.50.md §4): every certificate of the pasted PEM must be
 * readable X.509 and a CA (basic constraints CA:TRUE), since Keycloak is to trust what it signs.
 */
export const inspectCaCertificate: CaCertificateInspector = (pem) => {
  const blocks = certificateBlocks(pem);
  if (blocks.length === 0)
    return 'No PEM certificate found: the text must contain "-----BEGIN CERTIFICATE-----".';
  for (const [i, block] of blocks.entries()) {
    const which =
      blocks.length > 1 ? `Certificate ${i + 1} of ${blocks.length}` : 'The certificate';
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch {
      return `${which} could not be read: it is not a valid X.509 certificate in PEM.`;
    }
    if (!cert.ca)
      return `${which} (${oneLine(cert.subject)}) is not a CA certificate: paste the certificate of the CA that signed your LDAP server's certificate, not the server's own.`;
  }
  return null;
};
