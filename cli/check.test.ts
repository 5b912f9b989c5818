import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from './check';

const root = path.resolve(__dirname, '..');
// The first line names the chart judged against; `lines` are the findings and the count after it.
const runWithHeader = (...args: string[]) => {
  let out = '';
  const code = runCheck(args, (s) => void (out += s));
  const all = out.trimEnd().split('\n');
  return all[0]?.startsWith('checked against ')
    ? { code, header: all[0], lines: all.slice(1) }
    : { code, header: null, lines: all };
};
const run = (...args: string[]) => {
  const { code, lines } = runWithHeader(...args);
  return { code, lines };
};

describe('cli check', () => {
  const examples = readdirSync(path.join(root, 'examples')).filter((d) =>
    existsSync(path.join(root, 'examples', d, 'values.yaml')),
  );
  it.each(examples)('passes the rendered values of example %s', (d) => {
    const dir = path.join(root, 'examples', d);
    const args = [
      path.join(dir, 'values.yaml'),
      ...(existsSync(path.join(dir, 'secrets.yaml')) ? ['-f', path.join(dir, 'secrets.yaml')] : []),
    ];
    expect(run(...args)).toEqual({ code: 0, lines: ['no problems found'] });
  });

  it('reports the vendor default values.yaml as path: message lines, exit 2', () => {
    const r = run(path.join(root, '../shared/reference/lightrun-chart-3.9.4-values.yaml'));
    expect(r.code).toBe(2);
    expect(r.lines.at(-1)).toBe('12 problems');
    expect(r.lines[0]).toBe(
      'deployments.backend.image.tag: Empty image tag: the image renders as "lightruncom/…:" and the pod never starts. Set the Lightrun version (chart 3.9.4 pairs with 1.50.1-release.ef66f0e08e).',
    );
  });

  it("judges a 3.50 file by 3.50's rules and says so; --chart overrides the guess", () => {
    const vendor350 = path.join(root, '../shared/reference/lightrun-chart-3.50.0-values.yaml');
    const r = runWithHeader(vendor350);
    expect(r.code).toBe(2);
    expect(r.header).toMatch(
      /^checked against chart 3\.50\.0 \(the file sets general\.nameOverride, /,
    );
    expect(r.lines).toContain(
      'secrets.mq.password: Required with the message queue on: the broker has no usable user otherwise.',
    );
    expect(r.lines.some((l) => l.includes('no such key'))).toBe(false);
    const as394 = runWithHeader(vendor350, '--chart', '3.9.4');
    expect(as394.header).toBe('checked against chart 3.9.4 (as asked)');
    expect(as394.lines.some((l) => l.includes('Chart 3.9.4 has no such key'))).toBe(true);
    const plain = runWithHeader(path.join(root, 'examples/quick-default/values.yaml'));
    expect(plain.header).toMatch(
      /^checked against chart 3\.9\.4 \(the file sets general\.router\.enabled, ingress_clients, /,
    );
  });

  it('reads the file as Helm does (YAML 1.1) and checks the certificate with node:crypto', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lw-check-'));
    const f = path.join(dir, 'v.yaml');
    writeFileSync(f, 'general:\n  db_local: "false"\n  name: yes\n');
    const other = path.join(dir, 'cert.yaml');
    const b64 = (file: string) =>
      readFileSync(path.join(root, 'e2e/fixtures', file)).toString('base64');
    writeFileSync(
      other,
      `general:\n  lightrun_endpoint: lightrun.example.com\ncertificate:\n  tls:\n    crt: ${b64('server.crt')}\n    key: ${b64('other.key')}\n`,
    );
    const r = run(path.join(root, 'examples/quick-default/values.yaml'), '-f', f, '-f', other);
    expect(r.code).toBe(2);
    expect(r.lines.map((l) => l.split(':')[0])).toEqual([
      'general.db_local',
      'general.name',
      'certificate.tls.key',
      '3 problems',
    ]);
  });

  it.each([
    [[], 'check needs a VALUES.yaml file.'],
    [['v.yaml', '-f'], '-f needs a file.'],
    [['--bogus'], 'Unknown option --bogus.'],
    [['v.yaml', '--chart', '3.10'], '--chart takes 3.9.4 or 3.50.0.'],
  ])('usage error %j exits 2', (args, message) => {
    const r = run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.lines[0]).toBe(message);
  });

  it('an unreadable file exits 2 naming it', () => {
    expect(run('/nonexistent/values.yaml')).toEqual({
      code: 2,
      lines: ['/nonexistent/values.yaml: cannot read the file (ENOENT).'],
    });
  });
});
