/** Paths under `secrets` that hold no secret: Secret *names*, and 3.50's rotation switch. */
const NOT_SECRET = new Set([
  'secrets.defaults.dockerhub_config.existingSecret',
  'secrets.customCa.existingCaSecret',
  'secrets.keysEncryption.rotateKey',
]);

/**
 * Which value paths hold secrets (docs/chart-3.9.4.md §13.4 and docs/chart-3.50.md §9, the secret
 * registers): everything under `secrets` except Secret *names* and 3.50's `rotateKey` switch, and
 * the server certificate pair (the key is secret; the certificate travels with it so the pair
 * stays together).
 */
export function isSecretPath(path: readonly string[]): boolean {
  if (path[0] === 'certificate')
    return path[1] === 'tls' && (path[2] === 'key' || path[2] === 'crt');
  return path[0] === 'secrets' && !NOT_SECRET.has(path.join('.'));
}

/** What kind of value a secret holds, named without revealing it: text, number, boolean, … */
export function valueKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'map';
  return typeof v === 'string' ? 'text' : typeof v;
}

/** A secret as a change list shows it: masked, but with the kind Helm read (`******** (number)`). */
export const maskedValue = (v: unknown): string => `******** (${valueKind(v)})`;

/**
 * How a plain scalar's source is written, in words that do not repeat it: a secret Helm reads as
 * a number or a boolean is named by its form only (a leading 0 made it octal, `on` a boolean).
 */
export function scalarForm(source: string, value: unknown): string {
  if (typeof value === 'boolean') return 'a boolean (to Helm yes/no, on/off, y/n are booleans too)';
  const s = source.replace(/^[-+]/, '');
  if (/^0o?[0-7_]+$/i.test(s) && s !== '0') return 'an octal number (digits after a leading 0)';
  if (/^0x/i.test(s)) return 'a hexadecimal number (0x…)';
  if (/^0b/i.test(s)) return 'a binary number (0b…)';
  if (/e/i.test(s) && !/^\.?(inf|nan)$/i.test(s)) return 'a number in exponent form';
  if (s.includes(':')) return 'a base-60 number (digits separated by colons)';
  return 'a number';
}
