// chart/README.md's value table is generated from values.yaml + values.schema.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartReadmePaths, expectedReadme, valuesTable } from '../../scripts/gen-chart-readme';
import { repoRoot } from './helm';

const paths = chartReadmePaths(repoRoot);

/** Dotted paths of every leaf of a values tree (empty maps and lists count as leaves). */
function leaves(v: unknown, prefix = ''): string[] {
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) {
    return Object.entries(v).flatMap(([k, x]) => leaves(x, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe('chart README', () => {
  it('is up to date (npx tsx scripts/gen-chart-readme.ts)', () => {
    expect(readFileSync(paths.readme, 'utf8')).toBe(expectedReadme(repoRoot));
  });

  it('lists every value of values.yaml with its default', () => {
    const values = parse(readFileSync(paths.values, 'utf8'));
    const table = valuesTable(readFileSync(paths.values, 'utf8'), null);
    for (const key of leaves(values)) expect(table, key).toContain(`| \`${key}\` |`);
    expect(table).toContain('| `general.db_local` | boolean | `true` |');
    expect(table).toContain('| `general.mq.storage` | string | `"10Gi"` |');
  });

  it('takes descriptions from the schema first, values.yaml comments second', () => {
    const values = 'general:\n  # from the comment\n  a: 1\n  # ignored comment\n  b: x\n';
    const schema = {
      type: 'object',
      properties: {
        general: {
          type: 'object',
          properties: { b: { type: 'string', description: 'from the schema' } },
        },
      },
    };
    expect(valuesTable(values, schema)).toBe(
      [
        '| Key | Type | Default | Description |',
        '|-----|------|---------|-------------|',
        '| `general.a` | integer | `1` | from the comment |',
        '| `general.b` | string | `"x"` | from the schema |',
      ].join('\n'),
    );
  });
});
