'use client';

import { useMemo, useState } from 'react';
import type { Answers } from '@/lib/answers';
import {
  MULTILINE_KEYS,
  prefillSecretValues,
  requiredSecrets,
  secretsManifest,
} from '@/lib/install/secrets-plan';

export type SecretsChoiceValue =
  { mode: 'manifest' } | { mode: 'create'; values: Record<string, Record<string, string>> };

/**
 * With secrets kept outside the chart, the admin chooses ONE way (never both, never silently):
 * download the manifest of the Secrets to apply themselves or hand to their secret manager (the
 * install then only checks they exist), or have the wizard create the missing ones now from the
 * values typed here (kept in this page's memory only; existing Secrets are never overwritten).
 */
export function SecretsChoice({
  answers,
  release,
  namespace,
  value,
  onChange,
}: {
  answers: Answers;
  release: string;
  namespace: string;
  value: SecretsChoiceValue;
  onChange: (v: SecretsChoiceValue) => void;
}) {
  const list = useMemo(() => requiredSecrets(answers, release), [answers, release]);
  const [typed, setTyped] = useState<Record<string, Record<string, string>> | null>(null);
  if (list.length === 0) return null;
  const values = typed ?? prefillSecretValues(answers, list);
  const download = () => {
    const url = URL.createObjectURL(
      new Blob([secretsManifest(list, namespace)], { type: 'application/yaml' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = `${release}-secrets.yaml`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const set = (name: string, key: string, v: string) => {
    const next = { ...values, [name]: { ...values[name], [key]: v } };
    setTyped(next);
    onChange({ mode: 'create', values: next });
  };
  return (
    <fieldset className="secrets-choice" data-testid="secrets-choice">
      <legend>Secrets kept outside the chart ({list.length})</legend>
      <p className="hint">
        The chart will not create {list.map((s) => s.name).join(', ')}. Choose who does:
      </p>
      <label className="radio">
        <input
          type="radio"
          name="secrets-mode"
          checked={value.mode === 'manifest'}
          onChange={() => onChange({ mode: 'manifest' })}
          data-testid="secrets-mode-manifest"
        />
        <span>
          <strong>Download a manifest to apply yourself</strong> (or to map in your secret manager).
          The install checks that every Secret exists before helm runs.
        </span>
      </label>
      <label className="radio">
        <input
          type="radio"
          name="secrets-mode"
          checked={value.mode === 'create'}
          onChange={() => onChange({ mode: 'create', values })}
          data-testid="secrets-mode-create"
        />
        <span>
          <strong>Create these Secrets now</strong> from the values below. Secrets that already
          exist are kept, never overwritten. The values stay in this page only.
        </span>
      </label>
      {value.mode === 'manifest' && (
        <button
          type="button"
          className="button secondary small"
          onClick={download}
          data-testid="secrets-manifest-download"
        >
          Download {release}-secrets.yaml
        </button>
      )}
      {value.mode === 'create' && (
        <div className="secrets-values" data-testid="secrets-values">
          {list.map((s) => (
            <div key={s.name} className="subcard">
              <h3>
                <code>{s.name}</code>{' '}
                <span className="muted">
                  {s.type}: {s.purpose}
                </span>
              </h3>
              {s.keys.map((k) => {
                const id = `secret-${s.name}-${k}`;
                const v = values[s.name]?.[k] ?? '';
                return (
                  <div key={k} className="field">
                    <label htmlFor={id} className="mono">
                      {k}
                    </label>
                    {MULTILINE_KEYS.has(k) ? (
                      <textarea
                        id={id}
                        rows={3}
                        className="mono"
                        spellCheck={false}
                        autoComplete="off"
                        value={v}
                        onChange={(e) => set(s.name, k, e.target.value)}
                        data-testid={id}
                      />
                    ) : (
                      <input
                        id={id}
                        type="password"
                        className="mono"
                        autoComplete="new-password"
                        value={v}
                        onChange={(e) => set(s.name, k, e.target.value)}
                        data-testid={id}
                      />
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </fieldset>
  );
}
