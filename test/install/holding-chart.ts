// A copy of the bundled chart with one pre-install/pre-upgrade hook Pod that never becomes ready
// (the local cluster's `never-ready` simulation label): helm stores the release pending-install,
// then waits on the hook until --timeout, so a test can kill helm (or the wizard) mid-install.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

/** Returns the chart directory (inside a new temp dir the caller removes: path.dirname of it). */
export function holdingChart(): string {
  const chart = path.join(mkdtempSync(path.join(os.tmpdir(), 'lw-hold-chart-')), 'chart');
  cpSync(path.join(repoRoot, 'chart'), chart, { recursive: true });
  writeFileSync(
    path.join(chart, 'templates', 'zz-test-hold-hook.yaml'),
    [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: {{ .Release.Name }}-test-hold',
      '  annotations:',
      '    "helm.sh/hook": pre-install,pre-upgrade',
      '  labels:',
      '    sim.lightrun.dev/failure: never-ready',
      'spec:',
      '  containers:',
      '    - name: hold',
      '      image: busybox:1.36',
      '',
    ].join('\n'),
  );
  return chart;
}

/** Children of `parent` whose command is helm (read from /proc). */
export function helmChildrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return (
          ppid === parent && readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('helm')
        );
      } catch {
        return false;
      }
    });
}
