'use client';

import { useEffect } from 'react';
import type { Answers, StepId } from '@/lib/answers';
import { defaultAnswers, withGeneratedSecrets } from '@/lib/answers/defaults';
import { loadSession } from '@/lib/browser/persist';
import { randomToken } from '@/lib/browser/random';
import { regeneratedSecrets, secretsToRemember, unseenSecrets } from '@/lib/browser/secret-ledger';
import type { WizardState, WizardStore } from './wizard-store';

/** The steps the admin has opened: those left, and the one shown. */
export const openedSteps = (s: Pick<WizardState, 'visited' | 'step'>) =>
  new Set([...s.visited, s.step]);

/**
 * Restores the saved (secret-free) session once per page load, on the client, and saves every
 * change again — stripped of secrets — a moment after it happens. A fresh plan gets generated
 * passwords; a restored one never gets new values for secrets that may already be in a
 * downloaded file or an installed MySQL: those come back as `lost` (to be re-entered, or
 * regenerated on request). Generated passwords of steps never opened are made up again (nobody
 * can have seen them). Moving between the wizard and a dashboard keeps the store (the layout
 * holds it): nothing is restored then, and nothing is lost.
 */
export function useWizardSession(
  store: WizardStore,
  state: WizardState,
  answers: Answers,
  lost: readonly string[],
) {
  useEffect(() => {
    if (store.get().restored) return;
    const s = loadSession();
    const step = (s?.step as StepId) ?? 'endpoint';
    const visited = new Set(s?.visited ?? []);
    const filled = s?.filled ?? [];
    let restored = s ? s.answers : withGeneratedSecrets(defaultAnswers(), () => randomToken());
    if (s) {
      const unseen = unseenSecrets(openedSteps({ visited, step })).filter(
        (p) => !filled.includes(p),
      );
      restored = structuredClone(restored);
      for (const [path, value] of regeneratedSecrets(restored, unseen, () => randomToken()))
        setPath(restored, path, value);
    }
    store.form.reset(restored);
    // Browser storage exists only on the client: the server render and hydration show no step;
    // the steps render once the form holds the session, and not before.
    store.set({ restored: true, step, visited, lostAtLoad: filled });
  }, [store]);
  const { restored, step, visited } = state;
  useEffect(() => {
    if (!restored) return;
    const unseen = unseenSecrets(openedSteps({ visited, step }));
    store.saveSoon({
      answers,
      step,
      visited: [...visited],
      filled: secretsToRemember(answers, lost, unseen),
    });
  }, [store, answers, step, visited, restored, lost]);
}

function setPath(a: Answers, path: string, value: string) {
  const keys = path.split('.');
  let cur = a as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  cur[keys[keys.length - 1]!] = value;
}
