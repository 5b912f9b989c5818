'use client';

import type { Answers } from '@/lib/answers';
import type { ImportInfo } from './import-info';
import type { ReleaseTarget } from './wizard-slot';

/**
 * "Start from this release": the release's values (`helm get values`, secrets included, into this
 * page's memory only; the route answers no-store) through the same importer as a values file, so
 * nothing the answers do not model is lost. Throws an Error whose message says what went wrong.
 */
export async function releaseImport(t: ReleaseTarget): Promise<ImportInfo> {
  const { release, namespace, context } = t;
  let res: Response;
  try {
    res = await fetch('/api/releases/values', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      cache: 'no-store',
      body: JSON.stringify({ context, namespace, release }),
    });
  } catch (e) {
    throw new Error(`The wizard server did not answer: ${(e as Error).message}`, { cause: e });
  }
  const body = (await res.json().catch(() => ({}))) as {
    values?: Record<string, unknown>;
    error?: string;
  };
  if (!res.ok || !body.values)
    throw new Error(body.error ?? `Could not read the release's values (HTTP ${res.status}).`);
  const { checkValues, importValues } = await import('@/lib/values');
  const r = importValues(body.values);
  return {
    fileName: `release ${release} in namespace ${namespace}`,
    findings: checkValues([body.values]),
    answers: { ...r.answers, release: { name: release, namespace } } as Answers,
    kept: r.kept,
    unknown: r.unknown,
    notes: r.notes,
    original: r.original,
  };
}
