'use client';

import Link from 'next/link';
import { useWizardSlot } from '../wizard-slot';

/**
 * The dashboard's "Upgrade this release": back to the wizard (client navigation: its answers and
 * secrets stay in page memory), which then starts from the release's values, asking first when
 * the page holds answers of the admin's.
 */
export function UpgradeLink({
  job,
}: {
  job: { release: string; namespace: string; context: string | null };
}) {
  const slot = useWizardSlot();
  return (
    <Link
      href="/"
      data-testid="upgrade-this-release"
      onClick={() =>
        slot.askUpgrade({
          release: job.release,
          namespace: job.namespace,
          ...(job.context ? { context: job.context } : {}),
        })
      }
    >
      Upgrade this release
    </Link>
  );
}
