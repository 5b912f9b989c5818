'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';

/** A release in the cluster, by name only (never its values). */
export type ReleaseTarget = { release: string; namespace: string; context?: string };

/**
 * What the root layout keeps for the wizard across client navigation (`/` ↔ `/install/[jobId]`):
 * the wizard's store (its form with the answers and secrets, its session state), made by the
 * wizard page the first time it renders, and a release a dashboard asked the wizard to start an
 * upgrade from. Page memory only: a reload starts from an empty slot. The slot holds no code of
 * the wizard, so the dashboard and the login page do not load it.
 */
export type WizardSlot = {
  wizard: unknown;
  /** The dashboard's "Upgrade this release": the wizard takes it when it shows next. */
  askUpgrade: (t: ReleaseTarget) => void;
  takeUpgrade: () => ReleaseTarget | null;
};

function newSlot(): WizardSlot {
  let upgrade: ReleaseTarget | null = null;
  return {
    wizard: null,
    askUpgrade: (t) => void (upgrade = t),
    takeUpgrade: () => {
      const t = upgrade;
      upgrade = null;
      return t;
    },
  };
}

const SlotContext = createContext<WizardSlot | null>(null);

export function WizardSlotProvider({ children }: { children: ReactNode }) {
  const [slot] = useState(newSlot);
  return <SlotContext.Provider value={slot}>{children}</SlotContext.Provider>;
}

/** The layout's slot; outside the layout (a unit test) a slot of the component's own. */
export function useWizardSlot(): WizardSlot {
  const shared = useContext(SlotContext);
  const [own] = useState(newSlot);
  return shared ?? own;
}
