'use client';

import { useWatch } from 'react-hook-form';
import { branches } from '@/lib/browser/branches';
import { AnnotationsField } from '../annotations-field';
import { ChoiceField, type Choice } from '../choice-field';
import { ExposureSummary } from '../exposure-summary';
import { LinesField } from '../lines-field';
import { TextField } from '../text-field';
import { ToggleField } from '../toggle-field';
import { useSetAnswer } from '../use-set-answer';

type Mode = 'ingress-controller' | 'load-balancer' | 'cluster-ip' | 'router';

const CHOICES: Choice<Mode>[] = [
  { value: 'ingress-controller', label: 'Existing ingress controller', description: 'Four Ingresses for your controller (nginx by default): clients, agents, Keycloak admin console and metrics; the last two only for the networks you allow.' },
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
          <div className="grid-2">
            <LinesField
              name="externalAccess.adminAllowCidrs"
              label="Who may open the Keycloak admin console"
              placeholder="10.0.0.0/8"
              hint="CIDRs, one per line, for /auth/admin and /auth/realms/master. Empty: reachable from nowhere (the console is still usable through kubectl port-forward). 0.0.0.0/0 opens it to anyone."
            />
            <LinesField
              name="externalAccess.metricsAllowCidrs"
              label="Who may scrape the metrics"
              placeholder="10.20.0.0/16"
              hint="CIDRs, one per line, for /management/prometheus (your Prometheus). Empty: reachable from nowhere."
            />
          </div>
          <AnnotationsField name="externalAccess.annotations" legend="Extra Ingress annotations" hint="Added to all four Ingresses." />
        </>
      )}
      {(mode === 'load-balancer' || mode === 'cluster-ip') && (
        <AnnotationsField name="externalAccess.serviceAnnotations" legend="nginx Service annotations" hint="e.g. your cloud's load-balancer annotations." />
      )}
      <ExposureSummary />
    </>
  );
}
