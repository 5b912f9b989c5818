import { lineDiff } from './line-diff';

/** Changed lines with two lines of context; unchanged runs fold. */
export function YamlDiff({ before, after }: { before: string; after: string }) {
  const d = lineDiff(before.split('\n'), after.split('\n'));
  const near = (i: number) => d.slice(Math.max(0, i - 2), i + 3).some((x) => x.op !== ' ');
  const changes = d.filter((x) => x.op !== ' ').length;
  if (changes === 0)
    return (
      <p className="callout ok" data-testid="diff-none">
        No answer changed in the wizard since the import.
      </p>
    );
  return (
    <pre
      className="yaml diff"
      data-testid="yaml-diff"
      tabIndex={0}
      aria-label="Differences from the imported file"
    >
      <code>
        {d.map((x, i) =>
          near(i) ? (
            <span
              key={i}
              className={`y-line d-${x.op === '+' ? 'add' : x.op === '-' ? 'del' : 'ctx'}`}
            >
              {x.op} {x.text}
              {'\n'}
            </span>
          ) : i > 0 && near(i - 1) ? (
            <span key={i} className="y-line d-fold">
              {'⋯\n'}
            </span>
          ) : null,
        )}
      </code>
    </pre>
  );
}
