/** helm's version, read from `helm version --short` (PURE). */

export type HelmMajor = 3 | 4;

export interface HelmVersion {
  major: HelmMajor;
  minor: number;
  patch: number;
  /** As helm printed it, e.g. "v4.3.1" or "v3.22.0+g1234abc". */
  raw: string;
}

/** The oldest helm 3 the wizard drives (older 3.x releases are out of upstream support; not tested here). */
export const MIN_HELM3_MINOR = 12;

export type VersionResult = { ok: true; version: HelmVersion } | { ok: false; message: string };

/**
 * Parses `helm version --short` output ("v3.22.0+gabc", "v4.3.1") and says whether the wizard
 * supports it: helm 3 from 3.12 on, and helm 4.
 */
export function parseHelmVersion(output: string): VersionResult {
  const text = output.trim().split('\n')[0] ?? '';
  const m = /^v?(\d{1,4})\.(\d{1,4})\.(\d{1,4})(?:[-+][0-9A-Za-z.+-]{0,80})?$/.exec(text);
  if (!m)
    return {
      ok: false,
      message: `helm printed an unexpected version ("${text.slice(0, 60)}"): install helm 3.12+ or helm 4.`,
    };
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (major === 4 || (major === 3 && minor >= MIN_HELM3_MINOR)) {
    return { ok: true, version: { major: major as HelmMajor, minor, patch, raw: text } };
  }
  return {
    ok: false,
    message: `helm ${text} is not supported: install helm 3.12 or later (helm 4 works too).`,
  };
}
