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
      <ToggleField name="security.readOnlyRootFilesystem" label="Read-only root filesystem (frontend, backend, Keycloak)" hint="Writable paths get an in-memory tmpfs of the size below." />
      <div className="grid-3">
        <TextField name="security.tmpfsSizeLimit" label="tmpfs size limit" mono />
        <TextField name="security.runAsUser" label="Run as user ID" number mono />
        <TextField name="security.dataFsGroup" label="fsGroup (MySQL, RabbitMQ)" number mono />
      </div>
      <h2 className="group-title">Network policy</h2>
      <ToggleField name="networkPolicy.enabled" label="Create a network policy for the namespace" hint="Applies to every pod of the namespace and needs a CNI that enforces policies; the namespace itself and kube-system (DNS) are always allowed." onToggle={(on) => set('networkPolicy', branches.networkPolicy(on))} />
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
