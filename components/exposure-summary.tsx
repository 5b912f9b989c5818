'use client';

import dynamic from 'next/dynamic';
import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import type { Answers } from '@/lib/answers';
import { exposureSummary } from '@/lib/answers/exposure';
import { ExposureTable } from './exposure-table';

// Chart 3.50's rows come from their own module, loaded only for a 3.50 plan (first-load budget).
const Exposure350 = dynamic(() => import('./exposure-350').then((m) => m.Exposure350), {
  ssr: false,
});

/** Who can reach which paths of the server from outside the cluster, group by group (lib/answers `exposureSummary`). */
export function ExposureSummary({ title = 'What is exposed' }: { title?: string }) {
  const answers = useWatch() as Answers;
  const is350 = answers.chart === '3.50.0';
  const rows = useMemo(() => {
    if (is350) return [];
    try {
      return exposureSummary(answers);
    } catch {
      return []; // a half-switched branch for one render
    }
  }, [answers, is350]);
  if (is350) return <Exposure350 answers={answers} title={title} />;
  return <ExposureTable rows={rows} title={title} />;
}
