'use client';

import dynamic from 'next/dynamic';
import { useWatch } from 'react-hook-form';
import { branches } from '@/lib/browser/branches';
import { CertificateSummary } from '../certificate-summary';
import { ChoiceField } from '../choice-field';
import { FileButton } from '../file-button';
import { TextField } from '../text-field';
import { useSetAnswer } from '../use-set-answer';

// Chart 3.50's certificate pinning: loaded only for a 3.50 plan (first-load budget).
const CertificatePinning350 = dynamic(
  () => import('../chart-350-pinning').then((m) => m.CertificatePinning350),
  { ssr: false },
);

export function CertificateStep() {
  const { set } = useSetAnswer();
  const [source, chart] = useWatch({ name: ['certificate.source', 'chart'] }) as [string, string];
  return (
    <>
      <ChoiceField
        name="certificate.source"
        legend="Where the certificate comes from"
        columns={2}
        onSelect={(s) => set('certificate', branches.certificate(s))}
        choices={[
          {
            value: 'inline',
            label: 'Upload PEM files',
            description: 'The chart creates the TLS Secret from your certificate and key.',
          },
          {
            value: 'existing',
            label: 'Existing TLS Secret',
            description: 'A kubernetes.io/tls Secret you created in the namespace.',
          },
        ]}
      />
      {source === 'inline' ? (
        <>
          <TextField
            name="certificate.crt"
            label="Certificate chain (PEM, leaf first)"
            multiline
            mono
            placeholder="-----BEGIN CERTIFICATE-----"
          >
            <FileButton
              label="Upload…"
              accept=".crt,.pem,.cer"
              testId="upload-certificate.crt"
              onText={(t) => set('certificate.crt', t)}
            />
          </TextField>
          <TextField
            name="certificate.key"
            label="Private key (PEM, unencrypted)"
            multiline
            secret
            placeholder="-----BEGIN PRIVATE KEY-----"
            hint="Checked against the certificate on this machine's wizard server, never stored in the browser."
          >
            <FileButton
              label="Upload…"
              accept=".key,.pem"
              testId="upload-certificate.key"
              onText={(t) => set('certificate.key', t)}
            />
          </TextField>
          <CertificateSummary />
        </>
      ) : (
        <TextField
          name="certificate.secretName"
          label="TLS Secret name"
          mono
          placeholder="lightrun-tls"
          hint="Must hold tls.crt and tls.key and live in the release namespace."
        />
      )}
      {chart === '3.50.0' && <CertificatePinning350 />}
    </>
  );
}
