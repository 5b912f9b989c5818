/**
 * Validation of every name that reaches helm or the cluster (PURE). A name that passes can never be
 * read as an option or a command: argv is built from arrays, `--` precedes positionals, and no
 * accepted name starts with `-` or holds a control character.
 */

export type NameResult = { ok: true; value: string } | { ok: false; message: string };

const ok = (value: string): NameResult => ({ ok: true, value });
const bad = (message: string): NameResult => ({ ok: false, message });

// DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric. Written as
// a character scan (not a nested-quantifier regex) so no input can make it backtrack.
function isDnsLabel(s: string): boolean {
  if (s.length === 0 || s.length > 63) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (!alnum && !(c === 45 && i > 0 && i < s.length - 1)) return false;
  }
  return true;
}

/** Helm release name: DNS-1123 subdomain of labels joined by '.', at most 53 characters (helm's own limit). */
export function validateRelease(name: string): NameResult {
  if (name.length === 0) return bad('Enter a release name (for example "lightrun").');
  if (name.length > 53)
    return bad(`The release name is ${name.length} characters long; helm allows at most 53.`);
  if (!name.split('.').every(isDnsLabel)) {
    return bad(
      'Use lower-case letters, digits and "-" (dots between parts), starting and ending with a letter or digit.',
    );
  }
  return ok(name);
}

/** Kubernetes namespace: a DNS-1123 label (at most 63 characters). */
export function validateNamespace(name: string): NameResult {
  if (name.length === 0) return bad('Enter a namespace (for example "lightrun").');
  if (name.length > 63)
    return bad(`The namespace is ${name.length} characters long; Kubernetes allows at most 63.`);
  if (!isDnsLabel(name))
    return bad(
      'Use lower-case letters, digits and "-", starting and ending with a letter or digit.',
    );
  return ok(name);
}

// Printable ASCII and non-ASCII letters; no control characters (newlines would split log lines).
// eslint-disable-next-line no-control-regex -- the check is for control characters (C0 and DEL)
const hasControl = (s: string) => /[\u0000-\u001f\u007f]/.test(s);

/** kubeconfig context name: any printable text (kubeconfig allows it) up to 253 characters, not starting with '-'. */
export function validateContext(name: string): NameResult {
  if (name.length === 0) return bad('Choose a kubeconfig context.');
  if (name.length > 253) return bad('The context name is longer than 253 characters.');
  if (hasControl(name)) return bad('The context name holds a control character.');
  if (name.startsWith('-')) return bad('A context name may not start with "-".');
  return ok(name);
}

// oci://host[:port]/path[:tag]: registry host and repository path characters only.
const OCI_RE =
  /^oci:\/\/[A-Za-z0-9][A-Za-z0-9.-]{0,252}(?::\d{1,5})?(?:\/[a-z0-9][a-z0-9._-]{0,127}){1,16}(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/;

/** Chart version constraint as helm's `--version` takes it ("3.9.4", "^3.9.0"); empty = none. */
export function validateChartVersion(v: string): NameResult {
  if (v === '') return ok(v);
  if (v.length > 64 || !/^[0-9A-Za-z.^~<>=*+, -]+$/.test(v) || v.startsWith('-')) {
    return bad('Use a chart version such as 3.9.4 (or a range such as ^3.9.0).');
  }
  return ok(v);
}

export type ChartSource = 'bundled' | 'oci' | 'dir' | 'tgz';

/** What the file system says about a path (injected so the check stays pure). */
export interface PathProbe {
  isDir(p: string): boolean;
  isFile(p: string): boolean;
  /** Absolute form of p (relative to the server's working directory). */
  resolve(p: string): string;
}

/**
 * A chart reference helm will get: the bundled chart dir, an existing chart directory (with
 * Chart.yaml), an existing `.tgz`, or an `oci://` reference. A local path that is refused gets
 * the same message whether it is missing or exists as something else (no existence oracle). The result is an absolute path or an
 * `oci://` URL, so it can never begin with '-'.
 */
export function validateChartRef(
  source: ChartSource,
  ref: string,
  bundledDir: string,
  fs: PathProbe,
): NameResult {
  if (source === 'bundled') return ok(bundledDir);
  if (ref.length === 0) return bad('Enter the chart reference.');
  if (ref.length > 1024) return bad('The chart reference is longer than 1024 characters.');
  if (hasControl(ref)) return bad('The chart reference holds a control character.');
  if (ref.startsWith('-')) return bad('A chart reference may not start with "-".');
  if (source === 'oci') {
    return OCI_RE.test(ref)
      ? ok(ref)
      : bad(
          'Use an OCI reference such as oci://registry.example.com/lightruncom/lightrun-helm-chart.',
        );
  }
  // One answer whether the path is missing or is something else: the refusal must not tell a
  // client which paths exist on the server (issue 26 #11).
  const abs = fs.resolve(ref);
  if (source === 'dir') {
    return fs.isDir(abs) && fs.isFile(`${abs}/Chart.yaml`)
      ? ok(abs)
      : bad(
          `${ref} is not a chart directory on the wizard's server (a directory with Chart.yaml).`,
        );
  }
  if (!/\.tgz$|\.tar\.gz$/.test(abs)) return bad('A packaged chart ends with .tgz.');
  return fs.isFile(abs)
    ? ok(abs)
    : bad(`${ref} is not a packaged chart on the wizard's server (a .tgz file).`);
}
