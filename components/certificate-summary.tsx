'use client';

import { useEffect, useState } from 'react';
import { useWatch } from 'react-hook-form';
import type { CertificateReport } from '@/lib/pem/report';

type State = { status: 'idle' } | { status: 'loading' } | { status: 'done'; report: CertificateReport } | { status: 'error'; message: string };

/** Asks the server to read the uploaded PEM (node:crypto) and shows what it found and what is wrong. */
export function CertificateSummary() {
  const [crt, key, endpoint] = useWatch({ name: ['certificate.crt', 'certificate.key', 'general.endpoint'] }) as [string, string, string];
  const [state, setState] = useState<State>({ status: 'idle' });
  useEffect(() => {
    if (!crt?.includes('BEGIN CERTIFICATE')) return setState({ status: 'idle' });
    const ctl = new AbortController();
    const t = setTimeout(async () => {
      setState({ status: 'loading' });
      try {
        const res = await fetch('/api/pem', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ crt, key: key || undefined, endpoint: endpoint ?? '' }), signal: ctl.signal });
        const body = await res.json();
        setState(res.ok ? { status: 'done', report: body } : { status: 'error', message: body.error ?? body.issues?.[0]?.message ?? 'The certificate could not be read.' });
      } catch (e) {
        if (!ctl.signal.aborted) setState({ status: 'error', message: `The certificate could not be checked: ${(e as Error).message}` });
      }
    }, 250);
    return () => {
      clearTimeout(t);
      ctl.abort();
    };
  }, [crt, key, endpoint]);

  if (state.status === 'idle') return null;
  if (state.status === 'loading') return <div className="cert-card muted" aria-live="polite">Reading the certificate…</div>;
  if (state.status === 'error') return <div className="callout danger" role="alert" data-testid="cert-error">{state.message}</div>;
  const r = state.report;
  return (
    <section className="cert-card" aria-live="polite" data-testid="cert-report" aria-label="Certificate details">
      <dl className="facts">
        <dt>Subject</dt><dd data-testid="cert-subject">{r.subject}</dd>
        <dt>Names (SANs)</dt><dd data-testid="cert-sans">{r.sans.length ? r.sans.join(', ') : 'none'}</dd>
        <dt>Issuer</dt><dd>{r.selfSigned ? `${r.issuer} (self-signed)` : r.issuer}</dd>
        <dt>Expires</dt><dd data-testid="cert-expiry">{r.notAfter.slice(0, 10)} ({r.daysLeft < 0 ? `expired ${-r.daysLeft} days ago` : `in ${r.daysLeft} days`})</dd>
        <dt>Private key</dt><dd>{r.keyMatches === null ? 'not uploaded yet' : r.keyMatches ? 'matches the certificate' : 'does NOT match'}</dd>
      </dl>
      {r.warnings.length > 0 ? (
        <ul className="callout warn" data-testid="cert-warnings">
          {r.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      ) : (
        <p className="callout ok" data-testid="cert-ok">The certificate covers the endpoint, the key matches, and it is valid for more than 30 days.</p>
      )}
    </section>
  );
}
