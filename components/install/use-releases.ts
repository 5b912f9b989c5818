'use client';

import { useEffect, useState } from 'react';
import type { ListedRelease } from '@/lib/helm/release-list';

type Answer = { key: string; releases: ListedRelease[] | null; error: string | null };

/**
 * POST /api/releases/list: the releases of a context (null: the kubeconfig's current one), in one
 * namespace or all. Asked only while `enabled` (a reachable cluster).
 */
export function useReleases(
  enabled: boolean,
  context: string | null,
  namespace?: string,
): { releases: ListedRelease[] | null; error: string | null; loading: boolean } {
  const [res, setRes] = useState<Answer | null>(null);
  const key = JSON.stringify([enabled, context, namespace ?? null]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    fetch('/api/releases/list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      cache: 'no-store',
      body: JSON.stringify({ context: context ?? undefined, namespace }),
    })
      .then(async (r) => {
        const body = (await r.json().catch(() => ({}))) as {
          releases?: ListedRelease[];
          error?: string;
          issues?: { message: string }[];
        };
        if (!live) return;
        if (r.ok && Array.isArray(body.releases) && !body.error)
          setRes({ key, releases: body.releases, error: null });
        else
          setRes({
            key,
            releases: null,
            error: body.error ?? body.issues?.[0]?.message ?? `HTTP ${r.status}`,
          });
      })
      .catch(
        (e: Error) =>
          live &&
          setRes({ key, releases: null, error: `The wizard server did not answer: ${e.message}` }),
      );
    return () => {
      live = false;
    };
  }, [enabled, context, namespace, key]);
  const fresh = res?.key === key ? res : null;
  return {
    releases: fresh?.releases ?? null,
    error: fresh?.error ?? null,
    loading: enabled && fresh === null,
  };
}
