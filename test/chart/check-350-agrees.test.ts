// `cli check` and the test chart agree (docs/chart-3.50.md §6, §7): every value chart-3.50/
// refuses to render (the vendor's F1-F7, and the traps the test chart refuses in the vendor's
// place) is a finding of checkValues on the same key — before helm runs — and the minimal values
// of §12, which install, break no rule. Pure: the helm side is chart-350-behaviour.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkValues } from '../../lib/values/check';
import { readValuesFile } from '../../lib/values/values-file';
import { minimal350 } from './chart350';
import { failures, refusals } from './chart350-cases';

const MINIMAL = readValuesFile(readFileSync(minimal350, 'utf8')).values;
const findings = (over: object) => checkValues([MINIMAL, over], { chart: '3.50.0' });
/** A finding on the key, on a key inside it, or on the map that holds it. */
const onKey = (path: string, key: string) =>
  path === key || path.startsWith(`${key}.`) || key.startsWith(`${path}.`);

describe('check and chart-3.50 agree', () => {
  it('the minimal values of §12 break no rule', () => {
    expect(checkValues([MINIMAL])).toEqual([]);
  });

  it.each([...failures, ...refusals].map((c) => [c.id, c] as const))(
    '%s: check names the key the chart refuses',
    (_id, c) => {
      const keys = c.keys.filter((k) => k.includes('.'));
      expect(keys.length).toBeGreaterThan(0);
      const found = findings(c.bad);
      expect(
        found.some((f) => keys.some((k) => onKey(f.path, k))),
        JSON.stringify(found.map((f) => f.path)),
      ).toBe(true);
    },
  );
});
