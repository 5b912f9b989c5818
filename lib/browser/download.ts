/** Saves text as a file through a temporary object URL (the text never lands in a page URL). */
export function downloadText(filename: string, text: string, type = 'application/yaml'): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/** Saves a binary download (the support bundle) the same way: a temporary object URL, revoked after. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The file name of a `Content-Disposition: attachment; filename="…"` header, else `fallback`. */
export function attachmentName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const at = header.indexOf('filename="');
  if (at < 0) return fallback;
  const start = at + 'filename="'.length;
  const end = header.indexOf('"', start);
  const name = end > start ? header.slice(start, end) : '';
  return name && !name.includes('/') && !name.includes('\\') ? name : fallback;
}
