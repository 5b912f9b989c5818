// GET /api/cluster without a cluster (issue 26 #11: it listed the kubeconfig's file paths, every
// context's server and user). What the install page needs is kept: the context names for the
// picker, the current and selected one, the selected context's server, whether it answers, and
// how to get a kubeconfig when there is none — without a file path.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/cluster/route';

const dir = mkdtempSync(path.join(tmpdir(), 'lw-cluster-route-'));
const first = path.join(dir, 'first-Kc0nfigPath.yaml');
const second = path.join(dir, 'second-Kc0nfigPath.yaml');
const missing = path.join(dir, 'missing-Kc0nfigPath.yaml');
const saved = process.env.KUBECONFIG;

const kubeconfig = (contexts: { name: string; server: string; user: string }[]) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': contexts[0]?.name,
    clusters: contexts.map((c) => ({ name: `${c.name}-cluster`, cluster: { server: c.server } })),
    users: contexts.map((c) => ({ name: c.user, user: { token: `tok-${c.user}` } })),
    contexts: contexts.map((c) => ({
      name: c.name,
      context: { cluster: `${c.name}-cluster`, user: c.user, namespace: 'ns-Hidden' },
    })),
  });

beforeAll(() => {
  // nothing listens on 49151: the probe fails at once
  writeFileSync(
    first,
    kubeconfig([
      {
        name: 'alpha',
        server: 'https://us3r:Passw0rdInUrl@127.0.0.1:49151/k8s/clusters/c-1?token=Qu3ryTok',
        user: 'alice-Us3rName',
      },
    ]),
  );
  writeFileSync(
    second,
    kubeconfig([
      { name: 'beta', server: 'https://other-Serv3r.example:6443', user: 'bob-Us3rName' },
    ]),
  );
});
afterAll(() => {
  process.env.KUBECONFIG = saved;
  rmSync(dir, { recursive: true, force: true });
});

const get = async (files: string[], query = '') => {
  process.env.KUBECONFIG = files.join(path.delimiter);
  const r = await GET(new Request(`http://127.0.0.1:3420/api/cluster${query}`));
  return { status: r.status, text: await r.text() };
};
const LEAKS = /Kc0nfigPath|Us3rName|Passw0rdInUrl|us3r|Qu3ryTok|tok-|Serv3r|-cluster|ns-Hidden/i;

describe('GET /api/cluster answers what the page shows, nothing more', () => {
  it('context names, the current and selected one, its server (no user info or query) and the probe', async () => {
    const r = await get([first, second, missing]);
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text);
    expect(Object.keys(body).sort()).toEqual(
      ['contexts', 'current', 'probe', 'selected', 'server', 'source'].sort(),
    );
    expect(body).toMatchObject({
      source: 'KUBECONFIG',
      contexts: ['alpha', 'beta'],
      current: 'alpha',
      selected: 'alpha',
      server: 'https://127.0.0.1:49151/k8s/clusters/c-1',
      probe: { ok: false },
    });
    // the probe names the server as shown, without the URL's user info (undici refuses such a URL
    // before connecting, so the reason is not "refused")
    expect(body.probe.message).toMatch(
      /^(Nothing is listening|The API server) at https:\/\/127\.0\.0\.1:49151\/k8s\/clusters\/c-1 /,
    );
    expect(r.text).not.toMatch(LEAKS);
  });

  it("another context selected: its server, never the other's", async () => {
    const r = await get([first, second], '?context=beta');
    const body = JSON.parse(r.text);
    expect(body.selected).toBe('beta');
    expect(body.server).toBe('https://other-serv3r.example:6443'); // URL lower-cases the host
    expect(r.text).not.toMatch(/Kc0nfigPath|Us3rName|127\.0\.0\.1|c-1/);
  });

  it('no kubeconfig: how to get one, without the paths it looked at', async () => {
    const r = await get([missing]);
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text);
    expect(body).toEqual({
      source: 'none',
      contexts: [],
      current: null,
      selected: null,
      server: null,
      probe: null,
      problem: {
        message:
          'No kubeconfig found: none of the 1 file(s) KUBECONFIG lists exists; kubectl and client libraries would silently try http://localhost:8080, where no cluster answers.',
        fix: expect.stringContaining('Point KUBECONFIG at your cluster'),
      },
    });
    expect(r.text).not.toMatch(LEAKS);
  });

  it('a kubeconfig that cannot be read is named by its place in KUBECONFIG', async () => {
    const broken = path.join(dir, 'broken-Kc0nfigPath.yaml');
    writeFileSync(broken, 'clusters: [\n');
    const body = JSON.parse((await get([first, broken])).text);
    expect(body.problem.message).toBe(
      'The kubeconfig file number 2 in KUBECONFIG cannot be read: it is not valid YAML (line 2).',
    );
    expect(JSON.stringify(body)).not.toMatch(LEAKS);
  });
});
