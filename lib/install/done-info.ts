/**
 * What the success panel shows (PURE): the endpoint, the first login, where the endpoint enters the
 * cluster for the plan's chart, and for chart 3.50 the encryption key to back up at once.
 */
import type { Answers } from '../answers';

/** The backend Secret's name: the admin's existing one, else the chart's `<release>-backend`. */
export function backendSecretName(answers: Answers, release: string): string {
  const s = answers.secrets as { mode: string; backend?: string };
  return s.mode === 'existing' && s.backend ? s.backend : `${release}-backend`;
}

/** One instruction with the exact command that goes with it (names only, never a value). */
export interface Instruction {
  text: string;
  command: string;
}

export interface DoneInfo {
  endpoint: string;
  login: { user: string; passwordCommand: string };
  /** Where browsers and agents enter the cluster, and the command that shows its address. */
  wayIn: Instruction;
  /** Chart 3.50: `encryption-key-0` of the backend Secret, to copy somewhere safe right away. */
  keyBackup?: Instruction;
}

type Access = Answers['externalAccess'];

/**
 * The object the endpoint's traffic enters through (docs/chart-3.9.4.md §8, docs/chart-3.50.md
 * §13.2: chart 3.50 has only the router, so 3.9.4's Ingresses and nginx become `<release>-router`).
 */
function entry(a: Answers, rel: string): { kind: 'ingress' | 'lb' | 'port-forward'; name: string } {
  const e: Access = a.externalAccess;
  const is350 = a.chart === '3.50.0';
  const lb = e.mode === 'load-balancer' || (e.mode === 'router' && e.service === 'load-balancer');
  const service = is350 || e.mode === 'router' ? `${rel}-router` : `${rel}-nginx`;
  if (lb) return { kind: 'lb', name: service };
  if (e.mode === 'cluster-ip') return { kind: 'port-forward', name: service };
  // 3.9.4's own Ingresses: <rel>-clients carries the host (and <rel>-agents, … beside it)
  return {
    kind: 'ingress',
    name: is350 || e.mode === 'router' ? `${rel}-router` : `${rel}-clients`,
  };
}

/** How the endpoint's host name reaches the server once the pods are ready. */
export function wayIn(a: Answers, release: string, namespace: string): Instruction {
  const host = (a.general as { endpoint: string }).endpoint;
  const w = entry(a, release);
  if (w.kind === 'lb')
    return {
      text: `Point DNS for ${host} at the external address of Service ${w.name} (a LoadBalancer; its EXTERNAL-IP column):`,
      command: `kubectl get service ${w.name} -n ${namespace}`,
    };
  if (w.kind === 'port-forward')
    return {
      text: `Service ${w.name} is a ClusterIP: nothing outside the cluster reaches it. Forward its port, and resolve ${host} to 127.0.0.1 on the machine that opens it:`,
      command: `kubectl port-forward service/${w.name} -n ${namespace} 443:443`,
    };
  const openshift = a.general.openshift && a.externalAccess.mode !== 'router';
  const what = `Ingress ${w.name}`;
  return {
    text: openshift
      ? `OpenShift makes a Route from ${what}: point DNS for ${host} at the cluster's router (its ADDRESS column):`
      : `Point DNS for ${host} at the ingress controller that serves ${what} (its ADDRESS column):`,
    command: `kubectl get ingress ${w.name} -n ${namespace}`,
  };
}

/** Chart 3.50's encryption key (docs/chart-3.50.md §10): the command that reads it, never the key. */
export function keyBackup(a: Answers, release: string, namespace: string): Instruction | undefined {
  if (a.chart !== '3.50.0') return undefined;
  const secret = backendSecretName(a, release);
  return {
    text: `Back up the encryption key now: encryption-key-0 of Secret ${secret} encrypts the credentials of other systems the server stores (integration and API keys). A render without the cluster (helm template, GitOps) or a lost Secret makes a new one, and what it encrypted cannot be read again. Keep its output where you keep the license, never in git:`,
    command: `kubectl get secret ${secret} -n ${namespace} -o jsonpath='{.data.encryption-key-0}' | base64 -d`,
  };
}

/** Endpoint URL and first login, with the exact command that reads the first-login password. */
export function doneInfo(answers: Answers, release: string, namespace: string): DoneInfo {
  const endpoint = (answers.general as { endpoint: string }).endpoint;
  const backup = keyBackup(answers, release, namespace);
  return {
    endpoint: `https://${endpoint}`,
    login: {
      user: 'administrator@localhost.com',
      passwordCommand: `kubectl get secret ${backendSecretName(answers, release)} -n ${namespace} -o jsonpath='{.data.SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD}' | base64 -d`,
    },
    wayIn: wayIn(answers, release, namespace),
    ...(backup ? { keyBackup: backup } : {}),
  };
}
