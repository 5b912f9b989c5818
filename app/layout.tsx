import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { WizardSlotProvider } from '@/components/wizard-slot';
import { serverState } from '@/lib/http/server-state';
import './globals.css';

export const metadata: Metadata = {
  title: 'Lightrun Server install wizard',
  description: 'Plan, validate and install the on-premises Lightrun Server on Kubernetes',
  // Served from public/: no page load asks for a file that is not there (a 404 is a red console line).
  icons: {
    icon: [
      { url: '/icon.svg', type: 'image/svg+xml' },
      { url: '/favicon.ico', sizes: '32x32' },
    ],
  },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request, so Next puts this request's CSP nonce (set by proxy.ts) on its scripts.
  await headers();
  const { insecureHttp } = serverState();
  return (
    <html lang="en">
      <body>
        {insecureHttp && (
          <div className="insecure-banner" role="alert" data-testid="insecure-banner">
            <strong>Not encrypted.</strong> This wizard is served over plain HTTP on a network
            address (LW_ALLOW_INSECURE_HTTP=1): the access token, licenses, passwords and keys cross
            the network readable by anyone on the path. Give it a certificate (LW_TLS_CERT,
            LW_TLS_KEY) or reach it through an SSH tunnel.
          </div>
        )}
        {/* Keeps the wizard's answers and secrets (page memory) while a dashboard is shown. */}
        <WizardSlotProvider>{children}</WizardSlotProvider>
      </body>
    </html>
  );
}
