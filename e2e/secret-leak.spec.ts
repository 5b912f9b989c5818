// The secret-leak search (issue 10, "Done when"): a full install from the browser with a
// distinctive value in every secret field, then every place a secret must never reach is searched
// for each value, its base64 (at every alignment) and, for the private key, each of its lines:
// the server's stdout/stderr, the job's log, every SSE payload the page received, every other
// response body, every URL requested, cookies, localStorage, sessionStorage, IndexedDB, Cache
// Storage, and the server's temp directory (which must hold nothing of ours afterwards).
// Positive controls prove the search looks in the right places: the same search finds every
// value in the install request the browser sent, in the values file helm read while it existed,
// and in the Secret the chart created.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, fixture, test, Wizard } from './fixtures';
import {
  chooseBundledChart,
  cluster,
  kubectl,
  removeNamespace,
  testNamespace,
} from './install-fixtures';
import { e2ePort, startServer, type ServerProcess } from './server-process';
import { AUTH_HEADERS } from './access';

test.describe.configure({ timeout: 300_000 });

const tag = () => randomBytes(6).toString('hex');
/** One distinctive value per secret field (each passes its field's rules). */
const S = {
  license: `LwLeakLicense${tag()}`,
  signature: `LwLeakSignature${tag()}`,
  dbPassword: `LwLeakDb${tag()}`,
  mqPassword: `LwLeakMq${tag()}`,
  keycloak: `LwLeakKeycloak${tag()}`,
  keystore: `LwLeakKeystore${tag()}`,
  mail: `LwLeakMail${tag()}`,
  aesKey: randomBytes(16).toString('hex'),
  registryPassword: `LwLeakRegistry${tag()}`,
};
const dockerAuth = Buffer.from(`lwuser:${S.registryPassword}`).toString('base64');
const dockerConfig = JSON.stringify({
  auths: { 'https://index.docker.io/v1/': { auth: dockerAuth } },
});
/** What the page stores in pullSecret.configContent: the uploaded file, base64-encoded. */
const pullSecretValue = Buffer.from(dockerConfig).toString('base64');
const keyPem = fixture('server.key');
const keyLines = keyPem.split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----'));

/** base64 of `v` as it would appear inside a longer blob at each of the three alignments. */
function base64Forms(v: string): string[] {
  const forms = [Buffer.from(v).toString('base64').replace(/=+$/, '')];
  for (const pad of [1, 2])
    forms.push(
      Buffer.concat([Buffer.alloc(pad), Buffer.from(v)])
        .toString('base64')
        .slice(4, -4),
    );
  forms.push(forms[0]!.slice(0, -4)); // the unaligned tail dropped
  return forms;
}

type Needle = { name: string; text: string };
const needles: Needle[] = [
  ...Object.entries(S).flatMap(([name, v]) => [
    { name, text: v },
    ...base64Forms(v).map((t, i) => ({ name: `${name} base64#${i}`, text: t })),
  ]),
  { name: 'pull secret (as entered)', text: pullSecretValue.slice(0, 48) },
  { name: 'registry auth', text: dockerAuth },
  ...keyLines.map((l, i) => ({ name: `private key line ${i + 1}`, text: l })),
  ...base64Forms(keyPem).map((t, i) => ({ name: `private key base64#${i}`, text: t.slice(0, 64) })),
];

/** The needles found in `haystack`, as "needle in where". */
function findIn(where: string, haystack: string): string[] {
  return needles.filter((n) => haystack.includes(n.text)).map((n) => `${n.name} in ${where}`);
}

/** Every file under `dir` (recursively), with its text. */
function filesUnder(dir: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push({ file: p, text: readFileSync(p, 'latin1') });
  }
  return out;
}

let server: ServerProcess;
let tmp: string;
const port = e2ePort + 61;
const base = `http://127.0.0.1:${port}`;

