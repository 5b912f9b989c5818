/** What every benchmark gets from the runner: lazily started shared parts, stopped at the end. */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { parse } from 'yaml';
import {
  ensureBuild,
  ensureCluster,
  kube,
  launchChromium,
  log,
  root,
  startApp,
  stopCluster,
  type App,
  type ClusterEnv,
  type Kube,
} from './env';
import type { BenchSection } from './report';

export interface Ctx {
  cluster(): ClusterEnv;
  kube(): Promise<Kube>;
  /** The shared production app (started once; with the cluster's kubeconfig unless `cluster` is false). */
  app(cluster?: boolean): Promise<App>;
  /** A fresh app of its own (the caller stops it). */
  freshApp(extraEnv?: Record<string, string>): Promise<App>;
  browser(): Promise<Browser>;
  /** The quick-default example's answers. */
  answers(): Record<string, unknown>;
  /** A private temp directory of this run. */
  tmp: string;
  /** Writes files under a new directory of tmp; returns its path. */
  writeDir(name: string, files: Record<string, string>): string;
  /** A namespace name of this run. */
  ns(prefix: string): string;
}

export type Bench = (ctx: Ctx) => Promise<BenchSection>;

export function createContext(o: { build: boolean }): { ctx: Ctx; close: () => Promise<void> } {
  let cluster: { env: ClusterEnv; started: boolean } | undefined;
  let k: Kube | undefined;
  let app: App | undefined;
  let appHasCluster = false;
  let browser: Browser | undefined;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lightrun-bench-'));
  const run = Math.random().toString(36).slice(2, 6);
  let seq = 0;
  let built = false;
  const build = () => {
    if (!built) ensureBuild(o.build);
    built = true;
  };
  const ctx: Ctx = {
    cluster: () => (cluster ??= ensureCluster()).env,
    kube: async () => (k ??= await kube(ctx.cluster().kubeconfig)),
    app: async (withCluster = true) => {
      build();
      if (app && withCluster && !appHasCluster) {
        await app.stop();
        app = undefined;
      }
      if (!app) {
        app = await startApp(withCluster ? ctx.cluster() : null);
        appHasCluster = withCluster;
      }
      return app;
    },
    freshApp: async (extraEnv = {}) => {
      build();
      return startApp(ctx.cluster(), extraEnv);
    },
    browser: async () => (browser ??= await launchChromium()),
    answers: () =>
      parse(readFileSync(path.join(root, 'examples/quick-default/answers.yaml'), 'utf8')) as Record<
        string,
        unknown
      >,
    tmp,
    writeDir: (name, files) => {
      const dir = path.join(tmp, name);
      for (const [f, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        writeFileSync(path.join(dir, f), text);
      }
      return dir;
    },
    ns: (prefix) => `bench-${prefix}-${run}-${++seq}`,
  };
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await app?.stop();
    k?.close();
    if (cluster?.started) stopCluster();
    else if (cluster) log('the local cluster was running before: left running');
    rmSync(tmp, { recursive: true, force: true });
  };
  return { ctx, close };
}
