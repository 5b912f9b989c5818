/**
 * Sentences for zod's own issues (a wrong type, a missing key, an unknown choice), so no raw
 * "Invalid input: expected number, received null" reaches an admin. Used as the per-parse error
 * map of `validateAnswers`: every message written in the schema itself still wins.
 */
type RawIssue = {
  code: string;
  path?: PropertyKey[];
  input?: unknown;
  expected?: string;
  values?: unknown[];
  options?: unknown[];
  origin?: string;
  discriminator?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
};

const WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of settings (a map)',
};

/** `sizing.backend.hpa.maxReplicas` -> `"max replicas" (sizing.backend.hpa.maxReplicas)`. */
export function fieldName(path: PropertyKey[] = []): string {
  const keys = path.filter((p) => typeof p === 'string') as string[];
  const last = keys.at(-1);
  if (!last) return 'The answers file';
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `"${words}" (${path.map(String).join('.')})`;
}

// Never the text itself: a secret pasted into the wrong field must not come back in a message.
const describeInput = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'object'
        ? 'a map'
        : typeof v === 'string'
          ? 'other text'
          : String(v);

const list = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).join(', ');

/** A sentence naming the field and saying what to do, for an issue zod raised itself. */
export function plainMessage(iss: RawIssue): string | undefined {
  const field = fieldName(iss.path);
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined)
        return `${field} is missing: give it ${WORDS[iss.expected ?? ''] ?? 'a value'}.`;
      return `${field} must be ${WORDS[iss.expected ?? ''] ?? iss.expected}, not ${describeInput(iss.input)}.`;
    case 'invalid_union': {
      // A discriminated union reports the whole object as input: show the choice's own value.
      const chosen =
        iss.discriminator && iss.input !== null && typeof iss.input === 'object'
          ? (iss.input as Record<string, unknown>)[iss.discriminator]
          : iss.input;
      return iss.options?.length
        ? `${field} must be one of ${list(iss.options)}, not ${describeInput(chosen)}.`
        : `${field} has a value the wizard does not accept here.`;
    }
    case 'invalid_value':
      if (!iss.values?.length) return `${field} has a value the wizard does not accept here.`;
      return `${field} must be ${iss.values.length === 1 ? list(iss.values) : `one of ${list(iss.values)}`}${iss.input === undefined ? '' : `, not ${describeInput(iss.input)}`}.`;
    // 'unrecognized_keys' gets no sentence here: safeIssue (issues.ts) words it without the key
    // names, which may be a secret pasted one line too high.
    case 'too_big':
      return iss.origin === 'string'
        ? `${field} is too long: use at most ${iss.maximum} characters.`
        : iss.origin === 'array'
          ? `${field} has too many entries: at most ${iss.maximum}.`
          : `${field} is too large: at most ${iss.maximum}.`;
    case 'too_small':
      return iss.origin === 'string'
        ? `${field} is too short: use at least ${iss.minimum} characters.`
        : iss.origin === 'array'
          ? `${field} needs at least ${iss.minimum} ${Number(iss.minimum) === 1 ? 'entry' : 'entries'}.`
          : `${field} is too small: at least ${iss.minimum}.`;
    default:
      return `${field} is not valid here.`;
  }
}
