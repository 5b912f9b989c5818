'use client';

import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { branches } from '@/lib/browser/branches';
import { certificatePin } from '@/lib/pem/spki-hash';
import { ChoiceField } from './choice-field';
import { FileButton } from './file-button';
import { LinesField } from './lines-field';
import { TextField } from './text-field';
import { useSetAnswer } from './use-set-answer';

const NOT_READ = 'That file holds no certificate this page can read: upload the PEM certificate.';

/**
 * Chart 3.50's certificate pinning (docs/chart-3.50.md §4): off, this certificate, or this and
 * the previous ones during a rotation. Hashes are computed here from certificate files (the
 * public key's SHA-256, lib/pem/spki-hash.ts); the rules are the schema's. Loaded for 3.50 only.
 */
export function CertificatePinning350() {
  const { set, answers } = useSetAnswer();
  const [mode, source, crt, previous] = useWatch({
    name: [
      'certificatePinning.mode',
      'certificate.source',
      'certificate.crt',
      'certificatePinning.previous',
    ],
  }) as [string | undefined, string, string | undefined, string[] | undefined];
  const [unread, setUnread] = useState<string | null>(null);
  const own = source === 'inline' ? certificatePin(crt ?? '') : null;
  const fromFile = (apply: (pin: string) => void) => (text: string) => {
    const pin = certificatePin(text);
    setUnread(pin ? null : NOT_READ);
    if (pin) apply(pin);
  };
  return (
    <>
      <h2 className="group-title">Certificate pinning (optional)</h2>
      <ChoiceField
        name="certificatePinning.mode"
        legend="Which certificates agents and plugins may pin"
        absent="off"
        onSelect={(m) =>
          set('certificatePinning', branches.certificatePinning(answers(), m, own ?? ''))
        }
        choices={[
          {
            value: 'off',
            label: 'Off',
            description: 'No list: the server pins its own certificate.',
          },
          {
            value: 'current',
            label: 'Pin this certificate',
            description: "Only this certificate's public key is accepted.",
          },
          {
            value: 'rotation',
            label: 'Pin this and the previous one',
            description:
              'While you replace a certificate: the old key stays accepted beside the new one.',
          },
        ]}
      />
      {mode && mode !== 'off' && (
        <>
          <TextField
            name="certificatePinning.hash"
            label="Hash of this certificate (SHA-256 of its public key, 64 hex digits)"
            mono
            hint={
              source === 'inline'
                ? own
                  ? `The uploaded certificate's hash is ${own}.`
                  : 'Upload the certificate above first: its hash is computed on this page.'
                : 'The wizard cannot read your TLS Secret: upload its certificate (tls.crt) here, or paste the hash.'
            }
          >
            {own && (
              <button
                type="button"
                className="button secondary small"
                data-testid="pin-use-uploaded"
                onClick={() => set('certificatePinning.hash', own)}
              >
                Use the uploaded certificate
              </button>
            )}
            <FileButton
              label="Upload certificate…"
              accept=".crt,.pem,.cer"
              testId="upload-pin-current"
              onText={fromFile((pin) => set('certificatePinning.hash', pin))}
            />
          </TextField>
          {mode === 'rotation' && (
            <>
              <LinesField
                name="certificatePinning.previous"
                label="Hashes of the previous certificates (one per line)"
                hint="Agents that still see the old certificate keep working. Remove it once every agent has moved to the new one."
              />
              <FileButton
                label="Upload the previous certificate…"
                accept=".crt,.pem,.cer"
                testId="upload-pin-previous"
                onText={fromFile((pin) =>
                  set('certificatePinning.previous', [...(previous ?? []), pin]),
                )}
              />
            </>
          )}
          {unread && (
            <p className="hint" role="alert" data-testid="pin-unread">
              {unread}
            </p>
          )}
        </>
      )}
    </>
  );
}
