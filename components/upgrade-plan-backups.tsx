'use client';

import { useState } from 'react';
import {
  dumpFacts,
  fileFacts,
  sizeText,
  type DumpFacts,
  type FileFacts,
} from '@/lib/browser/backup-check';
import { attachmentName, downloadBlob, downloadText } from '@/lib/browser/download';
import type { SecretsFile } from '@/lib/install/backup/secrets';
import { manifestText } from '@/lib/upgrade/backup/manifest';
import {
  BACKUP_STEPS,
  backupsDone,
  dumpManifest,
  OWN_BACKUP_PHRASE,
  ownBackupConfirmed,
  secretsResult,
} from './upgrade-plan-view';
import type { ReleaseTarget } from './wizard-slot';

type Run<T> =
  | { state: 'idle' }
  | { state: 'busy'; received?: number }
  | { state: 'done'; result: T }
  | { state: 'failed'; error: string };

export interface SecretsDone extends FileFacts {
  file: string;
  summary: string;
  /** The AES key's Secret when the file holds it. */
  aes: string | null;
}
export interface DatabaseDone extends DumpFacts {
  file: string;
  /** The manifest beside it, as `cli backup` writes it (for `cli restore`'s check). */
  manifest: string;
}

/** The message of a failed answer: `{error}` or the first issue, else the status. */
async function failure(r: Response): Promise<string> {
  const data = (await r.json().catch(() => ({}))) as {
    error?: unknown;
    issues?: { message: string }[];
  };
  return typeof data.error === 'string'
    ? data.error
    : (data.issues?.[0]?.message ?? `HTTP ${r.status}`);
}

const postJson = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    cache: 'no-store',
    body: JSON.stringify(body),
  });

/** Reads a streamed answer to its end, telling how much came; throws when it breaks. */
async function readAll(r: Response, progress: (n: number) => void): Promise<Blob> {
  const parts: Uint8Array[] = [];
  let n = 0;
  const reader = r.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    n += value.length;
    progress(n);
  }
  return new Blob(parts as BlobPart[], { type: 'application/gzip' });
}

/**
 * The plan page's backups, in page memory only (nothing in browser storage): the Secrets file and
 * the database dump, each downloaded straight from the answer and checked here (size, sha256,
 * and for the dump: whole gzip, complete, one database, its tables).
 */
export function useBackups(target: ReleaseTarget) {
  const [secrets, setSecrets] = useState<Run<SecretsDone>>({ state: 'idle' });
  const [database, setDatabase] = useState<Run<DatabaseDone>>({ state: 'idle' });
  const [typed, setTyped] = useState('');

  const takeSecrets = () => {
    setSecrets({ state: 'busy' });
    void (async () => {
      const r = await postJson('/api/releases/upgrade-secrets', target);
      if (!r.ok) throw new Error(await failure(r));
      const f = (await r.json()) as SecretsFile;
      const blob = new Blob([f.yaml], { type: 'application/yaml' });
      const facts = await fileFacts(blob);
      downloadBlob(f.file, blob);
      const aes = f.secrets.find((x) => x.role === 'aes')?.name ?? null;
      setSecrets({
        state: 'done',
        result: { ...facts, file: f.file, summary: secretsResult(f), aes },
      });
    })().catch((e: Error) => setSecrets({ state: 'failed', error: e.message }));
  };

  const takeDatabase = () => {
    setDatabase({ state: 'busy', received: 0 });
    void (async () => {
      const r = await postJson('/api/releases/database-backup', target);
      if (!r.ok) throw new Error(await failure(r));
      const file = attachmentName(r.headers.get('Content-Disposition'), 'lightrun-db.sql.gz');
      const blob = await readAll(r, (n) => setDatabase({ state: 'busy', received: n })).catch(
        () => {
          throw new Error(
            'The backup broke off before its end: nothing was saved. The wizard’s server log says why.',
          );
        },
      );
      const facts = await dumpFacts(blob);
      downloadBlob(file, blob);
      const manifest = manifestText(
        dumpManifest({
          ...target,
          pod: r.headers.get('X-Backup-Pod') ?? 'mysql',
          file,
          takenAt: new Date().toISOString(),
          facts,
        }),
      );
      setDatabase({ state: 'done', result: { ...facts, file, manifest } });
    })().catch((e: Error) => setDatabase({ state: 'failed', error: e.message }));
  };

  return { secrets, database, typed, setTyped, takeSecrets, takeDatabase };
}

export type Backups = ReturnType<typeof useBackups>;

function Failed({ error }: { error: string }) {
  return (
    <p className="callout danger small" role="alert">
      {error}
    </p>
  );
}

function Sha({ sha256 }: { sha256: string }) {
  return (
    <>
      sha256 <code data-testid="backup-sha256">{sha256}</code>
    </>
  );
}

