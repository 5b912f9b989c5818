/**
 * How Helm reads a plain (unquoted, untagged) scalar of a values file. Helm v3 and v4 read values
 * with sigs.k8s.io/yaml: go-yaml v2 resolves each scalar, and the tree then goes through JSON. That
 * is neither YAML 1.1 nor 1.2 (checked against helm v3.22 and v4.3 by test/chart/helm-scalars):
 * - the YAML 1.1 words are booleans and nulls (`y`, `on`, `NO`, `~`), and `0123` is octal, but
 * - `0o17`, `0X1F`, `0B11` are numbers too (Go's base prefixes, either case), underscores anywhere
 *   in a number are dropped (`1__0` is 10);
 * - sexagesimal `1:30` and dates `2001-12-14` stay text (go-yaml has no base 60, and a timestamp
 *   read into an untyped value is kept as its text);
 * - `.inf` and `.nan` are floats JSON cannot hold: Helm refuses the whole file;
 * - a number too large for a 64-bit float (`1e400`) is text; every number ends up a float64, so
 *   integers above 2^53 round the same way a JavaScript number does.
 */
export type HelmScalar =
  { value: null | boolean | number | string } | { unsupported: '+Inf' | '-Inf' | 'NaN' };

const WORDS = new Map<string, null | boolean | '+Inf' | '-Inf' | 'NaN'>([
  ...['', '~', 'null', 'Null', 'NULL'].map((w) => [w, null] as const),
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map(
    (w) => [w, true] as const,
  ),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map(
    (w) => [w, false] as const,
  ),
  // floats JSON cannot hold, by the name Go prints for them
  ...['.nan', '.NaN', '.NAN'].map((w) => [w, 'NaN'] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((w) => [w, '+Inf'] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((w) => [w, '-Inf'] as const),
]);

/** A float as Go's ParseFloat reads a text starting with '.': underscores only between digits. */
const DOT_FLOAT = /^\.\d(?:_?\d)*(?:[eE][-+]?\d(?:_?\d)*)?$/;
/** go-yaml v2's float syntax, tried on the text without its underscores. */
const YAML_FLOAT = /^[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?$/;
/**
 * Go's integer syntax with base prefixes (ParseInt base 0), without underscores: the sign, then
 * either what BigInt reads as it is (0x1F, 0o17, 0b11, 123, 0) or the digits of a 0-led octal.
 */
const GO_INT = /^([-+]?)(?:(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[1-9]\d*|0)|0([0-7]+))$/;

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

export function helmScalar(source: string): HelmScalar {
  const word = WORDS.get(source);
  if (word !== undefined) return typeof word === 'string' ? { unsupported: word } : { value: word };
  const first = source.charAt(0);
  if (first === '.')
    return DOT_FLOAT.test(source)
      ? finite(Number(source.replaceAll('_', '')), source)
      : { value: source };
  if (!/[-+0-9]/.test(first)) return { value: source };
  const plain = source.replaceAll('_', '');
  const int = GO_INT.exec(plain);
  if (int) {
    const m = int[2] !== undefined ? BigInt(int[2]) : BigInt(`0o${int[3]}`);
    const n = int[1] === '-' ? -m : m;
    // ParseInt takes int64 (a sign allowed); ParseUint the rest up to 2^64-1, without a sign.
    if (n >= INT64_MIN && (n < 2n ** 63n || (int[1] === '' && n <= UINT64_MAX)))
      return { value: Number(n) };
  }
  return YAML_FLOAT.test(plain) ? finite(Number(plain), source) : { value: source };
}

/** Go's ParseFloat fails on a float beyond float64 (1e400), and go-yaml then keeps the text. */
const finite = (n: number, source: string): HelmScalar =>
  Number.isFinite(n) ? { value: n } : { value: source };
