'use client';

import { useEffect, useState } from 'react';
import type { JobInfo } from '@/lib/status/reducer';

interface Leftovers {
  namespace: string;
  namespaceExists: boolean;
  claims: { name: string; size: string; component: string }[];
  secrets: { name: string; what: string }[];
  keptValues: string | null;
}
export interface UninstallChoice {
  claims: string[];
  secrets: string[];
  namespace: boolean;
  keepValues: boolean;
}

const CLAIM_WHAT: Record<string, string> = {
  mysql: 'the database, initialised with this release’s database and Keycloak passwords',
  mq: 'the message queue, with RabbitMQ’s user of its first boot',
};

/**
 * Uninstall: what Helm deletes, and exactly what stays (claims with their size, Secrets made by
 * hooks, the namespace), each with the choice to delete it; the release's name typed to confirm.
 */
export function UninstallDialog({
  job,
  busy,
  onConfirm,
  onCancel,
}: {
  job: JobInfo;
  busy: boolean;
  onConfirm: (choice: UninstallChoice) => void;
  onCancel: () => void;
}) {
  const [answer, setAnswer] = useState<{
    revision?: number | null;
    leftovers?: Leftovers;
    error?: string;
  } | null>(null);
  const [drop, setDrop] = useState<Set<string>>(new Set());
  const [dropNamespace, setDropNamespace] = useState(false);
  const [keepValues, setKeepValues] = useState(true);
  const [typed, setTyped] = useState('');
  useEffect(() => {
    let live = true;
    fetch('/api/releases/leftovers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      cache: 'no-store',
      body: JSON.stringify({
        context: job.context ?? undefined,
        namespace: job.namespace,
        release: job.release,
      }),
    })
      .then(async (r) => {
        const b = (await r.json().catch(() => ({}))) as {
          revision?: number | null;
          leftovers?: Leftovers;
          error?: string;
          issues?: { message: string }[];
        };
        if (live)
          setAnswer(r.ok ? b : { error: b.issues?.[0]?.message ?? b.error ?? `HTTP ${r.status}` });
      })
      .catch(
        (e: Error) =>
          live && setAnswer({ error: `The wizard server did not answer: ${e.message}` }),
      );
    return () => {
      live = false;
    };
  }, [job]);
  const l = answer?.leftovers;
  const toggle = (name: string) =>
    setDrop((d) => {
      const n = new Set(d);
      if (n.has(name)) n.delete(name);
      else n.add(name);
      return n;
    });
  const claimStays = !dropNamespace && (l?.claims ?? []).some((c) => !drop.has(c.name));
  const choice: UninstallChoice = {
    claims: (l?.claims ?? []).filter((c) => drop.has(c.name)).map((c) => c.name),
    secrets: (l?.secrets ?? []).filter((s) => drop.has(s.name)).map((s) => s.name),
    namespace: dropNamespace,
    keepValues: claimStays && keepValues,
  };
  const confirmed = typed.trim() === job.release;
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-labelledby="uninstall-title"
      data-testid="confirm"
    >
      <p id="uninstall-title">
        <strong>
          Uninstall release {job.release}
          {answer?.revision ? ` (revision ${answer.revision})` : ''} from namespace {job.namespace}?
        </strong>{' '}
        Helm deletes its workloads, Services, ConfigMaps and the Secrets the chart made.
      </p>
      {!answer && <p className="muted">Reading what would stay…</p>}
      {answer?.error && <p className="field-error">{answer.error}</p>}
      {l && (
        <div data-testid="leftovers">
          <p>What Helm leaves behind (tick what to delete as well):</p>
          <ul className="leftovers">
            {l.claims.map((c) => (
              <li key={c.name} data-testid="leftover-claim" data-name={c.name}>
                <label>
                  <input
                    type="checkbox"
                    checked={dropNamespace || drop.has(c.name)}
                    disabled={dropNamespace}
                    onChange={() => toggle(c.name)}
                    data-testid={`delete-claim-${c.name}`}
                  />{' '}
                  delete PersistentVolumeClaim <code>{c.name}</code>
                  {c.size ? ` (${c.size})` : ''}
                  {CLAIM_WHAT[c.component] ? `: ${CLAIM_WHAT[c.component]}` : ''}
                </label>
              </li>
            ))}
            {l.secrets.map((s) => (
              <li key={s.name} data-testid="leftover-secret" data-name={s.name}>
                <label>
                  <input
                    type="checkbox"
                    checked={dropNamespace || drop.has(s.name)}
                    disabled={dropNamespace}
                    onChange={() => toggle(s.name)}
                    data-testid={`delete-secret-${s.name}`}
                  />{' '}
                  delete Secret <code>{s.name}</code>: {s.what}
                </label>
              </li>
            ))}
            <li data-testid="leftover-namespace">
              <label>
                <input
                  type="checkbox"
                  checked={dropNamespace}
                  onChange={(e) => setDropNamespace(e.target.checked)}
                  data-testid="delete-namespace"
                />{' '}
                delete namespace <code>{l.namespace}</code> with everything in it (Secrets you
                created too)
              </label>
            </li>
          </ul>
          {claimStays && (
            <label className="keep-values">
              <input
                type="checkbox"
                checked={keepValues}
                onChange={(e) => setKeepValues(e.target.checked)}
                data-testid="keep-values"
              />{' '}
              keep a copy of the release’s values (passwords included) in Secret{' '}
              <code>{job.release}-kept-values</code>, so that a reinstall can start from the
              passwords the kept volumes were initialised with
            </label>
          )}
        </div>
      )}
      <label className="override-typed">
        Type the release’s name <code>{job.release}</code> to uninstall it:{' '}
        <input
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-label={`Type ${job.release} to uninstall`}
          data-testid="uninstall-name"
        />
      </label>
      <div className="row-actions">
        <button
          type="button"
          className="button danger small"
          disabled={busy || !confirmed || !l}
          onClick={() => onConfirm(choice)}
          data-testid="confirm-yes"
        >
          {busy ? 'Working…' : `Uninstall ${job.release}`}
        </button>
        <button type="button" className="button secondary small" disabled={busy} onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
