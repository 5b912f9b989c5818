'use client';

import dynamic from 'next/dynamic';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import type { Answers } from '@/lib/answers';
import { defaultAnswers, withGeneratedSecrets } from '@/lib/answers/defaults';
import { STEPS, type StepId } from '@/lib/answers/steps';
import { issueKey, issuesOfStep, newElsewhere, visibleIssues } from '@/lib/browser/issue-display';
import { clearSession } from '@/lib/browser/persist';
import { randomToken } from '@/lib/browser/random';
import { regeneratedSecrets, stillLost } from '@/lib/browser/secret-ledger';
import { createServerValidation } from '@/lib/browser/server-validation';
import { ImportButton } from './import-button';
import type { ImportInfo } from './import-info';
import { IssuesProvider } from './issues-context';
import { LostSecrets } from './lost-secrets';
import { LostSecretsContext } from './lost-secrets-context';
import { StartOverButton } from './start-over-button';
import { StepBody } from './step-body';
import { StepIssues } from './step-issues';
import { StepRail } from './step-rail';
import { StepWarnings } from './step-warnings';
import { issuesByStep, stepStates } from './step-status';
import { ReviewStep } from './steps/review-step';
import { useWizardSession, type Restored } from './use-wizard-session';

const YamlPreview = dynamic(() => import('./yaml-preview').then((m) => m.YamlPreview), {
  ssr: false,
});

/**
 * Brings the first problem of the step into view and focus once React has rendered it (the
 * issues arrive asynchronously): a field marked invalid, or the step's own list. A field in a
 * collapsed section opens it first.
 */
function focusFirstError(frames = 60) {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(
      '#step-panel [aria-invalid="true"], #step-panel [data-testid="step-issues"]',
    );
    if (!el) return void (frames > 0 && focusFirstError(frames - 1));
    const closed = el.closest('details');
    if (closed && !closed.open) closed.open = true;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  });
}

