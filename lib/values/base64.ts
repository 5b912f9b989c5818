/** UTF-8 safe base64 that runs the same in the browser and in Node (no Buffer). */
export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Decodes base64 to UTF-8 text; `null` when the input is not base64 of valid UTF-8. */
export function fromBase64(b64: string): string | null {
  const compact = b64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return null;
  try {
    const bin = atob(compact);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** PEM text goes to the chart base64-encoded (docs/chart-3.9.4.md §4); anything else goes as given. */
export function pemToValue(pem: string): string {
  return pem.trimStart().startsWith('-----BEGIN') ? toBase64(pem) : pem;
}

/** The reverse of `pemToValue`: base64 of PEM comes back as PEM, anything else unchanged. */
export function valueToPem(v: string): string {
  const decoded = v ? fromBase64(v) : null;
  return decoded !== null &&
    decoded.trimStart().startsWith('-----BEGIN') &&
    toBase64(decoded) === v.replace(/\s+/g, '') &&
    !/\s/.test(v)
    ? decoded
    : v;
}
