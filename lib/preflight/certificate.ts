/** The server certificate check (PURE decision over lib/pem's report). */
import { sanCovers, type CertificateReport, type PemError } from '../pem/report';
import { fail, pass, warn, type Verdict } from './result';

/** Covers the endpoint, not expired, matches its key; expiry within 30 days only warns. */
export function decideCertificate(endpoint: string, r: CertificateReport | PemError): Verdict {
  if ('error' in r)
    return fail(
      r.error,
      'Upload the certificate (PEM) and its unencrypted private key again on the Certificate step.',
    );
  if (r.daysLeft < 0)
    return fail(
      `The certificate expired on ${r.notAfter.slice(0, 10)}.`,
      'Renew the certificate and upload the new one.',
    );
  if (r.keyMatches === false)
    return fail(
      'The private key does not belong to the certificate.',
      'Upload the private key the certificate was issued for.',
    );
  if (!r.sans.some((s) => sanCovers(s, endpoint))) {
    return fail(
      `The certificate does not cover ${endpoint}: its SANs are ${r.sans.length ? r.sans.join(', ') : 'empty'}.`,
      `Issue a certificate with ${endpoint} (or a wildcard for its domain) in the subject alternative names.`,
    );
  }
  if (r.daysLeft <= 30)
    return warn(
      `The certificate covers ${endpoint} but expires in ${r.daysLeft} day${r.daysLeft === 1 ? '' : 's'} (${r.notAfter.slice(0, 10)}).`,
      'Renew it before or soon after installing.',
    );
  return pass(
    `The certificate covers ${endpoint}, matches its key and is valid until ${r.notAfter.slice(0, 10)}${r.selfSigned ? ' (self-signed)' : ''}.`,
  );
}