export function Wizard() {
  // The schema (zod) stays on the server: fields, "Next", the rail and the review all read its issues.
  const [validation] = useState(() => createServerValidation());
  const checked = useSyncExternalStore(
    validation.subscribe,
    validation.getState,
    validation.getState,
  );
  const form = useForm<Answers>({ defaultValues: defaultAnswers() });
  const answers = useWatch({ control: form.control }) as Answers;
  const [step, setStep] = useState<StepId>('endpoint');
  const [visited, setVisited] = useState<Set<string>>(new Set());
  const [imported, setImported] = useState<ImportInfo | null>(null);
  const [notice, setNotice] = useState<{ kind: 'danger' | 'ok'; text: string } | null>(null);
  const [lostAtLoad, setLostAtLoad] = useState<string[]>([]);
  const [blocked, setBlocked] = useState(false);
  // The issues present when the step was opened: what appears later was caused here.
  const [arrival, setArrival] = useState<Set<string> | null>(null);
  const lost = useMemo(() => stillLost(lostAtLoad, answers), [lostAtLoad, answers]);
  const restored = useWizardSession(form, answers, step, visited, lost);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  // The restored session's step, visited steps and lost secrets are taken over in the render that
  // receives it (react.dev, "You might not need an effect": adjusting some state when a prop
  // changes), so the first step shown after a reload is the restored one.
  const [taken, setTaken] = useState<Restored | null>(null);
  if (restored && restored !== taken) {
    setTaken(restored);
    setStep(restored.step);
    setVisited(new Set(restored.visited));
    setLostAtLoad(restored.lost);
  }
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [step]);

  // Every change (typing, a branch switch, a reset by restore or import) is judged as a whole.
  useEffect(() => {
    if (restored) void validation.check(answers);
  }, [answers, restored, validation]);
  const issues = checked.issues ?? [];
  const checking = checked.pending || checked.issues === null;
  // The first settled check after a step opens is its arrival, noted during render.
  if (restored && arrival === null && !checking) setArrival(new Set(issues.map(issueKey)));
  const states = stepStates(issuesByStep(issues), visited);
  const index = STEPS.findIndex((s) => s.id === step);
  const current = STEPS[index]!;
  const changed = (name: string) => {
    const f = form.getFieldState(name as 'general', form.formState);
    return f.isDirty || f.isTouched;
  };
  const shown = visibleIssues(issues, step, visited.has(step), changed);
  const elsewhere = step === 'review' || !arrival ? [] : newElsewhere(issues, step, arrival);
  const blocking = issuesOfStep(issues, step).length;

  const goTo = (id: StepId) => {
    moved.current = true;
    setVisited((v) => new Set(v).add(step).add(id));
    setArrival(null);
    setBlocked(false);
    setStep(id);
    window.scrollTo({ top: 0 });
  };
  const next = async () => {
    const all = await validation.check(form.getValues());
    setVisited((v) => new Set(v).add(step));
    if (issuesOfStep(all, step).length === 0) return goTo(STEPS[index + 1]!.id);
    setBlocked(true);
    focusFirstError();
  };
  const onImported = (info: ImportInfo) => {
    form.reset(info.answers);
    setImported(info);
    setLostAtLoad([]);
    setNotice({ kind: 'ok', text: `Imported ${info.fileName}: every step is prefilled.` });
    setVisited(new Set(STEPS.map((s) => s.id)));
    goTo('review');
  };
  const startOver = () => {
    clearSession();
    setImported(null);
    setNotice(null);
    setLostAtLoad([]);
    form.reset(withGeneratedSecrets(defaultAnswers(), () => randomToken()));
    goTo('endpoint');
    setVisited(new Set());
  };
  const regenerate = () => {
    for (const [path, value] of regeneratedSecrets(form.getValues(), lost, () => randomToken())) {
      form.setValue(path as 'general', value as never, { shouldDirty: true });
    }
  };

  return (
    <FormProvider {...form}>
      <LostSecretsContext.Provider value={lostAtLoad}>
        <div className="app">
          <header className="topbar">
            <div className="brand">
              <span className="logo" aria-hidden="true">
                L
              </span>
              <span>
                <strong>Lightrun Server</strong> <span className="muted">install planner</span>
              </span>
            </div>
            <div className="topbar-actions">
              <ImportButton
                onImported={onImported}
                onError={(text) => setNotice({ kind: 'danger', text })}
              />
              <StartOverButton onConfirm={startOver} />
            </div>
          </header>
          <div className={`shell${step === 'review' ? ' wide' : ''}`}>
            <StepRail current={step} states={states} onSelect={goTo} />
            <main className="main" id="step-panel" aria-busy={!restored}>
              {notice && (
                <div className={`callout ${notice.kind}`} role="status" data-testid="notice">
                  {notice.text}
                </div>
              )}
              <LostSecrets
                lost={lost}
                generatable={regeneratedSecrets(answers, lost, () => '').length}
                onGo={goTo}
                onGenerate={regenerate}
              />
              <form
                noValidate
                onSubmit={(e) => (e.preventDefault(), void next())}
                className="card"
                data-testid={`panel-${step}`}
              >
                <p className="eyebrow">
                  Step {index + 1} of {STEPS.length}
                </p>
                <h1 ref={heading} tabIndex={-1}>
                  {current.title}
                </h1>
                <p className="summary">{current.summary}</p>
                <IssuesProvider issues={shown}>
                  {restored && step !== 'review' && (
                    <StepIssues key={step} elsewhere={elsewhere} goTo={goTo} />
                  )}
                  {restored &&
                    (step === 'review' ? (
                      <ReviewStep
                        issues={issues}
                        checking={checking}
                        goTo={goTo}
                        imported={imported}
                        onImported={onImported}
                      />
                    ) : (
                      <StepBody id={step} />
                    ))}
                  {restored && step !== 'review' && <StepWarnings step={step} />}
                </IssuesProvider>
                {blocked && blocking > 0 && (
                  <p
                    className="callout danger next-blocked"
                    role="alert"
                    data-testid="next-blocked"
                  >
                    {blocking === 1
                      ? 'One answer on this step needs'
                      : `${blocking} answers on this step need`}{' '}
                    fixing before you can go on: each is marked ⚠ above.
                  </p>
                )}
                <div className="step-nav">
                  {index > 0 && (
                    <button
                      type="button"
                      className="button secondary"
                      data-testid="back"
                      onClick={() => goTo(STEPS[index - 1]!.id)}
                    >
                      Back
                    </button>
                  )}
                  {step !== 'review' && (
                    <button type="submit" className="button primary" data-testid="next">
                      Next: {STEPS[index + 1]!.title}
                    </button>
                  )}
                </div>
              </form>
            </main>
            {step !== 'review' && restored && (
              <aside className="preview">
                <YamlPreview answers={answers} />
              </aside>
            )}
          </div>
        </div>
      </LostSecretsContext.Provider>
    </FormProvider>
  );
}
