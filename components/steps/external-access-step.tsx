'use client';

import dynamic from 'next/dynamic';
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
  {
    value: 'ingress-controller',
    label: 'Existing ingress controller',
    description:
      'Four Ingresses for your controller (nginx by default): clients, agents, Keycloak admin console and metrics; the last two only for the networks you allow.',
  },
  {
    value: 'load-balancer',
    label: 'No controller: LoadBalancer',
    description:
      'The chart runs its own nginx behind a LoadBalancer Service; the cluster must hand out external IPs.',
  },
  {
    value: 'cluster-ip',
    label: 'ClusterIP + port-forward',
    description: 'Only reachable with kubectl port-forward on 443:443.',
  },
  {
    value: 'router',
    label: 'Built-in router (chart 3.9.4)',
    description:
      'One entry point with per-path ACLs, behind an Ingress or its own LoadBalancer; the only way to a LoadBalancer with internal TLS, and the layout of later chart versions.',
  },
];

/** Who may reach the admin console and the metrics: the same two allow-lists for the Ingresses and for the router's ACLs. */
function AllowLists({ adminPaths }: { adminPaths: string }) {
  return (
    <div className="grid-2">
      <LinesField
        name="externalAccess.adminAllowCidrs"
        label="Who may open the Keycloak admin console"
        placeholder="e.g. 10.0.0.0/8"
        hint={`CIDRs, one per line, for ${adminPaths}. Empty: reachable from nowhere (the console is still usable through kubectl port-forward). 0.0.0.0/0 opens it to anyone.`}
      />
      <LinesField
        name="externalAccess.metricsAllowCidrs"
        label="Who may scrape the metrics"
        placeholder="e.g. 10.20.0.0/16"
        hint="CIDRs, one per line, for /management/prometheus (your Prometheus). Empty: reachable from nowhere."
      />
    </div>
  );
}

const ROUTER_ACL = "/auth/admin (the router's ACL)";

function RouterFields() {
  const { set } = useSetAnswer();
  const service = useWatch({ name: 'externalAccess.service' }) as string;
  return (
    <>
      <ChoiceField
        name="externalAccess.service"
        legend="How the router is reached"
        columns={2}
        onSelect={(v) => {
          set('externalAccess.service', v);
          if (v === 'load-balancer') set('externalAccess.tls', true);
        }}
        choices={[
          {
            value: 'ingress',
            label: 'Through an Ingress',
            description: 'Your ingress controller forwards to the router.',
          },
          {
            value: 'load-balancer',
            label: 'Its own LoadBalancer',
            description:
              'The router terminates TLS on 443 itself; the cluster must hand out external IPs.',
          },
        ]}
      />
      {service === 'ingress' && (
        <TextField
          name="externalAccess.className"
          label="IngressClass name"
          mono
          hint="The class of your controller, e.g. nginx."
        />
      )}
      <ToggleField
        name="externalAccess.tls"
        label="The router serves HTTPS itself"
        hint="Required with its own LoadBalancer and with internal TLS."
      />
      <AllowLists adminPaths={ROUTER_ACL} />
    </>
  );
}

// Chart 3.50's note on where the choice lands: loaded only for a 3.50 plan (first-load budget).
const Note350 = dynamic(() => import('../chart-350-notes').then((m) => m.Note350), { ssr: false });

export function ExternalAccessStep() {
  const { set } = useSetAnswer();
  const [mode, chart, release] = useWatch({
    name: ['externalAccess.mode', 'chart', 'release.name'],
  }) as [Mode, string, string];
  const is350 = chart === '3.50.0';
  return (
    <>
      {is350 && <Note350 mode={mode} release={release} />}
      <ChoiceField
        name="externalAccess.mode"
        legend="How traffic reaches the server"
        columns={2}
        choices={CHOICES}
        onSelect={(m) => set('externalAccess', branches.externalAccess(m))}
      />
      {mode === 'ingress-controller' && (
        <>
          <TextField
            name="externalAccess.className"
            label="IngressClass name"
            mono
            hint="The class of your controller, e.g. nginx."
          />
          {!is350 && (
            <ToggleField
              name="externalAccess.keepServerSnippet"
              label="Keep the chart's server-snippet annotation"
              hint="ingress-nginx 1.9 and later refuse snippets unless allow-snippet-annotations is on."
            />
          )}
          <AllowLists adminPaths={is350 ? ROUTER_ACL : '/auth/admin and /auth/realms/master'} />
          <AnnotationsField
            name="externalAccess.annotations"
            legend="Extra Ingress annotations"
            hint="Added to every Ingress the chart makes."
          />
        </>
      )}
      {(mode === 'load-balancer' || (mode === 'cluster-ip' && !is350)) && (
        <AnnotationsField
          name="externalAccess.serviceAnnotations"
          legend="Service annotations"
          hint="e.g. your cloud's load-balancer annotations."
        />
      )}
      {mode === 'router' && <RouterFields />}
      <ExposureSummary />
    </>
  );
}
