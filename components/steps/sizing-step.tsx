'use client';

import dynamic from 'next/dynamic';
import { useWatch } from 'react-hook-form';
import { SIZING_PROFILES } from '@/lib/answers/constants';
import { branches } from '@/lib/browser/branches';
import { ChoiceField } from '../choice-field';
import { TextField } from '../text-field';
import { ToggleField } from '../toggle-field';
import { useSetAnswer } from '../use-set-answer';

const describe = (p: keyof typeof SIZING_PROFILES) => {
  const s = SIZING_PROFILES[p];
  return `Backend ${s.backend.cpu} / ${s.backend.memory}, Keycloak ${s.keycloak.cpu} / ${s.keycloak.memory}, frontend ${s.frontend.cpu} / ${s.frontend.memory}`;
};

// Chart 3.50's crons, heap dumps and node selection: loaded only for a 3.50 plan (first-load budget).
const Workloads350 = dynamic(() => import('../chart-350-workloads').then((m) => m.Workloads350), {
  ssr: false,
});

export function SizingStep() {
  const { set, answers } = useSetAnswer();
  const [profile, chart] = useWatch({ name: ['sizing.resources.profile', 'chart'] }) as [
    string,
    string,
  ];
  return (
    <>
      <ChoiceField
        name="sizing.resources.profile"
        legend="Resources per pod"
        columns={4}
        onSelect={(p) => set('sizing.resources', branches.resources(answers(), p))}
        choices={[
          { value: 'minimum', label: 'Minimum', description: describe('minimum') },
          { value: 'medium', label: 'Medium', description: describe('medium') },
          { value: 'large', label: 'Large', description: describe('large') },
          { value: 'custom', label: 'Custom', description: 'Your own figures (request = limit).' },
        ]}
      />
      {profile === 'custom' && (
        <div className="grid-3">
          {(['backend', 'frontend', 'keycloak'] as const).map((c) => (
            <div key={c} className="subcard">
              <h3>{c[0]!.toUpperCase() + c.slice(1)}</h3>
              <TextField name={`sizing.resources.${c}.cpu`} label="CPU" mono />
              <TextField name={`sizing.resources.${c}.memory`} label="Memory" mono />
            </div>
          ))}
        </div>
      )}
      <div className="grid-3">
        <Scaled component="backend" title="Backend" />
        <Scaled component="frontend" title="Frontend" />
        <div className="subcard">
          <h3>Keycloak</h3>
          <TextField name="sizing.keycloak.replicas" label="Replicas" number mono />
          <ToggleField
            name="sizing.keycloak.clusterMode"
            label="Cluster mode"
            hint="Needed for more than one replica."
          />
        </div>
      </div>
      {chart === '3.50.0' && <Workloads350 />}
    </>
  );
}

/** Replicas and the autoscaler of a component the chart can autoscale (backend, frontend). */
function Scaled({ component, title }: { component: 'backend' | 'frontend'; title: string }) {
  const { set } = useSetAnswer();
  const hpa = useWatch({ name: `sizing.${component}.hpa.enabled` }) as boolean;
  return (
    <div className="subcard">
      <h3>{title}</h3>
      <TextField name={`sizing.${component}.replicas`} label="Replicas" number mono />
      <ToggleField
        name={`sizing.${component}.hpa.enabled`}
        label="Autoscale (HPA)"
        onToggle={(on) => set(`sizing.${component}.hpa`, branches.hpa(component, on))}
      />
      {hpa && <Hpa component={component} />}
    </div>
  );
}

function Hpa({ component }: { component: 'backend' | 'frontend' }) {
  return (
    <div className="grid-2">
      <TextField name={`sizing.${component}.hpa.maxReplicas`} label="Max replicas" number mono />
      <TextField name={`sizing.${component}.hpa.cpuPercent`} label="Target CPU %" number mono />
    </div>
  );
}
