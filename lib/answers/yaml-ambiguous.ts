/** Words Helm's parser (go-yaml v2, YAML 1.1's words) reads as booleans or null, in any case. */
const YAML_AMBIGUOUS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null', '~']);

/**
 * True when a plain YAML scalar of this text would not stay a string in a rendered manifest
 * (docs/chart-3.9.4.md G6).
 */
export function isYamlAmbiguous(s: string): boolean {
  const lower = s.toLowerCase();
  if (YAML_AMBIGUOUS.has(lower)) return true;
  // numbers in any YAML 1.1/1.2 notation: 123, 0123, 1e3, 0x1f, 0b101, 1_000, .5, 1:30
  return /^[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+|\d+(:[0-5]?\d)+|\.inf|\.nan)$/i.test(
    s,
  );
}
