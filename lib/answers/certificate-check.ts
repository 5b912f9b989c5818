/**
 * The certificate check the answers schema cannot do itself: reading X.509 needs node:crypto,
 * and lib/answers stays pure (the browser loads it). Whoever validates on the server (the
 * /api/validate route, the CLI) injects an inspector — lib/pem/inspect.ts `inspectCertificate` —
 * and `validateAnswers` turns its findings into issues on `certificate.crt` / `certificate.key`.
 * Without an inspector only the PEM text checks run.
 */
export type CertificateIssue = { field: 'crt' | 'key'; message: string };

/** Reads a PEM certificate chain and its key; returns the errors only (expiry soon is a warning elsewhere). */
export type CertificateInspector = (input: {
  crt: string;
  key: string;
  endpoint: string;
}) => CertificateIssue[];

/** Reads a pasted CA certificate (PEM); the problem in words, or null when it is a CA certificate. */
export type CaCertificateInspector = (pem: string) => string | null;

export type ValidateOptions = {
  /** Checks key/certificate match, names covering the endpoint and expiry (server and CLI only). */
  inspectCertificate?: CertificateInspector;
  /** Checks that chart 3.50's custom CA is an X.509 CA certificate (server and CLI only). */
  inspectCaCertificate?: CaCertificateInspector;
};