function SecretsAction({ b }: { b: Backups }) {
  const s = b.secrets;
  return (
    <div className="plan-action" data-testid="backup-secrets">
      <button
        type="button"
        className="button secondary small"
        data-testid="download-secrets"
        disabled={s.state === 'busy'}
        onClick={b.takeSecrets}
      >
        {s.state === 'done' ? 'Download the Secrets again' : 'Download the release’s Secrets'}
      </button>{' '}
      <span className="muted small">
        One YAML file of the Secrets as the cluster has them: keep it where only admins can read it.
      </span>
      {s.state === 'done' && (
        <p className="plan-done small" data-testid="secrets-done">
          <strong>Done</strong>: <code>{s.result.file}</code>, {s.result.summary};{' '}
          {sizeText(s.result.bytes)}, <Sha sha256={s.result.sha256} />
        </p>
      )}
      {s.state === 'failed' && <Failed error={s.error} />}
    </div>
  );
}

function DatabaseAction({ b }: { b: Backups }) {
  const d = b.database;
  const own = ownBackupConfirmed(b.typed);
  return (
    <div className="plan-action" data-testid="backup-database">
      <button
        type="button"
        className="button secondary small"
        data-testid="download-database"
        disabled={d.state === 'busy'}
        onClick={b.takeDatabase}
      >
        {d.state === 'done' ? 'Back up the database again' : 'Back up the database'}
      </button>{' '}
      <span className="muted small">
        mysqldump in the MySQL pod, streamed to your download; the server keeps no copy.
      </span>
      {d.state === 'busy' && (
        <p className="muted small" data-testid="database-busy">
          Backing up… {sizeText(d.received ?? 0)} received
        </p>
      )}
      {d.state === 'done' && (
        <p className="plan-done small" data-testid="database-done">
          <strong>Done</strong>: <code>{d.result.file}</code>, database{' '}
          <code>{d.result.database}</code>, {d.result.tables} tables, {sizeText(d.result.bytes)}{' '}
          gzip ({sizeText(d.result.sqlBytes)} of SQL), <Sha sha256={d.result.sha256} />. Checked in
          this browser: the gzip is whole and the dump complete.{' '}
          <button
            type="button"
            className="button ghost small"
            data-testid="download-manifest"
            onClick={() =>
              downloadText(`${d.result.file}.manifest.json`, d.result.manifest, 'application/json')
            }
          >
            Download its manifest
          </button>{' '}
          (kept beside the file, <code>cli restore</code> checks the file against it)
        </p>
      )}
      {d.state === 'failed' && <Failed error={d.error} />}
      {d.state !== 'done' && (
        <label className="plan-own small">
          Or, if you backed it up yourself, type <q>{OWN_BACKUP_PHRASE}</q>:{' '}
          <input
            type="text"
            data-testid="own-backup"
            value={b.typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => b.setTyped(e.target.value)}
          />
          {own && (
            <strong className="plan-done" data-testid="own-backup-done">
              {' '}
              Done: your own backup
            </strong>
          )}
        </label>
      )}
    </div>
  );
}

/** The action under a step of the plan, when the page takes that step's backup itself. */
export function StepAction({ id, b }: { id: string; b: Backups }) {
  if (id === BACKUP_STEPS.secrets) return <SecretsAction b={b} />;
  if (id === BACKUP_STEPS.database) return <DatabaseAction b={b} />;
  const s = b.secrets;
  if (id === BACKUP_STEPS.aes && s.state === 'done')
    return s.result.aes ? (
      <p className="plan-done small" data-testid="aes-in-secrets">
        <strong>Done</strong>: Secret <code>{s.result.aes}</code> is in the Secrets file.
      </p>
    ) : (
      <p className="callout warn small" data-testid="aes-in-secrets">
        The Secrets file has no AES key Secret: the namespace does not have it. Keep the key by
        hand.
      </p>
    );
  return null;
}

/** Under the steps: whether the backups before the upgrade are kept, in this page's memory. */
export function BackupsStatus({ b, needsDatabase }: { b: Backups; needsDatabase: boolean }) {
  const done = backupsDone({
    secrets: b.secrets.state === 'done',
    database: b.database.state === 'done',
    ownDatabase: ownBackupConfirmed(b.typed),
    needsDatabase,
  });
  return (
    <p className={`callout small ${done ? 'ok' : 'warn'}`} data-testid="backups-status">
      {done
        ? 'The backups before the upgrade are kept: run the steps that are left.'
        : `Before helm upgrade: download the Secrets${needsDatabase ? ' and back up the database (or confirm your own backup)' : ''}. This page forgets it when you leave.`}
    </p>
  );
}
