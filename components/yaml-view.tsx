import type { ReactNode } from 'react';

const SCALAR = /^(true|false|null|~)$/;

/** One YAML line as spans: comment, key, value (by type). Enough for the files the wizard writes. */
function highlight(line: string): ReactNode {
  const hash = line.trimStart().startsWith('#');
  if (hash) return <span className="y-comment">{line}</span>;
  // No two quantifiers compete for the same characters, so a long line cannot make it backtrack.
  const m = /^(\s*(?:- )?)([^\s:#'"][^:#]*|"[^"]*"|'[^']*'):(?=\s|$)(\s*)(\S[\s\S]*)?$/.exec(line);
  if (!m) return line;
  const [, lead, key, gap, value = ''] = m;
  const cls = /^["']/.test(value)
    ? 'y-str'
    : SCALAR.test(value)
      ? 'y-bool'
      : /^-?\d/.test(value)
        ? 'y-num'
        : value.startsWith('#')
          ? 'y-comment'
          : 'y-str';
  return (
    <>
      {lead}
      <span className="y-key">{key}</span>:{gap}
      {value && <span className={cls}>{value}</span>}
    </>
  );
}

export function YamlView({
  text,
  testId,
  changed,
}: {
  text: string;
  testId: string;
  changed?: ReadonlySet<number>;
}) {
  const lines = text.replace(/\n$/, '').split('\n');
  return (
    <pre className="yaml" data-testid={testId} tabIndex={0} aria-label="YAML">
      <code>
        {lines.map((l, i) => (
          <span key={i} className={changed?.has(i) ? 'y-line y-changed' : 'y-line'}>
            {highlight(l)}
            {'\n'}
          </span>
        ))}
      </code>
    </pre>
  );
}
