'use client';

import { useEffect, useState } from 'react';
import type { Answers } from '@/lib/answers';
import { YamlDiff } from '../yaml-diff';

interface DiffResponse { exists?: boolean; current?: string; next?: string; revision?: number; status?: string; message?: string; issues?: { message: string }[] }

/** For an upgrade: the release's current values against the new ones (secrets masked by the server). */
export function ValuesDiff({ answers, context, namespace, release, enabled }: { answers: Answers; context: string | null; namespace: string; release: string; enabled: boolean }) {
  const [diff, setDiff] = useState<{ key: string; body: DiffResponse } | null>(null);
  const key = JSON.stringify([context, namespace, release, enabled]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const t = setTimeout(() => {
      fetch('/api/releases/diff', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ answers, context: context ?? undefined, namespace, release }),
      })
        .then(async (r) => ({ ok: r.ok, status: r.status, body: (await r.json().catch(() => ({}))) as DiffResponse }))
        .then(({ ok, status, body }) => live && setDiff({ key, body: ok ? body : { message: body.issues?.[0]?.message ?? body.message ?? `HTTP ${status}` } }))
        .catch((e: Error) => live && setDiff({ key, body: { message: e.message } }));
    }, 400);
    return () => { live = false; clearTimeout(t); };
  }, [answers, context, namespace, release, enabled, key]);
  if (!enabled) return null;
  const d = diff?.key === key ? diff.body : null;
  if (!d) return <p className="muted" data-testid="diff-loading">Looking for release {release} in namespace {namespace}…</p>;
  if (d.current === undefined || d.next === undefined) {
    if (d.exists === false) return <p className="muted" data-testid="diff-new">No release {release} in namespace {namespace}: this is a first install.</p>;
    return <p className="callout warn" data-testid="diff-error">Could not compare with the installed release: {d.message ?? 'no answer'}</p>;
  }
  if (d.current === d.next) return <p className="muted" data-testid="diff-same">Release {release} is installed with these very values: an upgrade re-applies them.</p>;
  return (
    <div data-testid="values-diff">
      <p><strong>Upgrade of release {release}</strong>{d.revision ? ` (revision ${d.revision}${d.status ? `, ${d.status}` : ''})` : ''}: what changes in its values (secrets masked).</p>
      <YamlDiff before={d.current} after={d.next} />
    </div>
  );
}
