/**
 * `npx tsx bench/heap-diff.ts A.heapsnapshot B.heapsnapshot [TOP]`: what B's heap holds that A's
 * does not, grouped the way DevTools' Summary view groups it (node type and constructor or closure
 * name; strings and code by type alone, with the largest strings' beginnings), sorted by the
 * difference in self size. For the scale benchmark's memory row: take the snapshots with
 * BENCH_SCALE_SNAPSHOTS=DIR (1-viewer and 20-viewer phases) and compare them here.
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

interface Group {
  count: number;
  size: number;
}

/** Self size and count per group, plus the ten largest strings (their beginnings) in the heap. */
export function summarise(s: Snapshot): {
  groups: Map<string, Group>;
  total: number;
  bigStrings: { size: number; text: string }[];
} {
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const width = fields.length;
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const groups = new Map<string, Group>();
  const strings: { size: number; text: string }[] = [];
  let total = 0;
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + iType]!]!;
    const size = s.nodes[i + iSize]!;
    const name = s.strings[s.nodes[i + iName]!]!;
    total += size;
    // Strings, numbers and code are named by their content: group them by type.
    const key = ['object', 'closure', 'native', 'hidden', 'array', 'synthetic', 'code'].includes(
      type,
    )
      ? `${type} ${name.slice(0, 80)}`
      : type;
    const g = groups.get(key) ?? { count: 0, size: 0 };
    g.count++;
    g.size += size;
    groups.set(key, g);
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string')
      strings.push({ size, text: name.slice(0, 100) });
  }
  strings.sort((a, b) => b.size - a.size);
  return { groups, total, bigStrings: strings.slice(0, 10) };
}

function main(): void {
  const [a, b, topArg] = process.argv.slice(2);
  if (!a || !b) {
    console.error('usage: tsx bench/heap-diff.ts A.heapsnapshot B.heapsnapshot [TOP]');
    process.exit(2);
  }
  const top = Number(topArg ?? 30);
  const load = (f: string) => summarise(JSON.parse(readFileSync(f, 'utf8')) as Snapshot);
  const A = load(a);
  const B = load(b);
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(
    `A ${a}: ${kib(A.total)} self size in all; B ${b}: ${kib(B.total)} (${kib(B.total - A.total)} more)`,
  );
  const keys = new Set([...A.groups.keys(), ...B.groups.keys()]);
  const rows = [...keys].map((k) => {
    const x = A.groups.get(k) ?? { count: 0, size: 0 };
    const y = B.groups.get(k) ?? { count: 0, size: 0 };
    return { k, dSize: y.size - x.size, dCount: y.count - x.count, a: x, b: y };
  });
  rows.sort((p, q) => Math.abs(q.dSize) - Math.abs(p.dSize));
  console.log('| group | Δ self size | Δ count | A | B |\n|---|---|---|---|---|');
  for (const r of rows.slice(0, top))
    console.log(
      `| ${r.k.replace(/\|/g, '\\|')} | ${kib(r.dSize)} | ${r.dCount} | ${r.a.count} / ${kib(r.a.size)} | ${r.b.count} / ${kib(r.b.size)} |`,
    );
  for (const [label, s] of [
    ['A', A],
    ['B', B],
  ] as const) {
    console.log(`\n${label}'s largest strings:`);
    for (const x of s.bigStrings) console.log(`  ${kib(x.size)}  ${JSON.stringify(x.text)}`);
  }
}

if (process.argv[1]?.endsWith('heap-diff.ts')) main();
