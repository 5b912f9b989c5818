'use client';

import type { ImportInfo } from './import-info';
import { FileButton } from './file-button';

type Tree = Record<string, unknown>;
const isMap = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Helm's -f semantics: maps merge deeply, a later file wins for everything else. */
const merge = (a: unknown, b: unknown): unknown =>
  isMap(a) && isMap(b)
    ? Object.fromEntries(
        [...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => [
          k,
          k in b ? (k in a ? merge(a[k], b[k]) : b[k]) : a[k],
        ]),
      )
    : b;

/**
 * Reads values.yaml (and, selected together, secrets.yaml — merged like `helm -f values.yaml -f
 * secrets.yaml`) in the browser with the shared importer, loaded on demand.
 */
export function ImportButton({
  onImported,
  onError,
}: {
  onImported: (info: ImportInfo) => void;
  onError: (message: string) => void;
}) {
  return (
    <FileButton
      label="Import values.yaml"
      accept=".yaml,.yml"
      multiple
      testId="import-values"
      onFiles={async (files) => {
        const {
          checkValues,
          HELM_READS,
          HelmReadError,
          importValues,
          importYaml,
          parseValuesYaml,
          yamlErrorWhere,
        } = await import('@/lib/values');
        // values before secrets, as helm would be given them
        const ordered = [...files].sort(
          (x, y) => Number(/secret/i.test(x.name)) - Number(/secret/i.test(y.name)),
        );
        try {
          let tree: unknown = {};
          const trees: unknown[] = [];
          const conversions: { path: string; message: string }[] = [];
          for (const f of ordered) {
            try {
              trees.push(parseValuesYaml(f.text) ?? {});
              tree = merge(tree, trees[trees.length - 1]);
            } catch (e) {
              throw new Error(
                e instanceof HelmReadError
                  ? `${f.name}: ${e.message}`
                  : `${f.name} is not valid YAML${yamlErrorWhere(e)}.`, // where, never a quote of it
                { cause: e },
              );
            }
            // each file's own Helm readings (yes -> true, 0123 -> 83), which only its text shows
            if (ordered.length > 1)
              conversions.push(
                ...importYaml(f.text)
                  .notes.filter((n) => n.message.startsWith(HELM_READS))
                  .map((n) => ({ ...n, path: `${f.name}: ${n.path}` })),
              );
          }
          const r = ordered.length === 1 ? importYaml(ordered[0]!.text) : importValues(tree);
          // the file judged as written (what `cli check` says), before the wizard corrects anything
          const findings = checkValues(trees);
          onImported({
            fileName: ordered.map((f) => f.name).join(' + '),
            findings,
            answers: r.answers,
            kept: r.kept,
            unknown: r.unknown,
            notes: [...conversions, ...r.notes],
            original: r.original,
          });
        } catch (e) {
          onError((e as Error).message);
        }
      }}
    />
  );
}
