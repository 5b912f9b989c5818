// The security findings on the install-family routes, called as the server calls them: 1,000
// nested levels made the support bundle answer 500 and 5,000 reset the preflight stream; any
// content type was accepted. Every such body is a 4xx naming the problem, never a 500.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { POST as install } from '@/app/api/install/route';
import { POST as preflight } from '@/app/api/preflight/route';
import { POST as diff } from '@/app/api/releases/diff/route';
import { POST as rollback } from '@/app/api/releases/rollback/route';
import { POST as uninstall } from '@/app/api/releases/uninstall/route';
import { POST as values } from '@/app/api/releases/values/route';
import { POST as history } from '@/app/api/releases/history/route';
import { POST as leftovers } from '@/app/api/releases/leftovers/route';
import { POST as list } from '@/app/api/releases/list/route';
import { POST as upgradePlan } from '@/app/api/releases/upgrade-plan/route';
import { POST as upgradeValues } from '@/app/api/releases/upgrade-values/route';
import { POST as upgradeSecrets } from '@/app/api/releases/upgrade-secrets/route';
import { POST as databaseBackup } from '@/app/api/releases/database-backup/route';
import { POST as upgradeRun } from '@/app/api/releases/upgrade-run/route';
import { POST as bundle } from '@/app/api/support-bundle/route';
import { POST as gitops } from '@/app/api/gitops-export/route';
import { BODY_LIMITS } from '@/lib/http/body-limits';

const ORIGIN = 'http://127.0.0.1:3420';
const request = (path: string, body: string, type: string | null = 'application/json') =>
  new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      host: '127.0.0.1:3420',
      ...(type === null ? {} : { 'content-type': type }),
    },
    body,
  });

// Valid answers with a deep imported key (kept as is): what got past the schema to the walks
// over the answers (the bundle's redaction, the preflight checks) and overflowed the stack.
const answers = parse(readFileSync('examples/quick-default/answers.yaml', 'utf8'));
/** `depth` levels in all: the request object, the answers, their pass-through keys, then `{"a":…}`. */
const deepAnswers = (depth: number, base: object = answers) =>
  JSON.stringify({ answers: { ...base, passthrough: { deep: 'X' } } }).replace(
    '"X"',
    `${'{"a":'.repeat(depth - 3)}1${'}'.repeat(depth - 3)}`,
  );
/** `depth` levels in all: the request object, then arrays around a release name that is not one. */
const deepTarget = (depth: number) =>
  `{"release":${'['.repeat(depth - 1)}"Not_A_Name"${']'.repeat(depth - 1)}}`;

// Nothing here may reach a cluster: without a kubeconfig, a request let through fails fast.
const saved = process.env.KUBECONFIG;
beforeAll(() => {
  process.env.KUBECONFIG = '/nonexistent/kubeconfig';
});
afterAll(() => {
  if (saved === undefined) delete process.env.KUBECONFIG;
  else process.env.KUBECONFIG = saved;
});

// Routes that take answers nest them one level below the request: the answers' 64, plus one.
// Those that name a release only take one flat object.
const ROUTES = [
  ['/api/install', install, 65, deepAnswers],
  ['/api/preflight', preflight, 65, deepAnswers],
  ['/api/support-bundle', bundle, 65, deepAnswers],
  ['/api/gitops-export', gitops, 65, deepAnswers],
  ['/api/releases/diff', diff, 65, deepAnswers],
  ['/api/releases/rollback', rollback, 1, deepTarget],
  // An uninstall names what to delete with it: { delete: { claims: [names] } }.
  ['/api/releases/uninstall', uninstall, 3, deepTarget],
  ['/api/releases/history', history, 1, deepTarget],
  ['/api/releases/leftovers', leftovers, 1, deepTarget],
  ['/api/releases/values', values, 1, deepTarget],
  ['/api/releases/list', list, 1, deepTarget],
  ['/api/releases/upgrade-plan', upgradePlan, 1, deepTarget],
  ['/api/releases/upgrade-values', upgradeValues, 1, deepTarget],
  ['/api/releases/upgrade-secrets', upgradeSecrets, 1, deepTarget],
  ['/api/releases/database-backup', databaseBackup, 1, deepTarget],
  ['/api/releases/upgrade-run', upgradeRun, 1, deepTarget],
] as const;

/** A body of exactly `bytes` bytes: `{"<key>":"xxx…"}`. */
const sized = (key: string, bytes: number) =>
  `{"${key}":"${'x'.repeat(bytes - `{"${key}":""}`.length)}"}`;

const levels = (n: number) => `The JSON is nested deeper than ${n} level${n === 1 ? '' : 's'}.`;

describe.each(ROUTES)('POST %s', (path, post, maxDepth, deep) => {
  it.each([1000, 5000])('%i nested levels: 400 naming the depth, never a 500', async (depth) => {
    const r = await post(request(path, deep(depth)));
    expect(r.status).toBe(400);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await r.json()).toEqual({ error: levels(maxDepth) });
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['JSON-looking but not JSON', 'application/jsonp'],
    ['no content type', null],
  ])('%s: 415', async (_n, type) => {
    const r = await post(request(path, '{"release":"lr"}', type));
    expect(r.status).toBe(415);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await r.json()).toEqual({
      error: 'Send the request as Content-Type: application/json.',
    });
  });

  // The passing side of each bound is a well-formed request the lib refuses (422): invalid answers,
  // or a target that is not one; one over is refused by the reader before any of it is parsed.
  const limits = BODY_LIMITS[path];
  const answersRoute = deep === deepAnswers;
  it(`depth ${maxDepth} is read; ${maxDepth + 1} is 400`, async () => {
    const invalidAnswers = {};
    const at = answersRoute ? deepAnswers(maxDepth, invalidAnswers) : deepTarget(maxDepth);
    expect((await post(request(path, at))).status).toBe(422);
    const over = answersRoute
      ? deepAnswers(maxDepth + 1, invalidAnswers)
      : deepTarget(maxDepth + 1);
    const r = await post(request(path, over));
    expect([r.status, await r.json()]).toEqual([400, { error: levels(maxDepth) }]);
  });

  it(`${limits.maxBytes} bytes are read; one more is 413`, async () => {
    const key = answersRoute ? 'answers' : 'release';
    const at = sized(key, limits.maxBytes);
    expect(new TextEncoder().encode(at).length).toBe(limits.maxBytes);
    expect((await post(request(path, at))).status).toBe(422);
    const r = await post(request(path, sized(key, limits.maxBytes + 1)));
    expect([r.status, await r.json()]).toEqual([
      413,
      {
        error: `The request is larger than ${answersRoute ? '2 MiB' : `${limits.maxBytes / 1024} KiB`}, the most ${limits.what} can take.`,
      },
    ]);
  });
});
