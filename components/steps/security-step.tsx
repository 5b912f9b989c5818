'use client';

import { useWatch } from 'react-hook-form';
import { branches } from '@/lib/browser/branches';
import { LinesField } from '../lines-field';
import { TextField } from '../text-field';
import { ToggleField } from '../toggle-field';
import { useSetAnswer } from '../use-set-answer';

export function SecurityStep() {
  const { set } = useSetAnswer();
  const [np, ingress, egress] = useWatch({ name: ['networkPolicy.enabled', 'networkPolicy.ingress.enabled', 'networkPolicy.egress.enabled'] }) as [boolean, boolean, boolean];
  return (
    <>
      <h2 className="group-title">Containers</h2>
      <ToggleField
        name="security.readOnlyRootFilesystem"
        label="Read-only root filesystem (every container except MySQL)"
        hint="Backend, frontend, Keycloak, Redis, RabbitMQ, the router, the chart's nginx and the data streamer, init containers included; MySQL never gets the flag. Writable paths get a size-limited emptyDir (size below): /tmp for the backend, router and nginx, /tmp and /etc/nginx/conf.d for the frontend, /tmp and /opt for Keycloak. Redis and RabbitMQ write only to their data volumes."
      />
      <div className="grid-3">
        <TextField name="security.tmpfsSizeLimit" label="tmpfs size limit" mono />
        <TextField name="security.runAsUser" label="Run as user ID" number mono />
        <TextField name="security.dataFsGroup" label="fsGroup (MySQL, RabbitMQ)" number mono />
      </div>
      <h2 className="group-title">Network policy</h2>
      <ToggleField name="networkPolicy.enabled" label="Create a network policy for the namespace" hint="One policy for every pod of the namespace, not only Lightrun's; it needs a CNI that enforces policies. A restricted direction allows the release namespace and kube-system (DNS) plus the peers you list; a direction without any peer would deny everything, DNS and pod-to-pod traffic included, so the wizard refuses it." onToggle={(on) => set('networkPolicy', branches.networkPolicy(on))} />
      {np && (
        <div className="nested">
          <ToggleField name="networkPolicy.ingress.enabled" label="Restrict ingress" />
          {ingress && (
            <div className="grid-2">
              <LinesField name="networkPolicy.ingress.namespaces" label="Allowed namespaces (ingress)" placeholder="ingress-nginx" hint="One per line; add your ingress controller's namespace." />
              <LinesField name="networkPolicy.ingress.cidrs" label="Allowed CIDRs (ingress)" placeholder="10.0.0.0/8" hint="One per line." />
            </div>
          )}
          <ToggleField name="networkPolicy.egress.enabled" label="Restrict egress" />
          {egress && (
            <div className="grid-2">
              <LinesField name="networkPolicy.egress.namespaces" label="Allowed namespaces (egress)" hint="One per line." />
              <LinesField name="networkPolicy.egress.cidrs" label="Allowed CIDRs (egress)" placeholder="10.20.0.0/16" hint="Your external database and message queue." />
            </div>
          )}
        </div>
      )}
    </>
  );
}
