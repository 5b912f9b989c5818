/** Kubernetes resource quantities as numbers. PURE. */

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** "3000m" -> 3, "7Gi" -> 7516192768, "1e3" -> 1000; NaN when unreadable. */
export function parseQuantity(q: string | number): number {
  if (typeof q === 'number') return q;
  const m =
    /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(
      q.trim(),
    );
  if (!m) return NaN;
  const base = Number(m[1]) * (m[2] ? 10 ** Number(m[2]) : 1);
  const suffix = m[3] ?? '';
  return base * (BINARY[suffix] ?? DECIMAL[suffix]!);
}

/** CPU in whole millicores (rounded up, as the scheduler does). */
export const milliCpu = (q: string | number) => Math.ceil(Math.round(parseQuantity(q) * 1e6) / 1e3);

/** 3000 -> "3000m". */
export const formatCpu = (milli: number) => `${milli}m`;

/**
 * Bytes in the largest binary unit that states them exactly with at most two decimals
 * (7516192768 -> "7Gi", 1610612736 -> "1.5Gi", 6500Mi stays "6500Mi"); plain bytes otherwise,
 * so a one-byte shortfall is never rounded away.
 */
export function formatBytes(b: number): string {
  for (const [u, f] of [
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (Math.abs(b) >= f && Number.isInteger((b * 100) / f)) return `${(b * 100) / f / 100}${u}`;
  }
  return `${b}`;
}
