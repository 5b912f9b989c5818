'use client';

import { useMemo, useState } from 'react';
import type { Answers } from '@/lib/answers';
import { STEPS, stepOfPath, type StepId } from '@/lib/answers/steps';
import { attachmentName, downloadBlob } from '@/lib/browser/download';
import {
  answerRefusals,
  exportGitops,
  type ExportOptions,
  type GitopsController,
  type SecretsDelivery,
  type ValuesSource,
} from '@/lib/gitops';
import { STORE_NAME, STORE_NAME_MESSAGE } from '@/lib/gitops/options';

type Props = { answers: Answers; valid: boolean; goTo: (id: StepId) => void };
type Choice<V extends string> = { value: V; label: string; description: string };
type StoreKind = 'SecretStore' | 'ClusterSecretStore';

const CONTROLLERS: Choice<GitopsController>[] = [
  {
    value: 'flux',
    label: 'Flux',
    description:
      'A HelmRelease and the chart’s OCI source. Flux reads the secret values from a Secret in the cluster, never from git.',
  },
  {
    value: 'argocd',
    label: 'Argo CD',
    description:
      'An Application for the chart. Argo CD reads values only from git, so the plan must leave the Secrets to you (“I create them”).',
  },
];
const VALUES: Choice<ValuesSource>[] = [
  {
    value: 'inline',
    label: 'In the Application',
    description: 'The values sit in application.yaml itself: one file to commit.',
  },
  {
    value: 'repo',
    label: 'From the repository',
    description:
      'values.yaml beside application.yaml; the Application reads it from your git repository.',
  },
];
const SECRETS: Choice<SecretsDelivery>[] = [
  {
    value: 'secret-manifest',
    label: 'Secret manifest, kept out of git',
    description:
      'A plain Secret file, listed in .gitignore; you apply it yourself with kubectl apply -f.',
  },
  {
    value: 'external-secrets',
    label: 'External Secrets',
    description:
      'ExternalSecret objects that fetch each value from your secret store (Vault, a cloud KMS…). The file holds no value and is committed.',
  },
  {
    value: 'sops',
    label: 'SOPS',
    description:
      'The Secret file with a .sops.yaml that encrypts only its values: encrypt it before the first commit.',
  },
];

/** Where in the wizard each refused answer is changed (the refusal's own text says why). */
const WHERE: Record<string, string> = {
  'secrets.mode':
    'under “Who creates the Secrets”, choose “I create them” (the export then writes those Secrets for you to fill), or export for Flux.',
  'internalTls.mode': 'choose “Off”, or with chart 3.9.4 “My certificates”.',
  'secrets.encryptionKey': 'generate or enter the encryption key.',
  'apiKeysEncryption.aesKey': 'generate or enter the AES key.',
};

/** What a secret file of the archive is, and what not to do with it. */
function secretNote(file: string, sops: boolean): string {
  const what =
    file === 'secrets.yaml'
      ? 'the Secrets for you to fill in'
      : 'the plan’s secret values in clear text';
  return `${what}: ${sops ? 'encrypt it with sops before committing' : 'never commit it'}`;
}

