'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import type { Answers } from '@/lib/answers';
import { defaultAnswers, withGeneratedSecrets } from '@/lib/answers/defaults';
import { STEPS, type StepId } from '@/lib/answers/steps';
import { clearSession } from '@/lib/browser/persist';
import { createServerValidation } from '@/lib/browser/server-validation';
import { randomToken } from '@/lib/browser/random';
import { ImportButton } from './import-button';
import type { ImportInfo } from './import-info';
import { StepBody } from './step-body';
import { StepRail } from './step-rail';
import { issuesByStep, stepStates } from './step-status';
import { ReviewStep } from './steps/review-step';
import { useWizardSession } from './use-wizard-session';

const YamlPreview = dynamic(() => import('./yaml-preview').then((m) => m.YamlPreview), { ssr: false });

/**
 * Focuses the first field marked invalid once React has rendered the errors: the resolver answers
 * asynchronously, so the render may come a few frames after `trigger` resolves.
 */
function focusFirstError(frames = 60) {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>('#step-panel [aria-invalid="true"]');
    if (el) el.focus();
    else if (frames > 0) focusFirstError(frames - 1);
  });
}

export function Wizard() {
  // The schema (zod) stays on the server: fields, "Next", the rail and the review all read its issues.
  const [validation] = useState(() => createServerValidation());
  const checked = useSyncExternalStore(validation.subscribe, validation.getState, validation.getState);
  const form = useForm<Answers>({ resolver: validation.resolver, mode: 'onChange', defaultValues: defaultAnswers() });
  const answers = useWatch({ control: form.control }) as Answers;
  const [step, setStep] = useState<StepId>('endpoint');
  const [visited, setVisited] = useState<Set<string>>(new Set());
  const [imported, setImported] = useState<ImportInfo | null>(null);
  const [notice, setNotice] = useState<{ kind: 'danger' | 'ok'; text: string } | null>(null);
  const restored = useWizardSession(form, answers, step, visited);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    if (!restored) return;
    setStep(restored.step);
    setVisited(new Set(restored.visited));
  }, [restored]);
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [step]);

  // Every change (typing, a branch switch, a reset by restore or import) is judged as a whole.
  useEffect(() => {
    if (restored) void validation.check(answers);
  }, [answers, restored, validation]);
  const issues = checked.issues ?? [];
  const checking = checked.pending || checked.issues === null;
  const states = stepStates(issuesByStep(issues), visited);
  const index = STEPS.findIndex((s) => s.id === step);
  const current = STEPS[index]!;

  const goTo = (id: StepId) => {
    moved.current = true;
    setVisited((v) => new Set(v).add(step).add(id));
    setStep(id);
    window.scrollTo({ top: 0 });
  };
  const next = async () => {
    const ok = await form.trigger(current.sections as (keyof Answers)[]);
    setVisited((v) => new Set(v).add(step));
    if (ok) return goTo(STEPS[index + 1]!.id);
    focusFirstError();
  };
  const onImported = (info: ImportInfo) => {
    form.reset(info.answers);
    setImported(info);
    setNotice({ kind: 'ok', text: `Imported ${info.fileName}: every step is prefilled.` });
    setVisited(new Set(STEPS.map((s) => s.id)));
    goTo('review');
    void form.trigger();
  };
  const startOver = () => {
    clearSession();
    setImported(null);
    setNotice(null);
    setVisited(new Set());
    form.reset(withGeneratedSecrets(defaultAnswers(), () => randomToken()));
    goTo('endpoint');
    setVisited(new Set());
  };

  return (
    <FormProvider {...form}>
      <div className="app">
        <header className="topbar">
          <div className="brand">
            <span className="logo" aria-hidden="true">L</span>
            <span>
              <strong>Lightrun Server</strong> <span className="muted">install planner</span>
            </span>
          </div>
          <div className="topbar-actions">
            <ImportButton onImported={onImported} onError={(text) => setNotice({ kind: 'danger', text })} />
            <button type="button" className="button ghost small" data-testid="start-over" onClick={startOver}>
              Start over
            </button>
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
            <form noValidate onSubmit={(e) => (e.preventDefault(), void next())} className="card" data-testid={`panel-${step}`}>
              <p className="eyebrow">Step {index + 1} of {STEPS.length}</p>
              <h1 ref={heading} tabIndex={-1}>{current.title}</h1>
              <p className="summary">{current.summary}</p>
              {restored && (step === 'review' ? <ReviewStep issues={issues} checking={checking} goTo={goTo} imported={imported} /> : <StepBody id={step} />)}
              <div className="step-nav">
                {index > 0 && (
                  <button type="button" className="button secondary" data-testid="back" onClick={() => goTo(STEPS[index - 1]!.id)}>
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
    </FormProvider>
  );
}
