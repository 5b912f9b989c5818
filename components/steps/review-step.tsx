'use client';

import dynamic from 'next/dynamic';
import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import type { Answers } from '@/lib/answers';
import { STEPS, type StepId } from '@/lib/answers/steps';
import { warningsFor } from '@/lib/answers/warnings';
import { ExposureSummary } from '../exposure-summary';
import type { ImportInfo } from '../import-info';
import { useCertificateReport } from '../use-certificate-report';
import { issuesByStep, type Issue } from '../step-status';

// lib/values loads with the review, not with the first page
const ImportSummary = dynamic(() => import('../import-summary').then((m) => m.ImportSummary), {
  ssr: false,
});
// Only on this step, and it talks to the cluster: loaded with the review, not with the first page.
const InstallPanel = dynamic(() => import('../install/install-panel').then((m) => m.InstallPanel), {
  ssr: false,
  loading: () => <p className="muted">Loading the install panel…</p>,
});
const ReviewOutput = dynamic(() => import('../review-output').then((m) => m.ReviewOutput), {
  ssr: false,
  loading: () => <p className="muted">Rendering the files…</p>,
});

/** `checking`: the server has not yet judged the newest answers (downloads wait for it). */
type Props = {
  issues: Issue[];
  checking: boolean;
  goTo: (id: StepId) => void;
  imported: ImportInfo | null;
  onImported?: (info: ImportInfo) => void;
};

export function ReviewStep({ issues, checking, goTo, imported, onImported }: Props) {
  const answers = useWatch() as Answers;
  const inline = answers.certificate?.source === 'inline' ? answers.certificate : null;
  const cert = useCertificateReport(inline?.crt, inline?.key, answers.general?.endpoint);
  const warnings = useMemo(() => {
    let w: { path: string[]; message: string }[] = [];
    try {
      w = warningsFor(answers);
    } catch {
      // a half-switched branch for one render
    }
    // expiry within 30 days: only the server can read the certificate (node:crypto)
    const certWarnings =
      cert.status === 'done'
        ? cert.report.warnings.map((message) => ({ path: ['certificate', 'crt'], message }))
        : [];
    return [...certWarnings, ...w];
  }, [answers, cert]);
  const byStep = issuesByStep(issues);
  const title = (id: StepId) => STEPS.find((s) => s.id === id)?.title ?? id;
  return (
    <>
      {checking && issues.length === 0 ? (
        <p className="callout info" role="status" data-testid="review-checking">
          Checking the answers…
        </p>
      ) : issues.length > 0 ? (
        <div className="callout danger" data-testid="review-errors">
          <p>
            <strong>
              {issues.length === 1 ? 'One answer needs' : `${issues.length} answers need`} your
              attention before the file can be downloaded.
            </strong>
          </p>
          <ul>
            {[...byStep].map(([id, list]) => (
              <li key={id}>
                <button type="button" className="link-button" onClick={() => goTo(id)}>
                  {title(id)}
                </button>
                {/* each message with the answer it concerns: an import lands here with no field on screen */}
                <ul>
                  {list.map((i) => (
                    <li key={i.path.join('.') + i.message}>
                      {i.path.length > 0 && <code>{i.path.join('.')}</code>}
                      {i.path.length > 0 && ': '}
                      {i.message}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="callout ok" data-testid="review-valid">
          {warnings.length === 0
            ? 'Every answer is valid. The file below is ready to install with Helm.'
            : `Every answer is valid. Read the ${warnings.length === 1 ? 'warning' : `${warnings.length} warnings`} below before installing.`}
        </p>
      )}
      {warnings.length > 0 && (
        <div className="callout warn" data-testid="review-warnings">
          <p>
            <strong>Read before installing</strong>
          </p>
          <ul>
            {warnings.map((w) => (
              <li key={w.path.join('.') + w.message}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      <ExposureSummary title="What is exposed outside the cluster" />
      {imported && <ImportSummary imported={imported} answers={answers} />}
      <ReviewOutput
        answers={answers}
        valid={issues.length === 0 && !checking}
        importedAnswers={imported?.answers ?? null}
        goTo={goTo}
      />
      {/* either chart: the panel offers the chart of the plan's profile (3.9.4 or 3.50.0) */}
      <InstallPanel
        answers={answers}
        valid={issues.length === 0 && !checking}
        {...(onImported ? { onImported } : {})}
      />
    </>
  );
}
