'use client';

import { useEffect } from 'react';
import type { Answers } from '@/lib/answers';

export interface PreflightSettled { done: boolean; fails: string[]; overrides: string[] }
export interface PreflightRequest { answers: Answers; context?: string; namespace?: string; release?: string }

/**
 * Stands in for PREFLIGHT's `<PreflightPanel>` (same props) until it lands on this branch: it
 * settles at once with no checks run, and says so.
 */
export function PreflightPlaceholder({ onSettled }: { request: PreflightRequest; onSettled: (r: PreflightSettled) => void }) {
  useEffect(() => { onSettled({ done: true, fails: [], overrides: [] }); }, [onSettled]);
  return <p className="callout info" data-testid="preflight-placeholder">Preflight checks are not part of this build yet: nothing was checked before installing.</p>;
}
