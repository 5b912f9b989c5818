import { describe, expect, it } from 'vitest';
import {
  decideIngressClass,
  decideLoadBalancer,
  decideNodePorts,
  type ServiceFacts,
} from './external-access';

const svc = (
  name: string,
  type: string,
  hasAddress = false,
  nodePorts: number[] = [],
): ServiceFacts => ({ namespace: 'ns', name, type, hasAddress, nodePorts });

describe('decideIngressClass', () => {
  it('passes an existing class and names the controller', () => {
    expect(
      decideIngressClass('nginx', [
        { name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: true },
      ]),
    ).toEqual({
      status: 'pass',
      fix: '',
      message: 'IngressClass nginx exists (controller k8s.io/ingress-nginx).',
    });
  });
  it('fails a missing class and lists the others', () => {
    expect(
      decideIngressClass('traefik', [
        { name: 'nginx', controller: 'c', isDefault: false },
        { name: 'haproxy', controller: 'h', isDefault: false },
      ]),
    ).toEqual({
      status: 'fail',
      message: 'IngressClass traefik does not exist; the cluster has nginx and haproxy.',
      fix: 'Choose one of nginx and haproxy on the External access step, or install the traefik ingress controller.',
    });
    expect(decideIngressClass('nginx', []).message).toBe(
      'IngressClass nginx does not exist; the cluster has none.',
    );
    expect(
      decideIngressClass('traefik', [{ name: 'nginx', controller: 'c', isDefault: true }]).fix,
    ).toBe('Use nginx on the External access step, or install the traefik ingress controller.');
  });
});

describe('decideLoadBalancer', () => {
  it.each([
    [
      [svc('a', 'LoadBalancer', true)],
      'pass',
      '1 LoadBalancer Service has an address (e.g. ns/a): the cluster assigns them.',
    ],
    [
      [
        svc('a', 'LoadBalancer', false),
        svc('b', 'LoadBalancer', true),
        svc('c', 'LoadBalancer', true),
      ],
      'pass',
      '2 LoadBalancer Services have an address (e.g. ns/b): the cluster assigns them.',
    ],
    [
      [svc('a', 'LoadBalancer'), svc('b', 'LoadBalancer')],
      'warn',
      'None of the 2 LoadBalancer Services in the cluster has an address (all pending).',
    ],
    [
      [svc('a', 'ClusterIP', true)],
      'warn',
      'No Service in the cluster has ever been given a LoadBalancer address, so it is unknown whether this cluster assigns them.',
    ],
  ])('%#', (services, status, message) => {
    expect(decideLoadBalancer(services)).toMatchObject({ status, message });
  });
});

describe('decideNodePorts', () => {
  const used = (count: number) => [
    svc(
      'x',
      'NodePort',
      false,
      Array.from({ length: count }, (_, i) => 30000 + i),
    ),
  ];
  it('passes when exactly the needed number of ports is free', () => {
    expect(decideNodePorts(2, used(2766))).toMatchObject({
      status: 'pass',
      message:
        "The router Service gets 2 node ports from 30000-32767 (2 free); open them on the nodes' firewall.",
    });
  });
  it('fails one port short', () => {
    expect(decideNodePorts(2, used(2767))).toMatchObject({
      status: 'fail',
      message: 'The node port range 30000-32767 has 1 free port; the router Service needs 2.',
    });
  });
  it('ignores ports outside the range', () => {
    expect(decideNodePorts(2, [svc('x', 'NodePort', false, [80, 40000])]).message).toBe(
      "The router Service gets 2 node ports from 30000-32767 (2768 free); open them on the nodes' firewall.",
    );
  });
});
