'use client';

import { useEffect, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Answers, StepId } from '@/lib/answers';
import { defaultAnswers, withGeneratedSecrets } from '@/lib/answers/defaults';
import { loadSession, saveSession } from '@/lib/browser/persist';
import { randomToken } from '@/lib/browser/random';

/**
 * Restores the saved (secret-free) session once on the client, fills the generated passwords
 * afresh, and saves every change again — stripped of secrets — a moment after it happens.
 */
export function useWizardSession(form: UseFormReturn<Answers>, answers: Answers, step: StepId, visited: ReadonlySet<string>) {
  const [restored, setRestored] = useState<{ step: StepId; visited: string[] } | null>(null);
  useEffect(() => {
    const s = loadSession();
    form.reset(withGeneratedSecrets(s?.answers ?? defaultAnswers(), () => randomToken()));
    setRestored({ step: (s?.step as StepId) ?? 'endpoint', visited: s?.visited ?? [] });
  }, [form]);
  useEffect(() => {
    if (!restored) return;
    const t = setTimeout(() => saveSession({ answers, step, visited: [...visited] }), 150);
    return () => clearTimeout(t);
  }, [answers, step, visited, restored]);
  return restored;
}