test.beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'lw-leak-tmpdir-'));
  server = await startServer(
    { HOST: '127.0.0.1', PORT: String(port), TMPDIR: tmp, KUBECONFIG: cluster.kubeconfig },
    base,
  );
});
test.afterAll(async () => {
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/**
 * The job's event stream from the first event to `done` (and what came with it). The stream stays
 * open after the job while someone reads it (the dashboard's live tail), so it is read until
 * `done` and then closed, instead of waiting for an end that does not come.
 */
async function readJobLog(url: string): Promise<string> {
  const ac = new AbortController();
  const res = await fetch(url, { signal: ac.signal, headers: AUTH_HEADERS });
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let text = '';
  const timer = setTimeout(() => ac.abort(), 30_000);
  try {
    while (!text.includes('"type":"done"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += dec.decode(value, { stream: true });
    }
  } catch {
    /* aborted at the deadline: the assertion on "done" below says so */
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return text;
}

test('no secret of a full install reaches logs, SSE, responses, URLs, browser storage or the temp dir', async ({
  browser,
}) => {
  const ns = testNamespace('e2e-leak');
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1440, height: 900 },
    extraHTTPHeaders: { ...AUTH_HEADERS },
  });
  // Every SSE payload the page receives, read where the page reads it.
  await context.addInitScript(() => {
    const w = window as unknown as { __sse: string[]; EventSource: typeof EventSource };
    w.__sse = [];
    const Orig = w.EventSource;
    w.EventSource = class extends Orig {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        for (const type of ['install', 'message'])
          this.addEventListener(type, (e) => w.__sse.push(String((e as MessageEvent).data)));
      }
    };
  });
  const page = await context.newPage();
  const urls: string[] = [];
  const installBodies: string[] = [];
  const bodies: Array<Promise<{ url: string; text: string }>> = [];
  page.on('request', (r) => {
    urls.push(r.url());
    if (r.url().endsWith('/api/install') && r.method() === 'POST')
      installBodies.push(r.postData() ?? '');
  });
  page.on('response', (r) => {
    if ((r.headers()['content-type'] ?? '').includes('text/event-stream')) return; // read in-page above
    bodies.push(
      r.text().then(
        (text) => ({ url: r.url(), text }),
        () => ({ url: r.url(), text: '' }),
      ),
    );
  });
  // The values directory helm reads, seen while it exists (positive control for the temp-dir search).
  const seenValues: Array<{ dirMode: number; fileMode: number; text: string }> = [];
  const watcher = setInterval(() => {
    try {
      for (const d of readdirSync(tmp).filter((n) => n.startsWith('lightrun-wizard-values-'))) {
        const file = path.join(tmp, d, 'values.yaml');
        seenValues.push({
          dirMode: statSync(path.join(tmp, d)).mode & 0o777,
          fileMode: statSync(file).mode & 0o777,
          text: readFileSync(file, 'utf8'),
        });
      }
    } catch {
      /* removed between the listing and the read */
    }
  }, 25);

  const wizard = new Wizard(page);
  try {
    await wizard.open();
    await page.locator('details.more summary', { hasText: 'Release, namespace' }).click();
    await wizard.field('release.namespace').fill(ns);
    await wizard.choose('pullSecret.mode', 'inline');
    await wizard.upload('upload-pullSecret', 'config.json', dockerConfig);
    await wizard.field('general.endpoint').fill('e2e.lightrun.example.com');
    await wizard.field('general.name').fill('acme');
    await wizard.upload('upload-license.content', 'license.txt', S.license);
    await wizard.upload('upload-license.signature', 'license.sig', S.signature);
    await wizard.next('certificate');
    await wizard.upload('upload-certificate.crt', 'server.crt', fixture('server.crt'));
    await wizard.upload('upload-certificate.key', 'server.key', keyPem);
    await expect(page.getByTestId('cert-ok')).toBeVisible();
    await wizard.next('database');
    await wizard.field('database.password').fill(S.dbPassword);
    await wizard.next('message-queue');
    await wizard.choose('messageQueue.mode', 'local');
    await wizard.field('messageQueue.password').fill(S.mqPassword);
    for (const id of ['external-access', 'internal-tls', 'security', 'secrets'] as const)
      await wizard.next(id);
    await wizard.field('secrets.keycloakPassword').fill(S.keycloak);
    await wizard.field('secrets.keystorePassword').fill(S.keystore);
    await page.locator('details.more summary', { hasText: 'Integrations' }).click();
    await wizard.field('secrets.mailPassword').fill(S.mail);
    await wizard.field('apiKeysEncryption.enabled').check();
    await wizard.field('apiKeysEncryption.aesKey').fill(S.aesKey);
    await wizard.next('sizing');
    await page.getByTestId('next').click();
    await expect(page.getByTestId('review-valid')).toBeVisible();
    await expect(page.getByTestId('cluster-version')).toContainText('v1.', { timeout: 20_000 });
    await chooseBundledChart(page);
    await expect(page.getByTestId('install-button')).toBeEnabled({ timeout: 60_000 });
    await page.getByTestId('install-button').click();
    await page.waitForURL(/\/install\/[^/]+$/, { timeout: 30_000 });
    const jobId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await expect(page.getByTestId('job-status')).toHaveText('Installed', { timeout: 240_000 });
    clearInterval(watcher);

    // Positive controls: the search finds every value where it must be.
    expect(installBodies.length).toBe(1);
    const sent = findIn('request', installBodies[0]!);
    for (const n of [
      'license',
      'signature',
      'dbPassword',
      'mqPassword',
      'keycloak',
      'keystore',
      'mail',
      'aesKey',
      'private key line 1',
    ])
      expect(sent).toContain(`${n} in request`);
    expect(seenValues.length, 'the values file was never seen in TMPDIR').toBeGreaterThan(0);
    expect(seenValues[0]).toMatchObject({ dirMode: 0o700, fileMode: 0o600 });
    expect(findIn('values', seenValues.at(-1)!.text)).toContain('dbPassword in values');
    const backend = Buffer.from(
      kubectl(
        '-n',
        ns,
        'get',
        'secret',
        'lightrun-backend',
        '-o',
        'jsonpath={.data.SPRING_DATASOURCE_PASSWORD}',
      ),
      'base64',
    ).toString();
    expect(backend).toBe(S.dbPassword);

    // The search itself.
    const found: string[] = [];
    const log = await readJobLog(`${base}/api/install/${encodeURIComponent(jobId)}/events`); // the whole job log, read to its end
    expect(log).toContain('"type":"done"');
    found.push(...findIn('job log', log));
    const jobs = await fetch(`${base}/api/install/jobs`, { headers: AUTH_HEADERS }).then((r) =>
      r.text(),
    );
    found.push(...findIn('jobs list', jobs));
    const sse = await page.evaluate(() => (window as unknown as { __sse: string[] }).__sse);
    expect(sse.length).toBeGreaterThan(10);
    expect(sse.some((d) => d.includes('"type":"done"'))).toBe(true);
    found.push(...findIn('SSE payloads', sse.join('\n')));
    for (const b of await Promise.all(bodies)) found.push(...findIn(`response ${b.url}`, b.text));
    found.push(...findIn('URLs', urls.join('\n')));
    const cookies = await context.cookies();
    found.push(...findIn('cookies', JSON.stringify(cookies)));
    for (const p of [page, await openWizardAgain(context)]) {
      const storage = await p.evaluate(async () => {
        const dump: Record<string, unknown> = {
          local: { ...localStorage },
          session: { ...sessionStorage },
          idb: {},
          caches: [],
        };
        for (const info of await indexedDB.databases()) {
          const db = await new Promise<IDBDatabase>((res, rej) => {
            const r = indexedDB.open(info.name!);
            r.onsuccess = () => res(r.result);
            r.onerror = () => rej(r.error);
          });
          for (const store of Array.from(db.objectStoreNames)) {
            (dump.idb as Record<string, unknown>)[`${info.name}/${store}`] = await new Promise(
              (res) => {
                const r = db.transaction(store).objectStore(store).getAll();
                r.onsuccess = () => res(r.result);
              },
            );
          }
          db.close();
        }
        for (const key of await caches.keys())
          (dump.caches as unknown[]).push(
            key,
            await Promise.all((await (await caches.open(key)).keys()).map((r) => r.url)),
          );
        return JSON.stringify(dump);
      });
      expect(storage).toContain('"local"');
      found.push(...findIn(`browser storage of ${new URL(p.url()).pathname}`, storage));
    }
    // Give the server a moment to flush its output, then read all of it.
    await page.waitForTimeout(300);
    found.push(...findIn('server stdout/stderr', server.log()));
    const leftovers = readdirSync(tmp).filter((n) => n.startsWith('lightrun-wizard-'));
    expect(leftovers, 'values directories left in TMPDIR').toEqual([]);
    for (const f of filesUnder(tmp)) found.push(...findIn(`temp file ${f.file}`, f.text));
    expect(found).toEqual([]);
  } finally {
    clearInterval(watcher);
    await context.close();
    removeNamespace(ns);
  }
});

/** The wizard page again in the same browser (what a reload restores from storage). */
async function openWizardAgain(context: import('@playwright/test').BrowserContext) {
  const p = await context.newPage();
  await p.goto('/');
  await expect(p.locator('[data-testid^="panel-"]').first()).toBeVisible();
  return p;
}
