'use client';

import { useWatch } from 'react-hook-form';
import { branches } from '@/lib/browser/branches';
import { AnnotationsField } from '../annotations-field';
import { ChoiceField, type Choice } from '../choice-field';
import { TextField } from '../text-field';
import { ToggleField } from '../toggle-field';
import { useSetAnswer } from '../use-set-answer';

type Mode = 'ingress-controller' | 'load-balancer' | 'cluster-ip' | 'router';

const CHOICES: Choice<Mode>[] = [
  { value: 'ingress-controller', label: 'Existing ingress controller', description: 'Three Ingresses (clients, agents, Keycloak admin) for your controller, nginx by default.' },
  { value: 'load-balancer', label: 'No controller: LoadBalancer', description: 'The chart runs its own nginx behind a LoadBalancer Service; the cluster must hand out external IPs.' },
  { value: 'cluster-ip', label: 'ClusterIP + port-forward', description: 'Only reachable with kubectl port-forward on 443:443.' },
];

export function ExternalAccessStep() {
  const { set } = useSetAnswer();
  const mode = useWatch({ name: 'externalAccess.mode' }) as Mode;
  const choices = mode === 'router' ? [...CHOICES, { value: 'router' as const, label: 'Built-in router (imported)', description: 'Kept as configured in the imported file.' }] : CHOICES;
  return (
    <>
      <ChoiceField name="externalAccess.mode" legend="How traffic reaches the server" choices={choices} onSelect={(m) => set('externalAccess', branches.externalAccess(m))} />
      {mode === 'ingress-controller' && (
        <>
          <TextField name="externalAccess.className" label="IngressClass name" mono hint="The class of your controller, e.g. nginx." />
          <ToggleField name="externalAccess.keepServerSnippet" label="Keep the chart's server-snippet annotation" hint="ingress-nginx 1.9 and later refuse snippets unless allow-snippet-annotations is on." />
          <AnnotationsField name="externalAccess.annotations" legend="Extra Ingress annotations" hint="Added to all three Ingresses." />
        </>
      )}
      {(mode === 'load-balancer' || mode === 'cluster-ip') && (
        <AnnotationsField name="externalAccess.serviceAnnotations" legend="nginx Service annotations" hint="e.g. your cloud's load-balancer annotations." />
      )}
    </>
  );
}
