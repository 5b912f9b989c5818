// GET /api/cluster against the real local cluster and a dead second context.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { GET } from '@/app/api/cluster/route';
import { ClusterEnv, requireCluster } from './helpers';

let env: ClusterEnv;
let setupError: unknown;
const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-cluster-route-'));
const savedKubeconfig = process.env.KUBECONFIG;
let deadPort = 0;
let secrets: string[] = [];

beforeEach(() => {
  if (setupError) throw setupError;
});
beforeAll(async () => {
  try {
    ({ env } = await requireCluster());
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    deadPort = (srv.address() as net.AddressInfo).port;
    await new Promise((r) => srv.close(r));
    // A second kubeconfig file with a context whose server is a closed port; KUBECONFIG lists both.
    const local = YAML.parse(readFileSync(env.kubeconfig!, 'utf8'));
    const cl = local.clusters[0];
    const user = local.users[0];
    secrets = [
      user.user['client-key-data'],
      user.user['client-certificate-data'],
      user.user.token,
      cl.cluster['certificate-authority-data'],
    ].filter((s): s is string => typeof s === 'string' && s.length > 20);
    const dead = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'dead', cluster: { ...cl.cluster, server: `https://127.0.0.1:${deadPort}` } },
      ],
      users: [{ name: 'dead-user', user: user.user }],
      contexts: [
        { name: 'dead', context: { cluster: 'dead', user: 'dead-user', namespace: 'lightrun' } },
      ],
    };
    writeFileSync(path.join(dir, 'dead.yaml'), YAML.stringify(dead));
    process.env.KUBECONFIG = [env.kubeconfig!, path.join(dir, 'dead.yaml')].join(path.delimiter);
  } catch (e) {
    setupError = e;
  }
});
afterAll(() => {
  process.env.KUBECONFIG = savedKubeconfig;
  rmSync(dir, { recursive: true, force: true });
});

const get = async (query = '') => {
  const res = await GET(new Request(`http://127.0.0.1:3440/api/cluster${query}`));
  return { status: res.status, cache: res.headers.get('cache-control'), text: await res.text() };
};

describe('GET /api/cluster', () => {
  it("lists both contexts and probes the current one: the local cluster's version", async () => {
    const r = await get();
    expect(r.status).toBe(200);
    expect(r.cache).toBe('no-store');
    const body = JSON.parse(r.text);
    const local = YAML.parse(readFileSync(env.kubeconfig!, 'utf8'));
    expect(body.source).toBe('KUBECONFIG');
    expect(body.contexts).toEqual([local['current-context'], 'dead']);
    expect(body.selected).toBe(local['current-context']);
    expect(body.probe).toEqual({
      ok: true,
      version: env.versions.kubernetes,
      platform: 'linux/amd64',
    });
    expect(body.problem).toBeUndefined();
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) expect(r.text).not.toContain(s.slice(0, 40));
  });

  it('?context=dead: a clear error at once, with a fix, and no credentials', async () => {
    const t0 = Date.now();
    const r = await get('?context=dead');
    expect(Date.now() - t0).toBeLessThan(3000);
    const body = JSON.parse(r.text);
    expect(body.selected).toBe('dead');
    expect(body.probe).toMatchObject({
      ok: false,
      message: `Nothing is listening at https://127.0.0.1:${deadPort} (connection refused).`,
    });
    expect(body.probe.fix).toContain('kubectl --context dead cluster-info');
    for (const s of secrets) expect(r.text).not.toContain(s.slice(0, 40));
  });

  it.each([
    {
      q: '?context=nope',
      msg: 'The kubeconfig has no context with that name; pick one of the listed contexts.',
    },
    {
      q: '?context=',
      msg: 'context must be 1 to 253 characters; pick one of the listed contexts.',
    },
    {
      q: `?context=${'x'.repeat(254)}`,
      msg: 'context must be 1 to 253 characters; pick one of the listed contexts.',
    },
  ])('$q is refused with 422, the name not echoed', async ({ q, msg }) => {
    const r = await get(q);
    expect(r.status).toBe(422);
    expect(JSON.parse(r.text)).toEqual({ issues: [{ path: ['context'], message: msg }] });
  });

  it('no kubeconfig at all: the problem and its fix, no probe', async () => {
    const saved = { k: process.env.KUBECONFIG };
    process.env.KUBECONFIG = path.join(dir, 'missing.yaml');
    try {
      const body = JSON.parse((await get()).text);
      expect(body).toMatchObject({
        source: 'none',
        contexts: [],
        current: null,
        selected: null,
        probe: null,
      });
      expect(body.problem.message).toContain('would silently try http://localhost:8080');
    } finally {
      process.env.KUBECONFIG = saved.k;
    }
  });
});