function Choices<V extends string>(p: {
  name: string;
  legend: string;
  choices: Choice<V>[];
  value: V;
  onChange: (v: V) => void;
  columns: 2 | 3;
}) {
  return (
    <fieldset className="field choice">
      <legend>{p.legend}</legend>
      <div className={`choice-grid cols-${p.columns}`}>
        {p.choices.map((c) => (
          <label key={c.value} className={`choice-card${p.value === c.value ? ' selected' : ''}`}>
            <input
              type="radio"
              name={`gitops-${p.name}`}
              value={c.value}
              checked={p.value === c.value}
              onChange={() => p.onChange(c.value)}
              data-testid={`gitops-${p.name}-${c.value}`}
            />
            <span className="choice-body">
              <span className="choice-title">{c.label}</span>
              <span className="choice-desc">{c.description}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Text(p: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
  placeholder?: string;
}) {
  const id = `gitops-${p.id}`;
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <p className="hint" id={`${id}-hint`}>
        {p.hint}
      </p>
      <input
        type="text"
        id={id}
        className="mono"
        value={p.value}
        placeholder={p.placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={p.error ? true : undefined}
        aria-describedby={`${id}-hint${p.error ? ` ${id}-error` : ''}`}
        data-testid={id}
        onChange={(e) => p.onChange(e.target.value)}
        // Enter would submit the wizard's form
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
      />
      {p.error && (
        <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {p.error}
        </p>
      )}
    </div>
  );
}

/**
 * "Export for GitOps" on Review (docs/gitops.md): the controller, where Argo CD reads the values,
 * how the secrets reach the cluster; the refusals of this plan before any button; the download is
 * POST /api/gitops-export's .tar.gz (the answers in the body, the file from the response blob).
 */
export function GitopsExportPanel({ answers, valid, goTo }: Props) {
  const [controller, setController] = useState<GitopsController>('flux');
  const [values, setValues] = useState<ValuesSource>('inline');
  const [repoUrl, setRepoUrl] = useState('');
  const [repoPath, setRepoPath] = useState('');
  const [secrets, setSecrets] = useState<SecretsDelivery>('secret-manifest');
  const [store, setStore] = useState('');
  const [storeKind, setStoreKind] = useState<StoreKind>('ClusterSecretStore');
  const [keyPrefix, setKeyPrefix] = useState('lightrun/');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  /** A setter that also clears the last download's result: it spoke of other options. */
  const fresh =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setResult(null);
    };

  const options = useMemo<ExportOptions>(
    () => ({
      for: controller,
      ...(controller === 'argocd' ? { values } : {}),
      ...(controller === 'argocd' && values === 'repo'
        ? { repoUrl: repoUrl.trim(), ...(repoPath.trim() ? { path: repoPath.trim() } : {}) }
        : {}),
      secrets,
      ...(secrets === 'external-secrets'
        ? { externalStore: { name: store.trim(), kind: storeKind, keyPrefix } }
        : {}),
    }),
    [controller, values, repoUrl, repoPath, secrets, store, storeKind, keyPrefix],
  );
  const refusals = useMemo(
    () => (valid ? answerRefusals(answers, options) : []),
    [answers, valid, options],
  );
  const repoError =
    controller === 'argocd' && values === 'repo' && !repoUrl.trim()
      ? 'Name the git repository you commit the export to.'
      : null;
  const storeError =
    secrets === 'external-secrets' && !STORE_NAME.test(store.trim()) ? STORE_NAME_MESSAGE : null;
  const ready = valid && refusals.length === 0 && !repoError && !storeError;
  const files = useMemo(
    () => (ready ? exportGitops(answers, options).files : []),
    [answers, ready, options],
  );
  const fileName = `${answers.release.name}-gitops-${controller}.tar.gz`;

  const download = async () => {
    setBusy(true);
    setResult(null);
    try {
      const res = await fetch('/api/gitops-export', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ answers, options }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as {
          error?: string;
          issues?: { path: string[]; message: string }[];
        };
        setResult({
          ok: false,
          message:
            body.error ??
            body.issues?.map((i) => `${i.path.join('.')}: ${i.message}`).join(' ') ??
            `The export could not be made (HTTP ${res.status}).`,
        });
        return;
      }
      const name = attachmentName(res.headers.get('content-disposition'), fileName);
      downloadBlob(name, await res.blob());
      setResult({ ok: true, message: `Saved ${name}. Its README.md says what to commit and how.` });
    } catch (e) {
      setResult({
        ok: false,
        message: `The wizard server did not answer: ${(e as Error).message}`,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="gitops-export" data-testid="gitops-export" aria-labelledby="gitops-title">
      <h2 className="group-title" id="gitops-title">
        Export for GitOps
      </h2>
      <p className="hint">
        Instead of installing from here, commit the release to git and let Argo CD or Flux install
        it and keep it as committed. You get one archive of the directory to commit; its README.md
        lists the steps and the files that stay out of git.
      </p>
      <Choices
        name="for"
        legend="Controller"
        choices={CONTROLLERS}
        value={controller}
        onChange={fresh(setController)}
        columns={2}
      />
      {controller === 'argocd' && (
        <>
          <Choices
            name="values"
            legend="Where Argo CD reads the values"
            choices={VALUES}
            value={values}
            onChange={fresh(setValues)}
            columns={2}
          />
          {values === 'repo' && (
            <div className="nested">
              <Text
                id="repo-url"
                label="Repository URL"
                hint="The git repository you commit the export to, as Argo CD knows it."
                placeholder="https://git.example.com/ops.git"
                value={repoUrl}
                onChange={fresh(setRepoUrl)}
                error={repoError}
              />
              <Text
                id="repo-path"
                label="Directory in the repository (optional)"
                hint="Where you commit the export; empty is the repository’s top."
                placeholder="clusters/prod/lightrun"
                value={repoPath}
                onChange={fresh(setRepoPath)}
              />
            </div>
          )}
        </>
      )}
      <Choices
        name="secrets"
        legend="How the secrets reach the cluster"
        choices={SECRETS}
        value={secrets}
        onChange={fresh(setSecrets)}
        columns={3}
      />
      {secrets === 'external-secrets' && (
        <div className="nested">
          <Text
            id="store"
            label="Store name"
            hint="The External Secrets Operator store (Vault, AWS Secrets Manager…) that holds the values."
            placeholder="vault"
            value={store}
            onChange={fresh(setStore)}
            error={storeError}
          />
          <Choices
            name="store-kind"
            legend="Store kind"
            choices={[
              {
                value: 'ClusterSecretStore',
                label: 'ClusterSecretStore',
                description: 'One store for the whole cluster.',
              },
              {
                value: 'SecretStore',
                label: 'SecretStore',
                description: 'A store in the release’s namespace.',
              },
            ]}
            value={storeKind}
            onChange={fresh(setStoreKind)}
            columns={2}
          />
          <Text
            id="key-prefix"
            label="Key prefix"
            hint="Put before every key the export reads from the store, e.g. lightrun/db-password."
            value={keyPrefix}
            onChange={fresh(setKeyPrefix)}
          />
        </div>
      )}
      {!valid ? (
        <p className="callout info" data-testid="gitops-wait">
          The export uses the same answers: fix the ones listed at the top of this page first.
        </p>
      ) : refusals.length > 0 ? (
        <div className="callout danger" data-testid="gitops-refusals">
          <p>
            <strong>
              This plan cannot be exported for {controller === 'flux' ? 'Flux' : 'Argo CD'}
              {refusals.length > 1 ? `: ${refusals.length} answers stand in the way.` : '.'}
            </strong>
          </p>
          <ul>
            {refusals.map((r) => {
              const step = stepOfPath(r.path.split('.'));
              return (
                <li key={r.path} data-testid={`gitops-refusal-${r.path}`}>
                  <button type="button" className="link-button" onClick={() => goTo(step)}>
                    {STEPS.find((s) => s.id === step)?.title ?? step}
                  </button>
                  , <code>{r.path}</code>: {WHERE[r.path] ?? 'change this answer.'}
                  <br />
                  <small>Why: {r.message}</small>
                </li>
              );
            })}
          </ul>
        </div>
      ) : (
        <>
          {files.length > 0 && <p className="hint">The archive holds one directory:</p>}
          {files.length > 0 && (
            <ul className="gitops-files" data-testid="gitops-files">
              {files.map((f) => (
                <li key={f.path}>
                  <code>{f.path}</code>{' '}
                  {f.secret ? (
                    <strong className="gitops-secret">
                      {secretNote(f.path, secrets === 'sops')}
                    </strong>
                  ) : (
                    <span className="muted">for git</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            <button
              type="button"
              className="button primary"
              disabled={busy || !ready}
              onClick={() => void download()}
              data-testid="gitops-download"
            >
              {busy ? 'Exporting…' : `Download ${fileName}`}
            </button>
          </div>
        </>
      )}
      {result && (
        <p
          className={result.ok ? 'muted' : 'field-error'}
          role="status"
          data-testid="gitops-result"
        >
          {result.message}
        </p>
      )}
    </section>
  );
}
