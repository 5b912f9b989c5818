'use client';

import dynamic from 'next/dynamic';
import { useMemo, useState } from 'react';
import type { Answers } from '@/lib/answers';
import { PROJECT_CHART_DIR } from '@/lib/answers/constants';
import type { StepId } from '@/lib/answers/steps';
import { downloadText } from '@/lib/browser/download';
import { renderYaml } from '@/lib/values';
import { YamlDiff } from './yaml-diff';
import { YamlView } from './yaml-view';
import { ImagesPanel } from './images-panel';
import { VENDOR_CHART } from '@/lib/images/mirror';
import { BUNDLED_CHART_LABEL } from '@/lib/browser/chart-source';

// The GitOps export (lib/gitops in the browser, for the refusals): loaded from this lazy chunk, so
// neither it nor its loader is on the wizard's first page.
const GitopsExportPanel = dynamic(
  () => import('./gitops-export-panel').then((m) => m.GitopsExportPanel),
  { ssr: false, loading: () => <p className="muted">Loading the GitOps export…</p> },
);

type Props = {
  answers: Answers;
  valid: boolean;
  importedAnswers: Answers | null;
  goTo: (id: StepId) => void;
};

type ChartId = 'vendor' | 'local';
type CommandChart = { ref: string; version: string | null; label: string };

/**
 * The charts the command can install, for the chart version the answers are written for:
 * Lightrun's published chart at that version, or this project's copy of it.
 */
function commandCharts(version: Answers['chart']): Record<ChartId, CommandChart> {
  const v = version ?? VENDOR_CHART.version;
  const local = `./${PROJECT_CHART_DIR[v]}`;
  return {
    vendor: { ref: VENDOR_CHART.ref, version: v, label: `Lightrun’s chart ${v} (OCI registry)` },
    local: { ref: local, version: null, label: `${local}: ${BUNDLED_CHART_LABEL}` },
  };
}

/**
 * The generated files: view (masked until revealed), download, helm command, diff to the import,
 * and the GitOps export.
 */
export function ReviewOutput({ answers, valid, importedAnswers, goTo }: Props) {
  const [full, setFull] = useState(false);
  const [split, setSplit] = useState(false);
  const [reveal, setReveal] = useState(false);
  const [copied, setCopied] = useState(false);
  const [chart, setChart] = useState<ChartId>('vendor');
  const shown = useMemo(
    () => renderYaml(answers, { full, splitSecrets: split, maskSecrets: !reveal }),
    [answers, full, split, reveal],
  );
  const diff = useMemo(
    () =>
      importedAnswers
        ? {
            before: renderYaml(importedAnswers, { maskSecrets: true }).values,
            after: renderYaml(answers, { maskSecrets: true }).values,
          }
        : null,
    [answers, importedAnswers],
  );
  const { name, namespace } = answers.release;
  const charts = commandCharts(answers.chart);
  const c = charts[chart];
  const command = `helm upgrade --install ${name} ${c.ref}${c.version ? ` --version ${c.version}` : ''} --namespace ${namespace} --create-namespace -f values.yaml${split && shown.secrets ? ' -f secrets.yaml' : ''}`;
  const where =
    answers.secrets.mode === 'existing'
      ? 'values.yaml holds no secret (they live in the Secrets you create); '
      : split
        ? 'secrets.yaml holds the secrets in clear text: keep it out of git; '
        : 'values.yaml holds the secrets (license, private key, passwords) in clear text; ';
  const files = () => renderYaml(answers, { full, splitSecrets: split });

  return (
    <>
      <div className="toolbar" role="group" aria-label="File options">
        <div className="segmented" role="radiogroup" aria-label="File size">
          <label className={!full ? 'on' : ''}>
            <input
              type="radio"
              name="size"
              checked={!full}
              onChange={() => setFull(false)}
              data-testid="mode-minimal"
            />{' '}
            Minimal
          </label>
          <label className={full ? 'on' : ''}>
            <input
              type="radio"
              name="size"
              checked={full}
              onChange={() => setFull(true)}
              data-testid="mode-full"
            />{' '}
            Full
          </label>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={split}
            onChange={(e) => setSplit(e.target.checked)}
            data-testid="split-secrets"
          />{' '}
          Secrets in a separate secrets.yaml
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={reveal}
            onChange={(e) => setReveal(e.target.checked)}
            data-testid="reveal-secrets"
          />{' '}
          Reveal secrets
        </label>
      </div>
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={!valid}
          data-testid="download-values"
          onClick={() => downloadText('values.yaml', files().values)}
        >
          Download values.yaml
        </button>
        {split && shown.secrets && (
          <button
            type="button"
            className="button secondary"
            disabled={!valid}
            data-testid="download-secrets"
            onClick={() => downloadText('secrets.yaml', files().secrets ?? '')}
          >
            Download secrets.yaml
          </button>
        )}
        <button
          type="button"
          className="button secondary"
          disabled={!valid}
          data-testid="download-answers"
          onClick={() =>
            downloadText(
              'answers.json',
              `${JSON.stringify(answers, null, 2)}\n`,
              'application/json',
            )
          }
        >
          Download answers.json (every secret in clear)
        </button>
      </div>
      <p className="secret-note" data-testid="secrets-in-clear">
        {where}answers.json holds every secret you entered in clear text, whatever the options
        above. Keep these files like a password and delete copies you do not need.
      </p>
      <div className="segmented chart-choice" role="radiogroup" aria-label="Chart to install">
        {(Object.keys(charts) as ChartId[]).map((id) => (
          <label key={id} className={chart === id ? 'on' : ''}>
            <input
              type="radio"
              name="chart"
              checked={chart === id}
              onChange={() => setChart(id)}
              data-testid={`chart-${id}`}
            />{' '}
            {charts[id].label}
          </label>
        ))}
      </div>
      <div className="command">
        <code data-testid="helm-command">{command}</code>
        <button
          type="button"
          className="button secondary small"
          data-testid="copy-command"
          onClick={async () => {
            await navigator.clipboard?.writeText(command).catch(() => undefined);
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <h2 className="group-title">values.yaml</h2>
      <YamlView text={shown.values} testId="review-yaml" />
      {shown.secrets && (
        <>
          <h2 className="group-title">secrets.yaml</h2>
          <YamlView text={shown.secrets} testId="review-secrets-yaml" />
        </>
      )}
      <ImagesPanel answers={answers} secretsFile={split && !!shown.secrets} />
      {diff && (
        <>
          <h2 className="group-title">Your changes in the wizard since the import</h2>
          <p className="hint">
            Both sides as the wizard writes them (minimal file, secrets masked). What the wizard’s
            file changes compared with the imported file itself is listed above.
          </p>
          <YamlDiff before={diff.before} after={diff.after} />
        </>
      )}
      <GitopsExportPanel answers={answers} valid={valid} goTo={goTo} />
    </>
  );
}
