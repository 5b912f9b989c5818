'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { ReleaseTarget } from './wizard-slot';

// It asks the cluster: loaded when opened, not with the first page.
const ReleaseList = dynamic(() => import('./release-list').then((m) => m.ReleaseList), {
  ssr: false,
  loading: () => <p className="muted">Loading…</p>,
});

/** The start page's way to an upgrade: any Lightrun release of the cluster, whatever the answers. */
export function UpgradeRelease({ onUpgrade }: { onUpgrade: (t: ReleaseTarget) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="more upgrade-release"
      data-testid="upgrade-release"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>Upgrading a release that is already installed? Start from it</summary>
      <p className="hint">
        Its values — passwords, license and every other answer — replace the answers in this page
        (in memory only), so the upgrade keeps what the release already set up.
      </p>
      {open && <ReleaseList onUpgrade={onUpgrade} />}
    </details>
  );
}
