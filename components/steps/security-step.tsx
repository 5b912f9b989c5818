'use client';

import { useWatch } from 'react-hook-form';
import { branches } from '@/lib/browser/branches';
import { LinesField } from '../lines-field';
import { TextField } from '../text-field';
import { ToggleField } from '../toggle-field';
import { useSetAnswer } from '../use-set-answer';

type Direction = { enabled: boolean; namespaces: string[]; cidrs: string[] };

/** What one direction of the policy lets through, in words: the text must match what the chart renders (docs/chart-3.9.4.md §9). */
function PolicyTruth({ dir }: { dir: 'ingress' | 'egress' }) {
  const [d, ns, artifacts] = useWatch({
    name: [`networkPolicy.${dir}`, 'release.namespace', 'general.artifactsDownload'],
  }) as [Direction | undefined, string, boolean];
  if (!d) return null;
  const verb = dir === 'ingress' ? 'Traffic into the namespace' : 'Traffic out of the namespace';
  if (!d.enabled)
    return (
      <p className="policy-truth" data-testid={`policy-${dir}`}>
        {verb} is not restricted.
      </p>
    );
  const peers = [...d.namespaces.map((n) => `namespace ${n}`), ...d.cidrs];
  if (peers.length === 0) {
    return (
      <p className="policy-truth deny" data-testid={`policy-${dir}`}>
        {verb} would be denied entirely, DNS and pod-to-pod included: nothing is listed.
      </p>
    );
  }
  const extra =
    dir === 'egress' && artifacts
      ? ' Plugin downloads from artifacts.lightrun.com need its addresses in the CIDRs.'
      : '';
  return (
    <p className="policy-truth" data-testid={`policy-${dir}`}>
      {verb} is allowed only {dir === 'ingress' ? 'from' : 'to'}: pods of{' '}
      {ns || 'the release namespace'}, kube-system, {peers.join(', ')}. Everything else is denied.
      {extra}
    </p>
  );
}

export function SecurityStep() {
  const { set } = useSetAnswer();
  const [np, ingress, egress, access] = useWatch({
    name: [
      'networkPolicy.enabled',
      'networkPolicy.ingress.enabled',
      'networkPolicy.egress.enabled',
      'externalAccess.mode',
    ],
  }) as [boolean, boolean, boolean, string];
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
      <ToggleField
        name="networkPolicy.enabled"
        label="Create a network policy for the namespace"
        hint="One policy for every pod of the namespace, not only Lightrun's; it needs a CNI that enforces policies. A restricted direction allows the release namespace and kube-system (DNS) plus the namespaces and CIDRs you list; with none listed it would deny everything, so the wizard refuses that."
        onToggle={(on) => set('networkPolicy', branches.networkPolicy(on))}
      />
      {np && (
        <div className="nested">
          <ToggleField name="networkPolicy.ingress.enabled" label="Restrict ingress" />
          {ingress && (
            <div className="grid-2">
              <LinesField
                name="networkPolicy.ingress.namespaces"
                label="Allowed namespaces (ingress)"
                placeholder="e.g. ingress-nginx"
                hint={
                  access === 'ingress-controller'
                    ? "One per line; your ingress controller's namespace, or the server is unreachable."
                    : 'One per line.'
                }
              />
              <LinesField
                name="networkPolicy.ingress.cidrs"
                label="Allowed CIDRs (ingress)"
                placeholder="e.g. 10.0.0.0/8"
                hint={
                  access === 'load-balancer'
                    ? 'One per line; the client networks that reach the LoadBalancer, or the server is unreachable.'
                    : 'One per line.'
                }
              />
            </div>
          )}
          <PolicyTruth dir="ingress" />
          <ToggleField name="networkPolicy.egress.enabled" label="Restrict egress" />
          {egress && (
            <div className="grid-2">
              <LinesField
                name="networkPolicy.egress.namespaces"
                label="Allowed namespaces (egress)"
                hint="One per line."
              />
              <LinesField
                name="networkPolicy.egress.cidrs"
                label="Allowed CIDRs (egress)"
                placeholder="e.g. 10.20.0.0/16"
                hint="Your external database and message queue."
              />
            </div>
          )}
          <PolicyTruth dir="egress" />
        </div>
      )}
    </>
  );
}
