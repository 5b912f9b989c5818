import 'server-only';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { firstPemBlock } from '../answers/text-checks';
import { certificateWarnings, daysUntil, parseSubjectAltName, type CertificateReport, type PemError } from './report';

// Plain indexOf: the lazy regex it replaces was quadratic in the number of BEGIN lines (issue 10).
const firstCert = (pem: string) => firstPemBlock(pem, 'CERTIFICATE');
const oneLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ');

/**
 * Reads the leaf certificate of a PEM chain (and, when given, checks the private key against it)
 * with node:crypto. Never logs or returns the key.
 */
export function inspectPem(input: { crt: string; key?: string; endpoint: string }, now = new Date()): CertificateReport | PemError {
  const leaf = firstCert(input.crt);
  if (!leaf) return { error: 'No PEM certificate found: the file must contain "-----BEGIN CERTIFICATE-----".' };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(leaf);
  } catch {
    return { error: 'The certificate could not be read: it is not a valid X.509 certificate in PEM.' };
  }
  let keyMatches: boolean | null = null;
  if (input.key?.trim()) {
    try {
      keyMatches = cert.checkPrivateKey(createPrivateKey(input.key));
    } catch {
      return { error: 'The private key could not be read: upload an unencrypted PEM private key.' };
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
  return { ...report, warnings: certificateWarnings(report, input.endpoint) };
}
