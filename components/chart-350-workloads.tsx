'use client';

import { useWatch } from 'react-hook-form';
import type { Answers } from '@/lib/answers';
import { WORKLOADS_DEFAULT } from '@/lib/answers/node-selection';
import { ChoiceField } from './choice-field';
import { LinesField } from './lines-field';
import { MoreSection } from './more-section';
import { TextField } from './text-field';
import { useSetAnswer } from './use-set-answer';

type W = NonNullable<Answers['workloads']>;

/**
 * Chart 3.50's workloads on the Sizing step (docs/chart-3.50.md §4, §8.1, §8.9): crons on or off
 * with what that costs, heap dumps on an existing claim, and one node selection for every pod.
 * Loaded only for a 3.50 plan. The answer is optional: until one of these is changed it is
 * absent, which means what the chart does by default; the first change writes the whole section.
 */
export function Workloads350() {
  const { set } = useSetAnswer();
  const [w, release, db, mq] = useWatch({
    name: ['workloads', 'release.name', 'database.mode', 'messageQueue.mode'],
  }) as [W | undefined, string, string, string];
  const change = (patch: Partial<W>) =>
    set('workloads', { ...structuredClone(w ?? (WORKLOADS_DEFAULT as W)), ...patch });
  const followers = [db === 'local' && 'MySQL', mq === 'local' && 'RabbitMQ'].filter(Boolean);
  return (
    <>
      <h2 className="group-title">Workloads (chart 3.50)</h2>
      <ChoiceField
        name="workloads.crons"
        legend="Crons: the scheduled and background jobs, in a pod of their own"
        columns={2}
        absent="true"
        onSelect={(v) => change({ crons: v === 'true' })}
        choices={[
          {
            value: 'true',
            label: 'On (the chart’s default)',
            description: `Deployment ${release}-crons runs the server’s jobs apart from the backend (1 CPU, 2Gi).`,
          },
          {
            value: 'false',
            label: 'Off',
            description:
              'Saves 1 CPU and 2Gi. The vendor does not say the backend takes the jobs over: only if Lightrun told you so.',
          },
        ]}
      />
      <ChoiceField
        name="workloads.heapDumps.mode"
        legend="Heap dumps (/dumps of the backend and crons)"
        columns={2}
        absent="off"
        onSelect={(m) =>
          change({ heapDumps: m === 'claim' ? { mode: 'claim', claim: '' } : { mode: 'off' } })
        }
        choices={[
          {
            value: 'off',
            label: 'In the pod (the chart’s default)',
            description: 'An emptyDir of at most 5Gi per pod: dumps are lost with the pod.',
          },
          {
            value: 'claim',
            label: 'On an existing claim',
            description:
              'A PersistentVolumeClaim you create in the namespace; backend and crons share it.',
          },
        ]}
      />
      {w?.heapDumps.mode === 'claim' && (
        <TextField
          name="workloads.heapDumps.claim"
          label="PersistentVolumeClaim name"
          mono
          placeholder="lightrun-dumps"
          hint="It must exist before the install and be ReadWriteMany when crons shares it or the backend runs more than one pod; preflight checks both."
        />
      )}
      <MoreSection
        summary="Node selection (optional)"
        paths={['workloads.nodeSelector', 'workloads.tolerations']}
      >
        <p className="hint" data-testid="node-selection-note">
          One node selection for every pod of the release.{' '}
          {followers.length
            ? `The chart gives it to every workload but ${followers.join(' and ')}, which read only a selector of their own: the wizard repeats it there, so they follow.`
            : 'The wizard also repeats the selector for MySQL and RabbitMQ whenever the chart runs them (they read only their own).'}{' '}
          Tolerations apply to every pod.
        </p>
        {w ? (
          <div className="grid-2">
            <LinesField
              name="workloads.nodeSelector"
              label="Node labels (key=value, one per line)"
              placeholder="pool=lightrun"
              hint="Pods run only on nodes with every label: kubectl label nodes <node> pool=lightrun."
            />
            <LinesField
              name="workloads.tolerations"
              label="Tolerated taints (one per line)"
              placeholder="dedicated=lightrun:NoSchedule"
              hint="As kubectl taint writes them: key=value:Effect, key:Effect, or key alone for every effect."
            />
          </div>
        ) : (
          <button
            type="button"
            className="button small"
            data-testid="node-selection-start"
            onClick={() => change({})}
          >
            Choose nodes…
          </button>
        )}
      </MoreSection>
    </>
  );
}
