'use client';

import { useMemo, useRef } from 'react';
import type { Answers } from '@/lib/answers';
import { renderYaml } from '@/lib/values';
import { YamlView } from './yaml-view';

/** The live, masked minimal values.yaml beside the form; lines the last change touched are marked. */
export function YamlPreview({ answers }: { answers: Answers }) {
  const prev = useRef<string[] | null>(null);
  const { text, changed } = useMemo(() => {
    let out: string;
    try {
      out = renderYaml(answers, { maskSecrets: true }).values;
    } catch {
      out = '# The preview follows as soon as the answers are complete enough to render.';
    }
    const lines = out.split('\n');
    const before = new Set(prev.current ?? lines);
    const marks = new Set(lines.flatMap((l, i) => (before.has(l) ? [] : [i])));
    prev.current = lines;
    return { text: out, changed: marks };
  }, [answers]);
  return (
    <section className="preview-panel" aria-label="Live values.yaml preview">
      <header className="preview-head">
        <h2>values.yaml</h2>
        <span className="badge">live · secrets masked</span>
      </header>
      <YamlView text={text} testId="yaml-preview" changed={changed} />
    </section>
  );
}
