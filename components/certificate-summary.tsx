'use client';

import { useWatch } from 'react-hook-form';
import { useCertificateReport } from './use-certificate-report';

/** Asks the server to read the uploaded PEM (node:crypto) and shows what it found and what is wrong. */
export function CertificateSummary() {
  const [crt, key, endpoint] = useWatch({
    name: ['certificate.crt', 'certificate.key', 'general.endpoint'],
  }) as [string, string, string];
  const state = useCertificateReport(crt, key, endpoint);

  if (state.status === 'idle') return null;
  if (state.status === 'loading')
    return (
      <div className="cert-card muted" aria-live="polite">
        Reading the certificate…
      </div>
    );
  if (state.status === 'error')
    return (
      <div className="callout danger" role="alert" data-testid="cert-error">
        {state.message}
      </div>
    );
  const r = state.report;
  return (
    <section
      className="cert-card"
      aria-live="polite"
      data-testid="cert-report"
      aria-label="Certificate details"
    >
      <dl className="facts">
        <dt>Subject</dt>
        <dd data-testid="cert-subject">{r.subject}</dd>
        <dt>Names (SANs)</dt>
        <dd data-testid="cert-sans">{r.sans.length ? r.sans.join(', ') : 'none'}</dd>
        <dt>Issuer</dt>
        <dd>{r.selfSigned ? `${r.issuer} (self-signed)` : r.issuer}</dd>
        <dt>Expires</dt>
        <dd data-testid="cert-expiry">
          {r.notAfter.slice(0, 10)} (
          {r.daysLeft < 0 ? `expired ${-r.daysLeft} days ago` : `in ${r.daysLeft} days`})
        </dd>
        <dt>Private key</dt>
        <dd>
          {r.keyMatches === null
            ? 'not uploaded yet'
            : r.keyMatches
              ? 'matches the certificate'
              : 'does NOT match'}
        </dd>
      </dl>
      {r.errors.length > 0 && (
        <div className="callout danger" data-testid="cert-errors">
          <p>
            <strong>
              This certificate cannot be used
              {r.errors.length > 1 ? ` (${r.errors.length} problems)` : ''}:
            </strong>
          </p>
          <ul>
            {r.errors.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {r.warnings.length > 0 && (
        <ul className="callout warn" data-testid="cert-warnings">
          {r.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {r.errors.length === 0 && r.warnings.length === 0 && (
        <p className="callout ok" data-testid="cert-ok">
          {r.keyMatches === null
            ? 'The certificate covers the endpoint and is valid for more than 30 days; upload its private key next.'
            : 'The certificate covers the endpoint, the key matches, and it is valid for more than 30 days.'}
        </p>
      )}
    </section>
  );
}
