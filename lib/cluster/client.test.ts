import * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { retryable, shareConnections } from './client';

function kubeconfig(caData = 'Q0E='): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://127.0.0.1:6443', caData }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}
type Patched = {
  createDispatcher: (c: k8s.Cluster | null, o: object) => object;
  getCurrentCluster: () => k8s.Cluster;
};

describe('shareConnections', () => {
  it("patches client-node's private createDispatcher once (fails when an upgrade renames it)", () => {
    const kc = kubeconfig() as unknown as { createDispatcher?: unknown };
    expect(typeof kc.createDispatcher).toBe('function');
    const before = kc.createDispatcher;
    shareConnections(kc as unknown as k8s.KubeConfig);
    const once = kc.createDispatcher;
    expect(once).not.toBe(before);
    shareConnections(kc as unknown as k8s.KubeConfig);
    expect(kc.createDispatcher).toBe(once);
  });

  it('the calls of one kubeconfig share one dispatcher per TLS identity; another kubeconfig has its own', () => {
    const a = shareConnections(kubeconfig()) as unknown as Patched;
    const b = shareConnections(kubeconfig()) as unknown as Patched;
    const tls = (ca: string) => ({ ca: Buffer.from(ca), rejectUnauthorized: true });
    const first = a.createDispatcher(a.getCurrentCluster(), tls('CA'));
    expect(a.createDispatcher(a.getCurrentCluster(), tls('CA'))).toBe(first);
    expect(a.createDispatcher(a.getCurrentCluster(), tls('other CA'))).not.toBe(first);
    expect(b.createDispatcher(b.getCurrentCluster(), tls('CA'))).not.toBe(first);
  });

  it('without TLS material client-node decides (no dispatcher for a plain connection)', () => {
    const kc = shareConnections(kubeconfig()) as unknown as Patched;
    expect(kc.createDispatcher(kc.getCurrentCluster(), {})).toBeUndefined();
  });
});

describe('retryable', () => {
  const err = (code: string, message = '') =>
    Object.assign(new TypeError('fetch failed'), { cause: { code, message } });
  it('a GOAWAY: any call (the server did not process it)', () => {
    const goaway = err('UND_ERR_INFO', 'HTTP/2: "GOAWAY" frame received with code 0');
    expect(retryable(goaway, 'createNamespace')).toBe(true);
    expect(retryable(goaway, 'readNamespace')).toBe(true);
    expect(retryable(err('UND_ERR_INFO', 'something else'), 'readNamespace')).toBe(false);
  });
  it('a lost connection: reading calls only', () => {
    for (const code of ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']) {
      expect(retryable(err(code), 'listNamespacedPod'), code).toBe(true);
      expect(retryable(err(code), 'readNamespace'), code).toBe(true);
      expect(retryable(err(code), 'getCode'), code).toBe(true);
      expect(retryable(err(code), 'createNamespace'), code).toBe(false);
      expect(retryable(err(code), 'deleteNamespacedSecret'), code).toBe(false);
    }
  });
  it('anything else is not retried: refused, DNS, an HTTP answer, no cause', () => {
    expect(retryable(err('ECONNREFUSED'), 'readNamespace')).toBe(false);
    expect(retryable(err('ENOTFOUND'), 'readNamespace')).toBe(false);
    expect(retryable(Object.assign(new Error('HTTP 500'), { code: 500 }), 'readNamespace')).toBe(
      false,
    );
    expect(retryable(new Error('x'), 'readNamespace')).toBe(false);
    expect(retryable(null, 'readNamespace')).toBe(false);
  });
});
