'use client';

/** The access modes of the External access step (lib/answers externalAccess.mode). */
type Mode = 'ingress-controller' | 'load-balancer' | 'cluster-ip' | 'router';

/** Where each choice lands in chart 3.50, which has only the router (docs/chart-3.50.md §13.2). */
const IN_350: Record<Mode, string> = {
  'ingress-controller':
    'your controller gets one Ingress, <release>-router, in place of the four, and the two allow-lists become the router’s ACLs. The server-snippet annotation has no counterpart and is not written.',
  'load-balancer':
    'the router gets the LoadBalancer Service and serves HTTPS on 443 itself; the Service annotations below go to the router’s Service.',
  'cluster-ip':
    'the router is a ClusterIP Service: kubectl port-forward service/<release>-router 443:443.',
  router: 'the router is the way in, as chosen below.',
};

/** Chart 3.50: how the choice is written, since its legacy Ingresses and standalone nginx are gone. */
export function Note350({ mode, release }: { mode: Mode; release: string }) {
  return (
    <p className="callout info" data-testid="exposure-350">
      Chart 3.50.0 has no legacy Ingresses (<code>ingress_*</code>) and no standalone nginx (
      <code>general.nginx_svc</code>): the router is the only way in. With the choice below,{' '}
      {IN_350[mode].replaceAll('<release>', release)}
    </p>
  );
}
