import { hasPemBlock, hasPrivateKeyBlock } from './text-checks';

/**
 * What is wrong with a pasted certificate or key, told apart from its text alone (pure; the
 * X.509 reading itself is `CertificateInspector`'s job). Each mistake admins actually make —
 * a binary DER file, the two files swapped, an encrypted key, base64 of the PEM, a CSR — gets
 * its own message saying what to do.
 */
// PEM blocks are found by linear scanning (text-checks.ts), never by a lazy pattern that backtracks.
// Binary input read as text: control bytes, or the replacement character a decoder leaves.
// eslint-disable-next-line no-control-regex -- matching control bytes is the point (DER read as text)
const BINARY = /[\x00-\x08\x0e-\x1f\ufffd]/;
// "-----BEGIN" in base64 (what values.yaml holds) starts with "LS0tLS1CRUdJTi".
const BASE64_OF_PEM = /^\s*LS0tLS1CRUdJTi/;

const ENCRYPTED = /ENCRYPTED PRIVATE KEY|Proc-Type:\s*4,\s*ENCRYPTED/;

/** The problem with the certificate text, or null when it holds a PEM certificate. */
export function certificateTextProblem(crt: string): string | null {
  if (!crt.trim())
    return 'Required: upload or paste the certificate in PEM ("-----BEGIN CERTIFICATE-----").';
  if (hasPemBlock(crt, 'CERTIFICATE')) return null;
  if (/PRIVATE KEY-----/.test(crt))
    return 'This is a private key, not a certificate: put it in the private key field and paste the certificate here.';
  if (/BEGIN CERTIFICATE REQUEST/.test(crt))
    return 'This is a certificate signing request (CSR), not a certificate: paste the certificate your CA issued for it.';
  if (/BEGIN PUBLIC KEY/.test(crt))
    return 'This is a public key, not a certificate: paste the certificate ("-----BEGIN CERTIFICATE-----").';
  if (BINARY.test(crt))
    return 'This looks like a binary (DER) certificate: convert it to PEM with `openssl x509 -inform der -in cert.der -out cert.pem`.';
  if (BASE64_OF_PEM.test(crt))
    return 'This is the PEM encoded in base64 (as values.yaml holds it): paste the decoded PEM text; the wizard encodes it.';
  return 'Not a certificate: paste the PEM text that starts with "-----BEGIN CERTIFICATE-----".';
}

/** The problem with the private key text, or null when it holds an unencrypted PEM key. */
export function keyTextProblem(key: string): string | null {
  if (!key.trim())
    return 'Required: upload or paste the unencrypted private key in PEM ("-----BEGIN PRIVATE KEY-----").';
  if (ENCRYPTED.test(key))
    return 'The private key is encrypted: export it without a passphrase (e.g. `openssl pkey -in key.pem -out plain.pem`).';
  if (hasPrivateKeyBlock(key)) return null;
  if (/-----BEGIN CERTIFICATE-----/.test(key))
    return 'This is a certificate, not a private key: put it in the certificate field and paste the key here.';
  if (/BEGIN PUBLIC KEY/.test(key))
    return 'This is a public key: the private key is needed (the file the certificate request was made with).';
  if (BINARY.test(key))
    return 'This looks like a binary (DER) key: convert it to PEM with `openssl pkey -inform der -in key.der -out key.pem`.';
  if (BASE64_OF_PEM.test(key))
    return 'This is the PEM encoded in base64 (as values.yaml holds it): paste the decoded PEM text; the wizard encodes it.';
  return 'Not a private key: paste the PEM text that starts with "-----BEGIN PRIVATE KEY-----" (or RSA/EC PRIVATE KEY).';
}
