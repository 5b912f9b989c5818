import type { Answers } from '../../answers/schema';
import { IMAGE_KEYS } from '../../images/table';
import { mirrorOf, rewriteImage } from '../../images/reference';
import { getPath } from '../tree';
import type { SectionMapping, ValuesReader } from './context';
import chartDefaults from '../chart-defaults.json';

const repoPath = (key: string) => `${key}.repository`;
const defaultRepository = (key: string): string =>
  String(getPath(chartDefaults, repoPath(key).split('.')) ?? '');

/**
 * The private registry: every image key of the chart (`IMAGE_KEYS`, the vendor chart's whole
 * list) gets its repository rewritten to `<host>/<prefix>/<path of the chart's repository>`.
 * The source is the repository the file would otherwise use (a kept custom one, or the chart's).
 * Tags stay; the pull secret is the pull-secret section's. `insecure` and `tokenHost` render
 * nothing: only the preflight reads them (docs/preflight.md#passwords-only-over-tls).
 */
export const registryMapping: SectionMapping<'registry'> = {
  key: 'registry',
  title: 'Private registry',
  render(reg, a, out) {
    if (reg.mode !== 'private') return;
    for (const k of IMAGE_KEYS) {
      const kept = getPath(a.passthrough, repoPath(k.key).split('.'));
      const source = typeof kept === 'string' && kept !== '' ? kept : defaultRepository(k.key);
      out.set(repoPath(k.key), rewriteImage(source, { host: reg.host, prefix: reg.prefix }));
    }
  },
  read(r: ValuesReader): Answers['registry'] {
    // A private registry only when every image key is the chart's repository mirrored into one
    // and the same registry; anything else stays in the file as it is (kept, never dropped).
    let found: { host: string; prefix: string } | null = null;
    for (const k of IMAGE_KEYS) {
      const v = r.peek(repoPath(k.key));
      const m = typeof v === 'string' ? mirrorOf(v, defaultRepository(k.key)) : null;
      if (!m || (found && (m.host !== found.host || m.prefix !== found.prefix))) {
        if (
          found ||
          IMAGE_KEYS.some(
            (x) =>
              r.userHas(repoPath(x.key)) && r.peek(repoPath(x.key)) !== defaultRepository(x.key),
          )
        ) {
          r.note(
            'deployments',
            'The image repositories do not all point to one mirror of the chart’s images: they are kept as they are, and the private registry answer is off.',
          );
        }
        return { mode: 'public' };
      }
      found = m;
    }
    for (const k of IMAGE_KEYS) r.claim(repoPath(k.key));
    // Plain HTTP and the token host are the preflight's, not the chart's: a values file has neither.
    return {
      mode: 'private',
      host: found!.host,
      prefix: found!.prefix,
      insecure: false,
      tokenHost: '',
    };
  },
};
