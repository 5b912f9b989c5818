'use client';

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

export function SizingStep() {
  const { set, answers } = useSetAnswer();
  const [profile, bHpa, fHpa] = useWatch({ name: ['sizing.resources.profile', 'sizing.backend.hpa.enabled', 'sizing.frontend.hpa.enabled'] }) as [string, boolean, boolean];
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
        <div className="subcard">
          <h3>Backend</h3>
          <TextField name="sizing.backend.replicas" label="Replicas" number mono />
          <ToggleField name="sizing.backend.hpa.enabled" label="Autoscale (HPA)" onToggle={(on) => set('sizing.backend.hpa', branches.hpa('backend', on))} />
          {bHpa && <Hpa component="backend" />}
        </div>
        <div className="subcard">
          <h3>Frontend</h3>
          <TextField name="sizing.frontend.replicas" label="Replicas" number mono />
          <ToggleField name="sizing.frontend.hpa.enabled" label="Autoscale (HPA)" onToggle={(on) => set('sizing.frontend.hpa', branches.hpa('frontend', on))} />
          {fHpa && <Hpa component="frontend" />}
        </div>
        <div className="subcard">
          <h3>Keycloak</h3>
          <TextField name="sizing.keycloak.replicas" label="Replicas" number mono />
          <ToggleField name="sizing.keycloak.clusterMode" label="Cluster mode" hint="Needed for more than one replica." />
        </div>
      </div>
    </>
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
