'use client';

import dynamic from 'next/dynamic';
import { useEffect, useEffectEvent, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { FormProvider, useForm, useWatch, type UseFormSetValue } from 'react-hook-form';
import type { Answers } from '@/lib/answers';
import { defaultAnswers, withGeneratedSecrets } from '@/lib/answers/defaults';
import { STEPS, type StepId } from '@/lib/answers/steps';
import { issueKey, issuesOfStep, newElsewhere, visibleIssues } from '@/lib/browser/issue-display';
import { DEFAULT_CHART } from '@/lib/browser/chart-default';
import { clearSession } from '@/lib/browser/persist';
import { isGenerated, randomToken } from '@/lib/browser/random';
import { regeneratedSecrets, stillLost } from '@/lib/browser/secret-ledger';
import { holdsWork } from '@/lib/browser/session-work';
import { ImportButton } from './import-button';
import type { ImportInfo } from './import-info';
import { IssuesProvider } from './issues-context';
import { LostSecrets } from './lost-secrets';
import { LostSecretsContext } from './lost-secrets-context';
import { releaseImport } from './release-import';
import { ReplaceDialog } from './replace-dialog';
import { StartOverButton } from './start-over-button';
import { StepBody } from './step-body';
import { StepIssues } from './step-issues';
import { StepRail } from './step-rail';
import { StepWarnings } from './step-warnings';
import { issuesByStep, stepStates } from './step-status';
import { ReviewStep } from './steps/review-step';
import { UpgradeRelease } from './upgrade-release';
import { useWizardSession } from './use-wizard-session';
import { useWizardSlot, type ReleaseTarget } from './wizard-slot';
import { useWizardState, useWizardStore } from './wizard-store';

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
  const store = useWizardStore();
  const slot = useWizardSlot();
  // The schema (zod) stays on the server: fields, "Next", the rail and the review all read its issues.
  const { validation } = store;
  const checked = useSyncExternalStore(
    validation.subscribe,
    validation.getState,
    validation.getState,
  );
  // The form lives in the store (the layout keeps it): a dashboard and back keeps every answer.
  const form = useForm<Answers>({ formControl: store.form });
  const answers = useWatch({ control: form.control }) as Answers;
  const state = useWizardState(store);
  const { restored, step, visited, imported, notice, lostAtLoad } = state;
  const [blocked, setBlocked] = useState(false);
  // An import waiting for "replace?" (it holds the imported secrets: page memory only).
  const [replacing, setReplacing] = useState<ImportInfo | null>(null);
  // The issues present when the step was opened: what appears later was caused here.
  const [arrival, setArrival] = useState<Set<string> | null>(null);
  const lost = useMemo(() => stillLost(lostAtLoad, answers), [lostAtLoad, answers]);
  useWizardSession(store, state, answers, lost);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

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
  const index = STEPS.findIndex((s) => s.id === step);
  const current = STEPS[index]!;
  const changed = (name: string) => {
    const f = form.getFieldState(name as 'general', form.formState);
    return f.isDirty || f.isTouched;
  };
  const shown = visibleIssues(issues, step, visited.has(step), changed);
  // The step shown turns red once it shows an error (one at a field changed here), not on arrival.
  const states = stepStates(issuesByStep(issues), visited);
  if (!visited.has(step) && shown.length > 0) states[step] = 'error';
  const elsewhere = step === 'review' || !arrival ? [] : newElsewhere(issues, step, arrival);
  const blocking = issuesOfStep(issues, step).length;

  // A step counts as visited once left: the one just opened does not greet with "Required".
  const goTo = (id: StepId) => {
    moved.current = true;
    store.set((s) => ({ visited: new Set(s.visited).add(s.step), step: id }));
    setArrival(null);
    setBlocked(false);
    window.scrollTo({ top: 0 });
  };
  const next = async () => {
    const all = await validation.check(form.getValues());
    store.set((s) => ({ visited: new Set(s.visited).add(s.step) }));
    if (issuesOfStep(all, step).length === 0) return goTo(STEPS[index + 1]!.id);
    setBlocked(true);
    focusFirstError();
  };
  // A reset's check starts at once: until it settles the step's arrival waits (the issues of the
  // answers replaced would otherwise count as the arrival, and the new ones as caused here).
  const reset = (a: Answers) => {
    form.reset(a);
    void validation.check(form.getValues());
  };
  const applyImport = (info: ImportInfo) => {
    reset(info.answers);
    store.set({
      imported: info,
      lostAtLoad: [],
      notice: { kind: 'ok', text: `Imported ${info.fileName}: every step is prefilled.` },
      visited: new Set(STEPS.map((s) => s.id)),
    });
    goTo('review');
  };
  // An import replaces every answer: asked first when the page holds any work of the admin's.
  const onImported = (info: ImportInfo) => {
    const s = store.get();
    const work =
      s.imported !== null || s.lostAtLoad.length > 0 || holdsWork(form.getValues(), isGenerated);
    if (work) setReplacing(info);
    else applyImport(info);
  };
  const startFromRelease = (t: ReleaseTarget) => {
    store.set({
      notice: {
        kind: 'info',
        text: `Reading the values of release ${t.release} in namespace ${t.namespace}…`,
      },
    });
    releaseImport(t).then(onImported, (e: Error) =>
      store.set({ notice: { kind: 'danger', text: e.message } }),
    );
  };
  // "Upgrade this release" on a dashboard: taken once the session is restored.
  const takeUpgrade = useEffectEvent(() => {
    const t = slot.takeUpgrade();
    if (t) startFromRelease(t);
  });
  useEffect(() => {
    if (restored) takeUpgrade();
  }, [restored]);
  const startOver = () => {
    clearSession();
    reset(withGeneratedSecrets(defaultAnswers(), () => randomToken()));
    store.set({
      imported: null,
      notice: null,
      lostAtLoad: [],
      visited: new Set(),
      step: 'endpoint',
      chart: { ...DEFAULT_CHART },
    });
    moved.current = true;
    setArrival(null);
    setBlocked(false);
    window.scrollTo({ top: 0 });
  };
  const regenerate = () => {
    for (const [path, value] of regeneratedSecrets(form.getValues(), lost, () => randomToken())) {
      // untyped path: Path<Answers> over every union branch is too large for tsc
      (form.setValue as unknown as UseFormSetValue<Record<string, unknown>>)(path, value, {
        shouldDirty: true,
      });
    }
  };

  return (
    <FormProvider {...form}>
      <LostSecretsContext.Provider value={lostAtLoad}>
        <div className="app">
          <a
            className="skip-link"
            href="#step-title"
            data-testid="skip-link"
            onClick={(e) => {
              e.preventDefault();
              heading.current?.focus();
            }}
          >
            Skip to the step
          </a>
          <header className="topbar">
            <div className="brand">
              <span className="logo" aria-hidden="true">
                L
              </span>
              <span>
                <strong>Lightrun Server</strong> <span className="muted">install wizard</span>
              </span>
            </div>
            <div className="topbar-actions">
              <ImportButton
                onImported={onImported}
                onError={(text) => store.set({ notice: { kind: 'danger', text } })}
              />
              <StartOverButton onConfirm={startOver} />
            </div>
          </header>
          <ReplaceDialog
            pending={replacing}
            onCancel={() => {
              setReplacing(null);
              store.set({ notice: null });
            }}
            onConfirm={(info) => {
              setReplacing(null);
              applyImport(info);
            }}
          />
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
              {restored && step === 'endpoint' && <UpgradeRelease onUpgrade={startFromRelease} />}
              <form
                noValidate
                onSubmit={(e) => (e.preventDefault(), void next())}
                className="card"
                data-testid={`panel-${step}`}
                data-checking={checked.pending ? 'true' : 'false'}
              >
                <p className="eyebrow">
                  Step {index + 1} of {STEPS.length}
                </p>
                <h1 ref={heading} tabIndex={-1} id="step-title">
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
