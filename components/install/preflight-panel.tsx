'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Answers } from '@/lib/answers';
import { readNdjson } from '@/lib/preflight/ndjson';
import { issuesLine } from '@/lib/browser/issue-display';
import {
  applyLine,
  counts,
  emptyProgress,
  settled,
  type Progress,
  type Row,
} from '@/lib/preflight/progress';
import './preflight-panel.css';

export interface PreflightSettled {
  done: boolean;
  fails: string[];
  overrides: string[];
}
export interface PreflightRequest {
  answers: Answers;
  context?: string;
  namespace?: string;
  release?: string;
  /** The chart the install will use: the dry run renders it. */
  chart?: { source: string; ref?: string; version?: string };
}

/** Waits this long after the last answer change before running again (typing must not start runs). */
const RERUN_DEBOUNCE_MS = 800;

/** Runs POST /api/preflight for `request` and folds the NDJSON lines into `setProgress` as they arrive. */
function usePreflightRun(request: PreflightRequest) {
  const [progress, setProgress] = useState<Progress>(emptyProgress);
  const [run, setRun] = useState(0);
  const body = useMemo(() => JSON.stringify(request), [request]);
  useEffect(() => {
    const ac = new AbortController();
    setProgress(emptyProgress());
    void (async () => {
      try {
        const res = await fetch('/api/preflight', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          signal: ac.signal,
        });
        if (!res.ok || !res.body) {
          const j = (await res.json().catch(() => ({}))) as {
            issues?: { path: (string | number)[]; message: string }[];
            error?: string;
          };
          const why =
            (j.issues ? issuesLine(j.issues) : undefined) ?? j.error ?? `HTTP ${res.status}`;
          return setProgress((p) => ({
            ...p,
            finished: true,
            error: `Preflight did not start: ${why}`,
          }));
        }
        for await (const line of readNdjson(res.body)) setProgress((p) => applyLine(p, line));
        setProgress((p) => ({ ...p, finished: true }));
      } catch (e) {
        if (!ac.signal.aborted)
          setProgress((p) => ({
            ...p,
            finished: true,
            error: `The wizard server stopped answering: ${(e as Error).message}`,
          }));
      }
    })();
    return () => ac.abort();
  }, [body, run]);
  return { progress, rerun: useCallback(() => setRun((n) => n + 1), []) };
}

/** The request, but only once it has stopped changing for RERUN_DEBOUNCE_MS. */
function useSettledRequest(request: PreflightRequest): PreflightRequest {
  const [stable, setStable] = useState(request);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const t = setTimeout(() => setStable(request), RERUN_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [request]);
  return stable;
}

/**
 * The preflight list on Review: every check the server runs for these answers, filling in live as
 * each finishes; re-runs when the answers change (or on "Run again"). A failed check blocks
 * Install until it is fixed or explicitly overridden here; the overrides go to POST /api/install,
 * which records them in the job log.
 */
export function PreflightPanel({
  request,
  onSettled,
}: {
  request: PreflightRequest;
  onSettled: (r: PreflightSettled) => void;
}) {
  const stable = useSettledRequest(request);
  const { progress, rerun } = usePreflightRun(stable);
  const [overrides, setOverrides] = useState<string[]>([]);
  const result = useMemo(() => settled(progress, overrides), [progress, overrides]);
  const key = JSON.stringify(result);
  useEffect(() => onSettled(result), [key]); // eslint-disable-line react-hooks/exhaustive-deps -- `key` is `result` by value
  const c = counts(progress);
  const toggle = (id: string, on: boolean) =>
    setOverrides((o) => (on ? [...o.filter((x) => x !== id), id] : o.filter((x) => x !== id)));
  const running = !progress.finished;

  return (
    <section
      className="preflight"
      aria-labelledby="preflight-title"
      data-testid="preflight-panel"
      data-done={result.done ? 'true' : 'false'}
    >
      <div className="preflight-head">
        <h3 id="preflight-title">Preflight checks</h3>
        <span className="preflight-summary" data-testid="preflight-summary" aria-live="polite">
          {c.total === 0
            ? running
              ? 'Starting…'
              : ''
            : `${c.done} of ${c.total} done · ${c.pass} pass · ${c.warn} warn · ${c.fail} fail`}
        </span>
        <button
          type="button"
          className="button secondary small"
          onClick={rerun}
          disabled={running}
          data-testid="preflight-rerun"
        >
          {running ? 'Checking…' : 'Run again'}
        </button>
      </div>
      {progress.error && (
        <p className="field-error" role="alert" data-testid="preflight-error">
          {progress.error}
        </p>
      )}
      <ul className="preflight-list">
        {progress.rows.map((row) => (
          <CheckRow
            key={row.id}
            row={row}
            overridden={overrides.includes(row.id)}
            onOverride={(on) => toggle(row.id, on)}
          />
        ))}
      </ul>
    </section>
  );
}

const ICON = { pass: '✓', warn: '!', fail: '✕' } as const;

function CheckRow({
  row,
  overridden,
  onOverride,
}: {
  row: Row;
  overridden: boolean;
  onOverride: (on: boolean) => void;
}) {
  const r = row.result;
  const status = r?.status ?? 'pending';
  return (
    <li
      className={`preflight-row ${status}`}
      data-testid={`preflight-check-${row.id}`}
      data-status={status}
    >
      <span className="preflight-icon" aria-label={status}>
        {r ? ICON[r.status] : ''}
      </span>
      <span className="preflight-title">
        {row.title}
        {r?.ms !== undefined && (
          <span className="preflight-ms">
            {r.ms < 1000 ? `${r.ms} ms` : `${(r.ms / 1000).toFixed(1)} s`}
          </span>
        )}
      </span>
      <p className="preflight-message">
        {r ? r.message : `Checking… (gives up after ${Math.round(row.timeoutMs / 1000)} s)`}
      </p>
      {r?.fix && (
        <p className="preflight-fix">
          <strong>Fix:</strong> {r.fix}
        </p>
      )}
      {r?.status === 'fail' && (
        <label className="preflight-override">
          <input
            type="checkbox"
            checked={overridden}
            onChange={(e) => onOverride(e.target.checked)}
            data-testid={`preflight-override-${row.id}`}
          />
          Install anyway: I accept this failure (recorded in the install log)
        </label>
      )}
    </li>
  );
}
