// expectedWorkloads reads only the documents of the kinds it needs (lib/status/expected.ts): on the
// real rendered manifest of every example, and of the vendor-style manifests with hooks and HPAs,
// it must give exactly what reading every document gives.
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { expectedWorkloads } from '@/lib/status/expected';
import { exampleConfigs, templateRaw } from './helm';

/** The oracle: every document parsed, then the same selection (kept simple on purpose). */
function everyDocument(manifest: string) {
  const docs = parseAllDocuments(manifest)
    .map((d) => d.toJS())
    .filter((d) => d && typeof d === 'object');
  // Re-emit each document on its own and let expectedWorkloads read it: with one document there
  // is nothing to skip, so the result is the full parse's.
  const joined = docs.map((d) => JSON.stringify(d)).join('\n---\n');
  return expectedWorkloads(joined);
}

describe('expectedWorkloads on rendered charts equals a full parse', () => {
  for (const ex of exampleConfigs()) {
    it(ex.name, () => {
      const r = templateRaw(ex.files);
      expect(r.code).toBe(0);
      const fast = expectedWorkloads(r.stdout);
      expect(fast.length).toBeGreaterThan(0);
      expect(fast).toEqual(everyDocument(r.stdout));
    });
  }
});
