'use client';

import { useState, useSyncExternalStore } from 'react';
import { createFormControl } from 'react-hook-form';
import type { Answers } from '@/lib/answers';
import { defaultAnswers } from '@/lib/answers/defaults';
import type { StepId } from '@/lib/answers/steps';
import { DEFAULT_CHART, type ChartSource } from '@/lib/browser/chart-default';
import { saveSession, type SavedSession } from '@/lib/browser/persist';
import { createServerValidation } from '@/lib/browser/server-validation';
import type { ImportInfo } from './import-info';
import { useWizardSlot } from './wizard-slot';

export type Notice = { kind: 'danger' | 'ok' | 'info'; text: string };

/** The install panel's chart: where it comes from, its reference (or path) and version. */
export type ChartChoice = { source: ChartSource; ref: string; version: string };

/** The wizard's session beside the answers: where the admin is and what the page has said. */
export type WizardState = {
  /** The saved (secret-free) session was read: only on the client, once per page load. */
  restored: boolean;
  step: StepId;
  /** Steps the admin has left (or tried to leave with Next): they show every issue. */
  visited: ReadonlySet<string>;
  imported: ImportInfo | null;
  notice: Notice | null;
  /** The secret fields the last page load emptied (names only). */
  lostAtLoad: readonly string[];
  /** Kept with the answers, so Review and the way back from a dashboard install the same chart. */
  chart: ChartChoice;
};

/**
 * The form (answers and secrets, react-hook-form's control), the server validation and the session
 * state, made once per page load and kept by the root layout, so moving to a dashboard and back
 * (client navigation) keeps every answer and secret in page memory; a reload starts anew.
 */
export function createWizardStore() {
  const form = createFormControl<Answers>({ defaultValues: defaultAnswers() });
  const validation = createServerValidation();
  let state: WizardState = {
    restored: false,
    step: 'endpoint',
    visited: new Set(),
    imported: null,
    notice: null,
    lostAtLoad: [],
    chart: { ...DEFAULT_CHART },
  };
  const listeners = new Set<() => void>();
  let saving: ReturnType<typeof setTimeout> | undefined;
  return {
    form,
    validation,
    get: () => state,
    set(patch: Partial<WizardState> | ((s: WizardState) => Partial<WizardState>)) {
      state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
      listeners.forEach((l) => l());
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    /** Saves (stripped of secrets) a moment after the last change, even if the page moved on meanwhile. */
    saveSoon(session: SavedSession) {
      clearTimeout(saving);
      saving = setTimeout(() => saveSession(session), 150);
    },
  };
}

export type WizardStore = ReturnType<typeof createWizardStore>;

/** The page load's wizard store, made by the first wizard page that renders and kept by the layout. */
export function useWizardStore(): WizardStore {
  const slot = useWizardSlot();
  const [store] = useState(() => (slot.wizard ??= createWizardStore()) as WizardStore);
  return store;
}

export function useWizardState(store: WizardStore): WizardState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
