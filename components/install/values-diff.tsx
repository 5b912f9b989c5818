'use client';

import { useEffect, useState } from 'react';
import type { Answers } from '@/lib/answers';

interface ValueChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}
interface DiffResponse {
  exists?: boolean;
  changes?: ValueChange[];
  initialised?: { path: string; message: string }[];
  error?: string;
  message?: string;
  issues?: { message: string }[];
}

const MARK: Record<ValueChange['change'], string> = { added: '+', removed: '−', changed: '~' };

/** For an upgrade: what changes between the release's current values and the new ones (secrets masked by the server). */
export function ValuesDiff({
  answers,
  context,
  namespace,
  release,
  enabled,
  onStartFromRelease,
}: {
  answers: Answers;
  context: string | null;
  namespace: string;
  release: string;
  enabled: boolean;
  onStartFromRelease?: () => void;
}) {
  const [diff, setDiff] = useState<{ key: string; body: DiffResponse } | null>(null);
  const key = JSON.stringify([context, namespace, release, enabled]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const t = setTimeout(() => {
      fetch('/api/releases/diff', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ answers, context: context ?? undefined, namespace, release }),
      })
        .then(async (r) => ({
          ok: r.ok,
          status: r.status,
          body: (await r.json().catch(() => ({}))) as DiffResponse,
        }))
        .then(
          ({ ok, status, body }) =>
            live &&
            setDiff({
              key,
              body: ok
                ? body
                : {
                    message:
                      body.issues?.[0]?.message ?? body.error ?? body.message ?? `HTTP ${status}`,
                  },
            }),
        )
        .catch((e: Error) => live && setDiff({ key, body: { message: e.message } }));
    }, 400);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [answers, context, namespace, release, enabled, key]);
  if (!enabled) return null;
  const d = diff?.key === key ? diff.body : null;
  if (!d)
    return (
      <p className="muted" data-testid="diff-loading">
        Looking for release {release} in namespace {namespace}…
      </p>
    );
  if (!d.changes)
    return (
      <p className="callout warn" data-testid="diff-error">
        Could not compare with the installed release: {d.message ?? 'no answer'}
      </p>
    );
  if (!d.exists)
    return (
      <p className="muted" data-testid="diff-new">
        No release {release} in namespace {namespace} yet: this is a first install.
      </p>
    );
  const start = onStartFromRelease && (
    <div className="callout info start-from" data-testid="start-from">
      <p>
        <strong>Release {release} is already installed.</strong> Start from its values so that what
        it already set up stays: its database, Keycloak and queue passwords, license and every other
        answer (read from the release; secrets are kept in this page only).
      </p>
      <button
        type="button"
        className="button secondary small"
        onClick={onStartFromRelease}
        data-testid="start-from-release"
      >
        Start from this release
      </button>
    </div>
  );
  const initialised = d.initialised ?? [];
  const danger = initialised.length > 0 && (
    <div className="callout danger" role="alert" data-testid="initialised-warning">
      <p>
        <strong>
          This upgrade would change{' '}
          {initialised.length === 1 ? 'a password' : `${initialised.length} passwords`} the running
          release has already initialised.
        </strong>{' '}
        The new value{initialised.length === 1 ? '' : 's'} would not change what is stored; the
        release would break:
      </p>
      <ul>
        {initialised.map((c) => (
          <li key={c.path}>
            <code>{c.path}</code>: {c.message}
          </li>
        ))}
      </ul>
      <p>
        Use “Start from this release” to keep the installed values, then change only what you mean
        to.
      </p>
    </div>
  );
  if (d.changes.length === 0)
    return (
      <p className="callout info" data-testid="diff-same">
        Release {release} is installed with these very values: an upgrade re-applies them.
      </p>
    );
  return (
    <div className="values-diff" data-testid="values-diff">
      {danger}
      {start}
      <p>
        <strong>Upgrade of release {release}</strong>: {d.changes.length} value
        {d.changes.length === 1 ? '' : 's'} change (secrets masked).
      </p>
      <table className="pod-table">
        <thead>
          <tr>
            <th />
            <th>Value</th>
            <th>Installed</th>
            <th>New</th>
          </tr>
        </thead>
        <tbody>
          {d.changes.map((c) => (
            <tr
              key={c.path}
              className={`diff-${c.change}${initialised.some((i) => i.path === c.path) ? ' diff-danger' : ''}`}
              data-testid="diff-row"
              data-path={c.path}
            >
              <td aria-label={c.change}>{MARK[c.change]}</td>
              <td className="mono">{c.path}</td>
              <td className="mono">{c.before ?? '—'}</td>
              <td className="mono">{c.after ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
