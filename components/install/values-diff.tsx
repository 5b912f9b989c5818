'use client';

import { useEffect, useState } from 'react';
import type { Answers } from '@/lib/answers';
import type { ProfileConflict } from './profile-conflict';

export interface ValueChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}
interface LeftoverClaim {
  name: string;
  size: string;
  component: string;
}
export interface DiffResponse {
  exists?: boolean;
  /** The release's newest revision: an upgrade makes the next one. */
  revision?: number | null;
  changes?: ValueChange[];
  initialised?: { path: string; message: string }[];
  /** A first install into a namespace holding what an earlier release of the name left. */
  leftovers?: {
    claims: LeftoverClaim[];
    keptValues: string | null;
    /** The kept values' secrets these answers would replace; none once started from them. */
    initialised: { path: string }[];
  };
  /** The release runs the other chart (3.9.4 ↔ 3.50): the install would be refused. */
  conflict?: ProfileConflict;
  error?: string;
  message?: string;
  issues?: { message: string }[];
}

const MARK: Record<ValueChange['change'], string> = { added: '+', removed: '−', changed: '~' };
const CLAIM_WHAT: Record<string, string> = { mysql: 'the database', mq: 'the message queue' };

/**
 * POST /api/releases/diff for the target (debounced; a newer target wins): the release's current
 * values against the answers', its revision, and for a first install what an earlier release
 * left. null while it loads or when disabled.
 */
export function useReleaseDiff(
  answers: Answers,
  t: { context: string | null; namespace: string; release: string },
  enabled: boolean,
): DiffResponse | null {
  const { context, namespace, release } = t;
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
  return enabled && diff?.key === key ? diff.body : null;
}

/** What an earlier release of the name left in the namespace, before a first install (issue 25 #7). */
function LeftoverWarning({
  release,
  namespace,
  leftovers,
  onStartFromRelease,
}: {
  release: string;
  namespace: string;
  leftovers: NonNullable<DiffResponse['leftovers']>;
  onStartFromRelease?: () => void;
}) {
  if (leftovers.keptValues && leftovers.initialised.length === 0)
    return (
      <p className="callout info" data-testid="leftovers-matched">
        {`Namespace ${namespace} holds the data of an earlier release ${release} (${leftovers.claims.map((c) => c.name).join(', ')}): these answers keep the passwords it was initialised with (from Secret ${leftovers.keptValues}), so the install can use it.`}
      </p>
    );
  return (
    <div className="callout warn" role="alert" data-testid="leftovers-warning">
      <p>
        <strong>
          Namespace {namespace} holds the data of an earlier release {release}.
        </strong>{' '}
        Its volumes were initialised with that release’s passwords; a fresh install with new
        passwords would be refused by them and would not start:
      </p>
      <ul>
        {leftovers.claims.map((c) => (
          <li key={c.name} data-testid="leftover-claim">
            <code>{c.name}</code>
            {c.size ? ` (${c.size})` : ''}
            {CLAIM_WHAT[c.component] ? `: ${CLAIM_WHAT[c.component]}` : ''}
          </li>
        ))}
      </ul>
      {leftovers.keptValues && onStartFromRelease ? (
        <>
          <p>
            The uninstall kept a copy of that release’s values in Secret{' '}
            <code>{leftovers.keptValues}</code>: start from them to install with the passwords the
            volumes know (read into this page’s memory only).
          </p>
          <button
            type="button"
            className="button secondary small"
            onClick={onStartFromRelease}
            data-testid="start-from-kept"
          >
            Start from the uninstalled release’s values
          </button>
        </>
      ) : (
        <p>
          Import the values or answers file that release was installed with, or delete the claims
          for a clean start (<code>kubectl -n {namespace} delete pvc …</code>).
        </p>
      )}
    </div>
  );
}

/** For an upgrade: what changes between the release's current values and the new ones (secrets masked by the server). */
export function ValuesDiff({
  diff: d,
  namespace,
  release,
  enabled,
  override,
  onOverride,
  onStartFromRelease,
}: {
  diff: DiffResponse | null;
  namespace: string;
  release: string;
  enabled: boolean;
  /** What the admin typed to override the initialised-secrets problem. */
  override: string;
  onOverride: (typed: string) => void;
  onStartFromRelease?: () => void;
}) {
  if (!enabled) return null;
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
      <>
        <p className="muted" data-testid="diff-new">
          No release {release} in namespace {namespace} yet: this is a first install.
        </p>
        {d.leftovers && d.leftovers.claims.length > 0 && (
          <LeftoverWarning
            release={release}
            namespace={namespace}
            leftovers={d.leftovers}
            {...(onStartFromRelease ? { onStartFromRelease } : {})}
          />
        )}
      </>
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
        to. The upgrade is blocked until then.
      </p>
      <label className="override-typed">
        To upgrade anyway, knowing the release will break, type its name <code>{release}</code>:{' '}
        <input
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={override}
          onChange={(e) => onOverride(e.target.value)}
          aria-label={`Type ${release} to override`}
          data-testid="initialised-override"
        />
      </label>
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
        <strong>
          Upgrade of release {release}
          {d.revision ? ` from revision ${d.revision} to ${d.revision + 1}` : ''}
        </strong>
        : {d.changes.length} value
        {d.changes.length === 1 ? '' : 's'} change (secrets masked).
      </p>
      <ChangeTable changes={d.changes} initialised={initialised} />
    </div>
  );
}

/** Value changes as rows: path, before, after (secrets masked by the server); initialised ones marked. */
export function ChangeTable({
  changes,
  initialised,
  labels = ['Installed', 'New'],
}: {
  changes: ValueChange[];
  initialised: { path: string }[];
  labels?: [string, string];
}) {
  return (
    <div className="diff-table">
      <table className="pod-table">
        <thead>
          <tr>
            <th />
            <th>Value</th>
            <th>{labels[0]}</th>
            <th>{labels[1]}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
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
