'use client';

import { randomEncryptionKey } from '@/lib/answers/encryption-key';
import { TextField } from './text-field';
import { useSetAnswer } from './use-set-answer';

/**
 * Chart 3.50's encryption key (docs/chart-3.50.md §10) where chart 3.9.4's AES key is: masked,
 * with an explicit Generate, or where it goes when the admin creates the Secrets. Loaded only for
 * a 3.50 plan.
 */
export function Keys350({ outside }: { outside: boolean }) {
  const { set } = useSetAnswer();
  return (
    <>
      <h2 className="group-title">Encryption key</h2>
      {outside ? (
        <p className="hint" data-testid="encryption-key-outside">
          Your backend Secret holds it as <code>encryption-key-0</code>: the base64 of 32 bytes (
          <code>openssl rand -base64 32</code>).
        </p>
      ) : (
        <TextField
          name="secrets.encryptionKey"
          label="Encryption key (chart 3.50)"
          secret
          mono
          hint="Encrypts the credentials of other systems the server stores, such as integration API keys (secrets.keysEncryption.userEncryptionKey): base64 of 32 bytes. Generated once and kept, so no render makes a new one. Keep a copy: another key makes them unreadable."
        >
          <button
            type="button"
            className="button secondary small"
            data-testid="generate-encryption-key"
            onClick={() => set('secrets.encryptionKey', randomEncryptionKey())}
          >
            Generate
          </button>
        </TextField>
      )}
      <p className="hint" data-testid="aes-not-350">
        Chart 3.50 has no AES key: the encryption key takes its place (another format: an AES key
        cannot be reused as one), so no AES key setting is written for chart 3.50.
      </p>
    </>
  );
}
