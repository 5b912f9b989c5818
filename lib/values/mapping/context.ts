import type { Answers } from '../../answers/schema';
import { getPath, hasPath, isMap, setPath, type Path, type Tree } from '../tree';

/** Collects the values a section renders, remembering which section owns each key path. */
export class ValuesWriter {
  readonly tree: Tree = {};
  readonly owners = new Map<string, string>();
  constructor(private section = '') {}

  forSection(title: string): this {
    this.section = title;
    return this;
  }

  set(path: string, value: unknown): void {
    const p = path.split('.');
    setPath(this.tree, p, value);
    this.owners.set(p.join('\u0000'), this.section);
  }

  /**
   * Sets a secret value, only when the chart creates the Secrets: with secrets kept outside the
   * chart it would be ignored by the chart yet still sit in values.yaml and the release record.
   */
  setSecret(path: string, value: string, all: Answers): void {
    if (all.secrets.mode === 'chart') this.set(path, value);
  }

  /** Sets a key whose name contains dots (annotation keys) under a parent path. */
  setKey(parent: string, key: string, value: unknown): void {
    const p = [...parent.split('.'), key];
    setPath(this.tree, p, value);
    this.owners.set(p.join('\u0000'), this.section);
  }
}

export type ImportNote = { path: string; message: string };

/**
 * Reads an imported values file merged over the chart defaults with the chart's own semantics
 * (Go-template truthiness, scalars as text), and records every key path it consumed so the rest
 * can be kept verbatim.
 */
export class ValuesReader {
  readonly consumed: Path[] = [];
  readonly notes: ImportNote[] = [];
  constructor(
    private readonly merged: Tree,
    private readonly user: Tree,
  ) {}

  private take(path: string | Path): unknown {
    const p = typeof path === 'string' ? path.split('.') : path;
    this.consumed.push(p);
    return getPath(this.merged, p);
  }

  /** Whether the imported file itself (not the defaults) sets this path. */
  userHas(path: string | Path): boolean {
    return hasPath(this.user, typeof path === 'string' ? path.split('.') : path);
  }

  /**
   * Whether the file has the chart create its Secrets (`deploy_secrets`, object or bare boolean,
   * Go truth). When it does not, the chart ignores every `secrets.*` value, so the sections leave
   * those keys unread and they are kept verbatim.
   */
  deploysSecrets(): boolean {
    const v = this.peek('general.deploy_secrets');
    const flag = isMap(v) ? v.enabled : v;
    return !(flag === false || flag === null || flag === undefined || flag === 0 || flag === '');
  }

  /** Text of a secret value: read only when the chart deploys secrets, else '' and left unread. */
  secret(path: string): string {
    return this.deploysSecrets() ? this.str(path) : '';
  }

  peek(path: string | Path): unknown {
    return getPath(this.merged, typeof path === 'string' ? path.split('.') : path);
  }

  /** Go-template truth, as the chart evaluates it (docs/chart-3.9.4.md G2: "false" is true). */
  bool(path: string): boolean {
    const v = this.take(path);
    if (typeof v === 'boolean') return v;
    const truthy = !(
      v === null ||
      v === undefined ||
      v === 0 ||
      v === '' ||
      (isMap(v) && Object.keys(v).length === 0) ||
      (Array.isArray(v) && v.length === 0)
    );
    if (v !== undefined)
      this.note(
        path,
        `${JSON.stringify(v)} is not a boolean; the chart reads it as ${truthy}, and so does the wizard.`,
      );
    return truthy;
  }

  str(path: string | Path): string {
    const v = this.take(path);
    if (v === null || v === undefined) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.note(
      Array.isArray(path) ? path.join('.') : String(path),
      'Expected text here; the value was not imported.',
    );
    return '';
  }

  num(path: string, fallback: number): number {
    const v = this.take(path);
    const n =
      typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
    if (Number.isFinite(n)) return n;
    // JSON.stringify prints YAML's .inf and .nan as null: a number is shown as itself.
    if (v !== undefined && v !== null)
      this.note(
        path,
        `Expected a number, found ${typeof v === 'number' ? String(v) : JSON.stringify(v)}; using ${fallback}.`,
      );
    return fallback;
  }

  map(path: string): Tree {
    const v = this.take(path);
    return isMap(v) ? v : {};
  }

  list(path: string): unknown[] {
    const v = this.take(path);
    return Array.isArray(v) ? v : [];
  }

  /** Marks a path consumed without reading it (a key the chosen branch always overwrites). */
  claim(path: string | Path): void {
    this.consumed.push(typeof path === 'string' ? path.split('.') : path);
  }

  note(path: string, message: string): void {
    this.notes.push({ path, message });
  }
}

/** One answers section mapped to chart keys in both directions, in one place. */
export interface SectionMapping<K extends keyof Answers> {
  key: K;
  title: string;
  render(value: Answers[K], all: Answers, out: ValuesWriter): void;
  read(r: ValuesReader): Answers[K];
}

export function annotationsToMap(list: { key: string; value: string }[]): Tree {
  return Object.fromEntries(list.map((a) => [a.key, a.value]));
}

export function mapToAnnotations(m: Tree): { key: string; value: string }[] {
  return Object.entries(m)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([key, v]) => ({ key, value: typeof v === 'string' ? v : JSON.stringify(v) }));
}
