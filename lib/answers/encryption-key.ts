/**
 * The encryption key of chart 3.50 (docs/chart-3.50.md §10): base64 of 32 random bytes, 44
 * characters, as `openssl rand -base64 32` prints it. Only this shape is accepted: it can never be
 * read as anything but text (F7, T3). PURE: Web Crypto is a global in the browser and in Node.
 */
export const ENCRYPTION_KEY_PATTERN = /^[A-Za-z0-9+/]{43}=$/;

export const ENCRYPTION_KEY_MESSAGE =
  'Enter the encryption key as the base64 of exactly 32 bytes: 44 characters ending in one "=", as `openssl rand -base64 32` prints. Or generate one.';

/** A fresh key of that shape, from crypto.getRandomValues. */
export function randomEncryptionKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes));
}
