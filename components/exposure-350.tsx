'use client';

import { useMemo } from 'react';
import type { Answers } from '@/lib/answers';
import { exposureSummary350 } from '@/lib/answers/exposure-350';
import { ExposureTable } from './exposure-table';

/** Chart 3.50's exposure table (lib/answers `exposureSummary350`): loaded only for a 3.50 plan. */
export function Exposure350({ answers, title }: { answers: Answers; title: string }) {
  const rows = useMemo(() => {
    try {
      return exposureSummary350(answers);
    } catch {
      return []; // a half-switched branch for one render
    }
  }, [answers]);
  return <ExposureTable rows={rows} title={title} />;
}
