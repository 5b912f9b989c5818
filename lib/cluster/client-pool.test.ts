// pooledAgent: one keep-alive agent per KubeConfig and TLS material; proxies and plain HTTP untouched.
import http from 'node:http';
import https from 'node:https';
import { describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { pooledAgent } from './client';

const tls = (o: https.AgentOptions) => new https.Agent(o);

describe('pooledAgent', () => {
  it('the same TLS material on one kubeconfig shares one keep-alive agent', () => {
    const kc = new k8s.KubeConfig();
    const a = pooledAgent(kc, tls({ ca: 'CA', cert: 'C', key: 'K' })) as https.Agent & { options: https.AgentOptions; keepAlive: boolean };
    const b = pooledAgent(kc, tls({ ca: 'CA', cert: 'C', key: 'K' }));
    expect(b).toBe(a);
    expect(a.keepAlive).toBe(true);
    expect(a.options).toMatchObject({ ca: 'CA', cert: 'C', key: 'K', keepAlive: true });
  });

  it.each<[string, https.AgentOptions]>([
    ['another client certificate', { ca: 'CA', cert: 'C2', key: 'K' }],
    ['another key', { ca: 'CA', cert: 'C', key: 'K2' }],
    ['another CA', { ca: 'CA2', cert: 'C', key: 'K' }],
    ['verification off', { ca: 'CA', cert: 'C', key: 'K', rejectUnauthorized: false }],
    ['a TLS server name', { ca: 'CA', cert: 'C', key: 'K', servername: 'api.internal' }],
    ['a PKCS#12 bundle', { ca: 'CA', cert: 'C', key: 'K', pfx: Buffer.from('P') }],
    ['a CA as a Buffer of other bytes', { ca: Buffer.from('CB'), cert: 'C', key: 'K' }],
  ])('%s gets its own agent', (_n, o) => {
    const kc = new k8s.KubeConfig();
    const base = pooledAgent(kc, tls({ ca: 'CA', cert: 'C', key: 'K' }));
    const other = pooledAgent(kc, tls(o)) as https.Agent & { options: https.AgentOptions };
    expect(other).not.toBe(base);
    for (const [k, v] of Object.entries(o)) expect(other.options[k as keyof https.AgentOptions]).toEqual(v);
  });

  it('another kubeconfig (another context) never shares', () => {
    expect(pooledAgent(new k8s.KubeConfig(), tls({ ca: 'CA' }))).not.toBe(pooledAgent(new k8s.KubeConfig(), tls({ ca: 'CA' })));
  });

  it('plain HTTP and proxy agents (subclasses) are left as they are', () => {
    const kc = new k8s.KubeConfig();
    const h = new http.Agent();
    class ProxyAgent extends https.Agent {}
    const p = new ProxyAgent({ ca: 'CA' });
    expect(pooledAgent(kc, h)).toBe(h);
    expect(pooledAgent(kc, p)).toBe(p);
    expect(pooledAgent(kc, undefined)).toBeUndefined();
  });
});
