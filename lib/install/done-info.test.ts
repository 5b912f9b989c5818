import { describe, expect, it } from 'vitest';
import type { Answers } from '../answers';
import { branchDefault } from '../answers/branches';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { doneInfo, keyBackup, wayIn } from './done-info';

type Chart = '3.9.4' | '3.50.0';

function plan(chart: Chart, access: Record<string, unknown>, openshift = false): Answers {
  const a = validAnswers();
  a.chart = chart;
  a.general.openshift = openshift;
  a.externalAccess = {
    ...branchDefault('externalAccess', access.mode),
    ...access,
  } as Answers['externalAccess'];
  return a;
}

const HOST = 'lightrun.acme.example.com';

describe('wayIn: where the endpoint enters the cluster, per chart', () => {
  it.each<[string, Chart, Record<string, unknown>, boolean, string, RegExp]>([
    // chart 3.9.4: its own Ingresses, its standalone nginx, or the router
    [
      '3.9.4 ingress',
      '3.9.4',
      { mode: 'ingress-controller', className: 'nginx' },
      false,
      'kubectl get ingress lr-clients -n ns',
      /ingress controller that serves Ingress lr-clients/,
    ],
    [
      '3.9.4 OpenShift',
      '3.9.4',
      { mode: 'ingress-controller', className: 'nginx' },
      true,
      'kubectl get ingress lr-clients -n ns',
      /OpenShift makes a Route from Ingress lr-clients/,
    ],
    [
      '3.9.4 LoadBalancer',
      '3.9.4',
      { mode: 'load-balancer' },
      false,
      'kubectl get service lr-nginx -n ns',
      /Service lr-nginx \(a LoadBalancer/,
    ],
    [
      '3.9.4 ClusterIP',
      '3.9.4',
      { mode: 'cluster-ip' },
      false,
      'kubectl port-forward service/lr-nginx -n ns 443:443',
      /Service lr-nginx is a ClusterIP/,
    ],
    [
      '3.9.4 router Ingress',
      '3.9.4',
      { mode: 'router', service: 'ingress' },
      false,
      'kubectl get ingress lr-router -n ns',
      /serves Ingress lr-router/,
    ],
    [
      '3.9.4 router LoadBalancer',
      '3.9.4',
      { mode: 'router', service: 'load-balancer' },
      false,
      'kubectl get service lr-router -n ns',
      /Service lr-router \(a LoadBalancer/,
    ],
    // chart 3.50: the router is the only way in (docs/chart-3.50.md §13.2)
    [
      '3.50 ingress',
      '3.50.0',
      { mode: 'ingress-controller', className: 'nginx' },
      false,
      'kubectl get ingress lr-router -n ns',
      /ingress controller that serves Ingress lr-router/,
    ],
    [
      '3.50 OpenShift',
      '3.50.0',
      { mode: 'ingress-controller', className: 'nginx' },
      true,
      'kubectl get ingress lr-router -n ns',
      /OpenShift makes a Route from Ingress lr-router/,
    ],
    [
      '3.50 LoadBalancer',
      '3.50.0',
      { mode: 'load-balancer' },
      false,
      'kubectl get service lr-router -n ns',
      /Service lr-router \(a LoadBalancer/,
    ],
    [
      '3.50 ClusterIP',
      '3.50.0',
      { mode: 'cluster-ip' },
      false,
      'kubectl port-forward service/lr-router -n ns 443:443',
      /Service lr-router is a ClusterIP/,
    ],
    [
      '3.50 router Ingress',
      '3.50.0',
      { mode: 'router', service: 'ingress' },
      false,
      'kubectl get ingress lr-router -n ns',
      /serves Ingress lr-router/,
    ],
    [
      '3.50 router LoadBalancer',
      '3.50.0',
      { mode: 'router', service: 'load-balancer' },
      false,
      'kubectl get service lr-router -n ns',
      /Service lr-router \(a LoadBalancer/,
    ],
  ])('%s', (_, chart, access, openshift, command, text) => {
    const w = wayIn(plan(chart, access, openshift), 'lr', 'ns');
    expect(w.command).toBe(command);
    expect(w.text).toMatch(text);
    expect(w.text).toContain(HOST);
  });

  it('names no 3.9.4 object for a 3.50 plan, in any way in', () => {
    for (const access of [
      { mode: 'ingress-controller', className: 'nginx' },
      { mode: 'load-balancer' },
      { mode: 'cluster-ip' },
    ]) {
      const w = wayIn(plan('3.50.0', access), 'lr', 'ns');
      expect(`${w.text} ${w.command}`).not.toMatch(/lr-nginx|lr-clients/);
    }
  });
});

describe('keyBackup: chart 3.50 only, the command and never the key', () => {
  it('3.50 with the chart’s Secrets: encryption-key-0 of <release>-backend', () => {
    const a = plan('3.50.0', { mode: 'ingress-controller', className: 'nginx' });
    const key = 'A'.repeat(43) + '=';
    (a.secrets as { keysEncryption?: unknown }).keysEncryption = { userEncryptionKey: key };
    const b = keyBackup(a, 'lr', 'ns');
    expect(b?.command).toBe(
      "kubectl get secret lr-backend -n ns -o jsonpath='{.data.encryption-key-0}' | base64 -d",
    );
    expect(b?.text).toMatch(
      /^Back up the encryption key now: encryption-key-0 of Secret lr-backend/,
    );
    expect(JSON.stringify(doneInfo(a, 'lr', 'ns'))).not.toContain(key);
  });

  it('3.50 with Secrets outside the chart: the admin’s backend Secret', () => {
    const a = plan('3.50.0', { mode: 'load-balancer' });
    a.secrets = {
      ...branchDefault('secrets', 'existing'),
      backend: 'own-backend',
    } as Answers['secrets'];
    expect(keyBackup(a, 'lr', 'ns')?.command).toContain('kubectl get secret own-backend -n ns');
  });

  it('3.9.4 has no encryption key to back up', () => {
    const a = plan('3.9.4', { mode: 'ingress-controller', className: 'nginx' });
    expect(keyBackup(a, 'lr', 'ns')).toBeUndefined();
    expect(doneInfo(a, 'lr', 'ns')).not.toHaveProperty('keyBackup');
  });
});

describe('doneInfo', () => {
  it('the endpoint, the first login and the way in, for both charts', () => {
    for (const chart of ['3.9.4', '3.50.0'] as const) {
      const d = doneInfo(plan(chart, { mode: 'load-balancer' }), 'lr', 'ns');
      expect(d.endpoint).toBe(`https://${HOST}`);
      expect(d.login).toEqual({
        user: 'administrator@localhost.com',
        passwordCommand:
          "kubectl get secret lr-backend -n ns -o jsonpath='{.data.SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD}' | base64 -d",
      });
      expect(d.wayIn.command).toBe(
        `kubectl get service lr-${chart === '3.9.4' ? 'nginx' : 'router'} -n ns`,
      );
    }
  });
});
