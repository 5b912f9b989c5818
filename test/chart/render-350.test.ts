// Every example's plan rendered by the wizard for chart 3.50 (lib/values/render-350.ts) renders
// with chart-3.50/ under helm v4 and v3, as the files are written (values.yaml, then secrets.yaml
// when split), and the key the wizard generated is the backend Secret's encryption-key-0
// (docs/chart-3.50.md §10): the chart made none of its own.
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderYaml } from '../../lib/values';
import { answers350, examples } from '../../lib/values/__fixtures__/examples-350';
import { toBase64 } from '../../lib/values/base64';
import { cleanup350, render350 } from './chart350';
import { find, helmBinaries, maybe } from './helm';

afterAll(cleanup350);
const REL = 'acme';
const taken = examples();

describe.each(helmBinaries())('the examples rendered for chart 3.50, with $name', (bin) => {
  it('there are examples to render', () => expect(taken.length).toBeGreaterThanOrEqual(7));

  it.each(taken)('$name renders, with the wizard key as encryption-key-0', (e) => {
    const a = answers350(e);
    const r = renderYaml(a, { splitSecrets: e.splitSecrets });
    const layers = [parse(r.values) as object, ...(r.secrets ? [parse(r.secrets) as object] : [])];
    const o = render350(bin, layers, { release: REL });
    const backend = maybe(o, 'Secret', `${REL}-backend`);
    if (a.secrets.mode !== 'chart') return expect(backend).toBeUndefined();
    expect(find(o, 'Secret', `${REL}-backend`).data['encryption-key-0']).toBe(
      toBase64(a.secrets.encryptionKey!),
    );
  });

  it('internal TLS from existing certificates: the artifacts pod mounts the Secret the plan names (T6)', () => {
    const e = taken.find((x) => x.name === 'internal-tls-private-ca')!;
    const a = answers350(e);
    const r = renderYaml(a, { splitSecrets: e.splitSecrets });
    const o = render350(bin, [parse(r.values) as object], { release: REL });
    const vols = find(o, 'Deployment', `${REL}-artifacts`).spec.template.spec.volumes as {
      secret?: { secretName?: string };
    }[];
    const named = a.internalTls.mode === 'existing' ? a.internalTls.certificates.artifacts : '';
    expect(named).toBe('lightrun-internal-tls');
    expect(vols.map((v) => v.secret?.secretName).filter(Boolean)).toContain(named);
  });
});
