'use client';

import { useState } from 'react';
import type { Answers } from '@/lib/answers';
import { renderYaml } from '@/lib/values';
import { YamlView } from './yaml-view';

type Preview = { answers: Answers; text: string; lines: string[]; changed: Set<number> };

/** The preview of `answers`, marking the lines that are not among the lines shown `before`. */
function preview(answers: Answers, before: readonly string[] | null): Preview {
  let text: string;
  try {
    text = renderYaml(answers, { maskSecrets: true }).values;
  } catch {
    text = '# The preview follows as soon as the answers are complete enough to render.';
  }
  const lines = text.split('\n');
  const shown = new Set(before ?? lines);
  const changed = new Set(lines.flatMap((l, i) => (shown.has(l) ? [] : [i])));
  return { answers, text, lines, changed };
}

/** The live, masked minimal values.yaml beside the form; lines the last change touched are marked. */
export function YamlPreview({ answers }: { answers: Answers }) {
  // The preview shown is kept with the answers it was made from; new answers are rendered and
  // compared with it during render (react.dev, "You might not need an effect": storing information
  // from previous renders), so the marks always compare with what was on screen.
  const [shown, setShown] = useState(() => preview(answers, null));
  let current = shown;
  if (shown.answers !== answers) {
    current = preview(answers, shown.lines);
    setShown(current);
  }
  return (
    <section className="preview-panel" aria-label="Live values.yaml preview">
      <header className="preview-head">
        <h2>values.yaml</h2>
        <span className="badge">live · secrets masked</span>
      </header>
      <YamlView text={current.text} testId="yaml-preview" changed={current.changed} />
    </section>
  );
}
