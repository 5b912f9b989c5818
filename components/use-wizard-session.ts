'use client';

import { useEffect, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Answers, StepId } from '@/lib/answers';
import { defaultAnswers, withGeneratedSecrets } from '@/lib/answers/defaults';
import { loadSession, saveSession } from '@/lib/browser/persist';
import { randomToken } from '@/lib/browser/random';
import { secretsToRemember } from '@/lib/browser/secret-ledger';

export type Restored = { step: StepId; visited: string[]; lost: string[] };

/**
 * Restores the saved (secret-free) session once on the client and saves every change again —
 * stripped of secrets — a moment after it happens. A fresh plan gets generated passwords; a
 * restored one never does: its passwords may already be in a downloaded file or an installed
 * MySQL, so the secrets it held come back as `lost` (to be re-entered, or regenerated on request).
 */
export function useWizardSession(
  form: UseFormReturn<Answers>,
  answers: Answers,
  step: StepId,
  visited: ReadonlySet<string>,
  lost: readonly string[],
) {
  const [restored, setRestored] = useState<Restored | null>(null);
  useEffect(() => {
    const s = loadSession();
    form.reset(s ? s.answers : withGeneratedSecrets(defaultAnswers(), () => randomToken()));
    // Two-pass on purpose: browser storage exists only on the client, so the server render and
    // hydration show no step; the steps render once the form holds the session, and not before.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- storage is readable only after hydration
    setRestored({
      step: (s?.step as StepId) ?? 'endpoint',
      visited: s?.visited ?? [],
      lost: s?.filled ?? [],
    });
  }, [form]);
  useEffect(() => {
    if (!restored) return;
    const t = setTimeout(
      () =>
        saveSession({
          answers,
          step,
          visited: [...visited],
          filled: secretsToRemember(answers, lost),
        }),
      150,
    );
    return () => clearTimeout(t);
  }, [answers, step, visited, restored, lost]);
  return restored;
}
