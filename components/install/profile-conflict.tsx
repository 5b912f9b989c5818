'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { ReleaseTarget } from '../wizard-slot';

// The plan page asks the cluster and the API server: loaded when the admin opens it.
const UpgradePlanPage = dynamic(
  () => import('../upgrade-plan-page').then((m) => m.UpgradePlanPage),
  { ssr: false, loading: () => <p className="muted">Loading the upgrade plan…</p> },
);

export interface ProfileConflict {
  running: string;
  plan: string;
  message: string;
}

/**
 * The release of the answers runs the other chart (lib/install/profile-guard.ts
 * `profileConflict`): said on Review before Install, which the job would refuse. From 3.9.4 the
 * way to 3.50 is the upgrade plan (opened here); from 3.50 there is no way back, only starting
 * from the release.
 */
export function ProfileConflictNote({
  conflict,
  target,
  onStartFromRelease,
}: {
  conflict: ProfileConflict;
  target: ReleaseTarget;
  onStartFromRelease?: () => void;
}) {
  const [plan, setPlan] = useState(false);
  return (
    <>
      <div className="callout danger" role="alert" data-testid="profile-conflict">
        <p>{conflict.message}</p>
        {conflict.running === '3.9.4' ? (
          <button
            type="button"
            className="button secondary small"
            onClick={() => setPlan(true)}
            disabled={plan}
            data-testid="profile-conflict-plan"
          >
            Plan the upgrade of {target.release} to chart 3.50
          </button>
        ) : (
          onStartFromRelease && (
            <button
              type="button"
              className="button secondary small"
              onClick={onStartFromRelease}
              data-testid="profile-conflict-start"
            >
              Start from this release
            </button>
          )
        )}
      </div>
      {plan && (
        <UpgradePlanPage
          target={target}
          onClose={() => setPlan(false)}
          closeLabel="Close the plan"
        />
      )}
    </>
  );
}
