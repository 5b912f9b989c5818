'use client';

import type { ImportInfo } from './import-info';
import { FileButton } from './file-button';

/** Reads a values.yaml in the browser with the shared importer (loaded on demand). */
export function ImportButton({ onImported, onError }: { onImported: (info: ImportInfo) => void; onError: (message: string) => void }) {
  return (
    <FileButton
      label="Import values.yaml"
      accept=".yaml,.yml"
      testId="import-values"
      onText={async (text, fileName) => {
        const { importYaml } = await import('@/lib/values');
        try {
          const r = importYaml(text);
          onImported({ fileName, answers: r.answers, kept: r.kept, notes: r.notes });
        } catch (e) {
          onError((e as Error).message);
        }
      }}
    />
  );
}
