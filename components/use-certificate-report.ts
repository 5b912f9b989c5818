'use client';

import { useEffect, useState } from 'react';
import type { CertificateReport } from '@/lib/pem/report';

export type CertificateState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; report: CertificateReport }
  | { status: 'error'; message: string };

const IDLE: CertificateState = { status: 'idle' };

/**
 * The server's reading of the uploaded certificate (POST /api/pem, node:crypto): subject, names,
 * expiry, errors and warnings. Shared by the certificate step and the review. The key travels in
 * the request body only.
 */
export function useCertificateReport(
  crt: string | undefined,
  key: string | undefined,
  endpoint: string | undefined,
): CertificateState {
  const [state, setState] = useState<CertificateState>(IDLE);
  const readable = crt?.includes('BEGIN CERTIFICATE') ?? false;
  // No certificate to read (cleared, or not PEM yet): the report of an earlier one goes, during
  // render (react.dev, "You might not need an effect": adjusting some state when a prop changes).
  if (!readable && state.status !== 'idle') setState(IDLE);
  useEffect(() => {
    if (!readable) return;
    const ctl = new AbortController();
    const t = setTimeout(async () => {
      setState({ status: 'loading' });
      try {
        const res = await fetch('/api/pem', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ crt, key: key || undefined, endpoint: endpoint ?? '' }),
          signal: ctl.signal,
          cache: 'no-store',
        });
        const body = await res.json();
        setState(
          res.ok
            ? {
                status: 'done',
                report: { ...body, errors: body.errors ?? [], warnings: body.warnings ?? [] },
              }
            : {
                status: 'error',
                message:
                  body.error ?? body.issues?.[0]?.message ?? 'The certificate could not be read.',
              },
        );
      } catch (e) {
        if (!ctl.signal.aborted)
          setState({
            status: 'error',
            message: `The certificate could not be checked: ${(e as Error).message}`,
          });
      }
    }, 250);
    return () => {
      clearTimeout(t);
      ctl.abort();
    };
  }, [readable, crt, key, endpoint]);
  return state;
}
