'use client';

import { useMemo } from 'react';
import type { Answers } from '@/lib/answers';
import { CHART_DEFAULTS, isSecretPath, renderValues, valuesChanges } from '@/lib/values';
import { maskedValue } from '@/lib/values/secret-paths';
import type { ImportInfo } from './import-info';

const shown = (path: string[], v: unknown) =>
  v === undefined ? '(not set)' : isSecretPath(path) ? maskedValue(v) : JSON.stringify(v);

/**
 * What an import found, most important first: notes on how Helm reads the file, keys the chart
 * does not have (typos Helm ignores), real keys the wizard keeps as they are, and every value the
 * wizard's file changes compared with the imported one (secrets masked).
 */
export function ImportSummary({ imported, answers }: { imported: ImportInfo; answers: Answers }) {
  const changes = useMemo(() => {
    try {
      return valuesChanges(imported.original, renderValues(answers).values, CHART_DEFAULTS);
    } catch {
      return null; // a half-switched branch for one render
    }
  }, [imported, answers]);
  const { kept, unknown, notes, findings } = imported;
  // the chart the file was judged against: the one the import made the plan for
  const chart = `chart ${answers.chart}`;
  return (
    <section
      className="callout info import-summary"
      data-testid="import-summary"
      aria-label="Import"
    >
      <p>
        <strong>Imported from {imported.fileName}.</strong>{' '}
        {kept.length === 0 && unknown.length === 0
          ? 'Every key that differs from the chart defaults is modelled by the wizard.'
          : ''}
      </p>
      {findings.length > 0 ? (
        <div className="callout danger" data-testid="import-findings">
          <p>
            <strong>
              As written, this file breaks{' '}
              {findings.length === 1 ? 'a rule' : `${findings.length} rules`} of {chart}
            </strong>{' '}
            (the same findings as <code>npm run cli -- check</code>); the wizard’s answers below are
            corrected where it could:
          </p>
          <ul>
            {findings.map((f) => (
              <li key={f.path + f.message}>
                <code>{f.path}</code>: {f.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p data-testid="import-findings-none">
          As written, the file breaks no rule of {chart} the wizard checks.
        </p>
      )}
      {notes.length > 0 && (
        <>
          <h3>How the file is read</h3>
          <ul data-testid="import-notes">
            {notes.map((n) => (
              <li key={n.path + n.message}>
                <code>{n.path}</code>: {n.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {unknown.length > 0 && (
        <>
          <h3>Keys chart 3.9.4 does not have (Helm ignores them)</h3>
          <ul data-testid="unknown-keys">
            {unknown.map((k) => (
              <li key={k.path.join('.')}>
                <code>{k.path.join('.')}</code>
                {k.suggestion ? (
                  <>
                    {' '}
                    — a typo of <code>{k.suggestion}</code>?
                  </>
                ) : (
                  ' — not a key of the chart'
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {kept.length > 0 && (
        <>
          <h3>
            {kept.length === 1 ? 'One key is' : `${kept.length} keys are`} not modelled by the
            wizard and kept as is
          </h3>
          <ul className="kept" data-testid="kept-keys">
            {kept.map((k) => (
              <li key={k.join('.')}>
                <code>{k.join('.')}</code> — kept as is
              </li>
            ))}
          </ul>
        </>
      )}
      {changes && (
        <>
          <h3>What the wizard’s file changes</h3>
          {changes.length === 0 ? (
            <p data-testid="values-changes-none">
              Nothing: Helm gets the same values from the wizard’s file as from {imported.fileName}.
            </p>
          ) : (
            <ul className="kept" data-testid="values-changes">
              {changes.map((c) => (
                <li key={c.path.join('.')}>
                  <code>{c.path.join('.')}</code>: {shown(c.path, c.before)} →{' '}
                  {shown(c.path, c.after)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
