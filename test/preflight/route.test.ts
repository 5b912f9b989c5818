import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/preflight/route';

const post = (
  body: unknown,
  headers: Record<string, string> = { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' },
) =>
  POST(
    new Request('http://127.0.0.1:3000/api/preflight', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

describe('POST /api/preflight input handling', () => {
  it('refuses another origin', async () => {
    const r = await post(
      { answers: {} },
      { origin: 'http://evil.example', host: '127.0.0.1:3000' },
    );
    expect(r.status).toBe(403);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a body that is not JSON', async () => {
    const r = await post('{nope');
    expect(r.status).toBe(400);
  });

  it('names every bad field with 422, never echoing values', async () => {
    const r = await post({
      answers: { general: { endpoint: 'not a host!' } },
      namespace: 'Bad_NS',
      release: 'x',
    });
    expect(r.status).toBe(422);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const body = (await r.json()) as { issues: { path: string[]; message: string }[] };
    expect(body.issues.map((i) => i.path.join('.'))).toContain('namespace');
    expect(JSON.stringify(body)).not.toContain('Bad_NS');
  });

  it('refuses unknown keys in the request', async () => {
    const r = await post({ answers: {}, extra: 1 });
    expect(r.status).toBe(422);
  });
});
