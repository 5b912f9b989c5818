'use client';

import { randomEncryptionKey } from '@/lib/answers/encryption-key';
import { TextField } from './text-field';
import { useSetAnswer } from './use-set-answer';

/** Chart 3.50's encryption key (docs/chart-3.50.md §10), masked, with an explicit Generate. */
export function EncryptionKey350() {
  const { set } = useSetAnswer();
  return (
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
  );
}

/** Chart 3.50 has no AES key: said where chart 3.9.4's AES settings are. */
export function AesNot350({ outside }: { outside: boolean }) {
  return (
    <p className="hint" data-testid="aes-not-350">
      Chart 3.50 has no AES key: the encryption key{outside ? '' : ' above'} takes its place
      (another format: an AES key cannot be reused as one), so no AES key setting is written for
      chart 3.50.
    </p>
  );
}
