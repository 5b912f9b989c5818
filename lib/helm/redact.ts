/**
 * Removes secret values from text before it is stored or streamed (PURE). Helm echoes values in
 * errors ("… cannot unmarshal …: <value>"), in `get values`, and in rendered Secret manifests, so
 * every line of helm output passes through a redactor built from the job's own secrets.
 */
import { SECRET_ANSWER_PATHS, type Answers } from '../answers';
import { renderValues } from '../values';
import { isSecretPath } from '../values/secret-paths';
import { toBase64 } from '../values/base64';

export const REDACTED = '[redacted]';

/** Secrets shorter than this are not redacted on their own (they would match everywhere). */
export const MIN_SECRET_LENGTH = 4;

function b64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * The forms a secret takes in output: itself, its JSON-escaped form, its base64 (Secret `data`),
 * the alignment-independent core of its base64 when embedded in a longer base64 blob (a
 * dockerconfigjson, a PEM), and each line of a multi-line secret.
 */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = new Set<string>([secret, json, goJsonEscape(json), toBase64(secret)]);
  const bytes = new TextEncoder().encode(secret);
  for (let skip = 1; skip <= 2 && bytes.length - skip >= 6; skip++) {
    // Base64 of the secret shifted by `skip` bytes: drop the first 4 chars (they mix in the
    // neighbour's bits) and the last partial group.
    const core = withoutPadding(b64(bytes.subarray(skip)));
    const trimmed = core.slice(0, core.length - (core.length % 4));
    if (trimmed.length >= 8) forms.add(trimmed);
  }
  const plainCore = withoutPadding(toBase64(secret));
  if (plainCore.length >= 8)
    forms.add(plainCore.slice(0, plainCore.length - (plainCore.length % 4)));
  for (const line of secret.split(/\r?\n/))
    if (line.trim().length >= 8 && line !== secret) forms.add(line.trim());
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/**
 * Go's encoding/json (helm's `-o json`, the API server) also escapes `<`, `>`, `&` and U+2028/2029
 * as `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`: a password with `&` appears so in
 * `helm status -o json`.
 */
export function goJsonEscape(jsonEscaped: string): string {
  let out = '';
  for (const ch of jsonEscaped) {
    if (ch === '<') out += '\\u003c';
    else if (ch === '>') out += '\\u003e';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '\u2028') out += '\\u2028';
    else if (ch === '\u2029') out += '\\u2029';
    else out += ch;
  }
  return out;
}

export type Redactor = (text: string) => string;

/** A redactor for a set of secret values: every form of each is replaced by `[redacted]`, longest first. */
export function makeRedactor(secrets: Iterable<string>): Redactor {
  const forms = new Set<string>();
  for (const s of secrets) for (const f of secretForms(s)) forms.add(f);
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return (t) => t;
  return (text) => {
    let out = text;
    for (const f of sorted) if (out.includes(f)) out = out.split(f).join(REDACTED);
    return out;
  };
}

/**
 * Values never redacted even where the answers hold them in a secret field: the product's own
 * public names (the chart's default database user is "lightrun"; image names start "lightruncom").
 * A user name equal to one of these is already public; redacting it would garble images and labels.
 */
export const PUBLIC_WORDS: readonly string[] = [
  'lightrun',
  'lightruncom',
  'admin',
  'root',
  'mysql',
  'rabbitmq',
  'keycloak',
  'redis',
];

function getAt(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const k of path)
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

function leafStrings(t: unknown, path: string[], out: (p: string[], v: string) => void): void {
  if (typeof t === 'string') out(path, t);
  else if (t && typeof t === 'object')
    for (const [k, v] of Object.entries(t)) leafStrings(v, [...path, k], out);
}

/**
 * Every secret value of the answers: the secret fields and the secret leaves of the rendered values.
 * A value equal to one of `publicNames` (release, namespace, the endpoint's labels) is left out: a
 * database user named "lightrun" is already visible in those names, and redacting it would garble
 * every line that mentions the release.
 */
export function secretValuesOf(answers: Answers, publicNames: readonly string[] = []): string[] {
  const skip = new Set([...publicNames, ...PUBLIC_WORDS]);
  const found = new Set<string>();
  for (const p of SECRET_ANSWER_PATHS) {
    const v = getAt(answers, p.split('.'));
    if (typeof v === 'string' && v !== '') found.add(v);
  }
  // chart 3.50 has no complete file yet (lib/values/render.ts): its override file holds every answer
  const full = answers.chart !== '3.50.0';
  leafStrings(renderValues(answers, { full }).values, [], (p, v) => {
    if (v !== '' && isSecretPath(p)) found.add(v);
  });
  return [...found].filter((v) => !skip.has(v));
}

/**
 * Every secret value of a values tree as helm keeps it for a release (`helm get values`): the
 * string leaves at secret paths (docs/chart-3.9.4.md §13.4). Rollback and uninstall have no
 * answers to redact with; the release's own values (current and target revision) are what their
 * helm output can echo.
 */
export function secretValuesOfTree(values: unknown, publicNames: readonly string[] = []): string[] {
  const skip = new Set([...publicNames, ...PUBLIC_WORDS]);
  const found = new Set<string>();
  leafStrings(values, [], (p, v) => {
    if (v !== '' && isSecretPath(p)) found.add(v);
  });
  return [...found].filter((v) => !skip.has(v));
}

/** base64 without its trailing `=` padding (a loop: a `/=+$/` scan is quadratic on long runs of `=`). */
function withoutPadding(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '=') end--;
  return s.slice(0, end);
}
