// chart/values.schema.json is generated from lib/answers (npm run gen) and makes helm itself
// reject bad values; the chart's own defaults must pass it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { valuesJsonSchema } from '../../lib/values/values-schema';
import { chartDir, helmBinaries, runHelm, templateRaw } from './helm';

describe('values.schema.json', () => {
  it('is the fresh generation from lib/answers (npm run gen)', () => {
    const committed = readFileSync(path.join(chartDir, 'values.schema.json'), 'utf8');
    expect(committed).toBe(`${JSON.stringify(valuesJsonSchema(), null, 2)}\n`);
  });
});

describe.each(helmBinaries())('chart with its own defaults ($name)', (bin) => {
  it('passes helm lint --strict', () => {
    const r = runHelm(bin, ['lint', chartDir, '--strict']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  });
  it('renders with helm template', () => {
    const r = templateRaw([], { bin });
    expect(r.code, r.stderr).toBe(0);
  });
  it('is validated by the schema (a quoted boolean is refused)', () => {
    const r = templateRaw([], { bin, setString: ['general.readOnlyRootFilesystem=true'] });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/readOnlyRootFilesystem/);
  });
});
