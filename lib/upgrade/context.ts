import chartDefaults394 from '../values/chart-defaults.json';
import { truthy } from '../values/check-rules';
import { clone, deletePath, getPath, hasPath, isMap, setPath, type Tree } from '../values/tree';
import type { Fate } from './types';

const split = (p: string) => p.split('.');

/**
 * The state of one translation: the release's values as `helm get values` gave them (only what
 * the admin set; the rest is chart 3.9.4's default), the 3.50 tree being built from a copy of
 * them, and the rows said so far. A key the rules do not move or drop stays where it is (1:1).
 */
export class Translation {
  readonly out: Tree;
  readonly rows: Fate[] = [];

  constructor(readonly input: Tree) {
    this.out = clone(input);
  }

  /** Whether the release's values set this key. */
  has(path: string): boolean {
    return hasPath(this.input, split(path));
  }

  /** The value the 3.9.4 chart used: the release's, else the chart's default. */
  value(path: string): unknown {
    const p = split(path);
    return hasPath(this.input, p) ? getPath(this.input, p) : getPath(chartDefaults394, p);
  }

  /** The value's Go-template truth (docs/chart-3.9.4.md G2). */
  on(path: string): boolean {
    return truthy(this.value(path));
  }

  str(path: string): string {
    const v = this.value(path);
    return v === null || v === undefined ? '' : String(v);
  }

  /** A map the release set, or {} (never the chart's default). */
  userMap(path: string): Tree {
    const v = getPath(this.input, split(path));
    return isMap(v) ? v : {};
  }

  set(path: string, v: unknown): void {
    setPath(this.out, split(path), v);
  }

  drop(path: string): void {
    deletePath(this.out, split(path));
  }

  /** Moves what the release set at `from` to `to` (nothing when it set nothing). */
  move(from: string, to: string): void {
    if (!this.has(from)) return;
    const v = clone(getPath(this.input, split(from)));
    this.drop(from);
    this.set(to, v);
  }

  /** The keys of `paths` the release set (for a row's `from`). */
  present(...paths: string[]): string[] {
    return paths.filter((p) => this.has(p));
  }

  row(f: Fate): void {
    this.rows.push(f);
  }
}

export type Rule = (t: Translation) => void;
