// `npm run gen`: writes every generated artefact; `npm run gen -- --check` fails when one is stale.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectedReadme } from '../gen-chart-readme';
import { generateAll, root } from './generate';

const check = process.argv.includes('--check');
let stale = 0;
for (const { file, content } of generateAll()) {
  const abs = path.join(root, file);
  const current = existsSync(abs) ? readFileSync(abs, 'utf8') : null;
  if (current === content) continue;
  if (check) {
    console.error(`stale: ${file} (run npm run gen)`);
    stale++;
  } else {
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    console.error(`wrote ${file}`);
  }
}
// chart/README.md's value table reads the schema written above, so it comes last.
const readme = path.join(root, 'chart', 'README.md');
const expected = expectedReadme(root);
if (readFileSync(readme, 'utf8') !== expected) {
  if (check) {
    console.error('stale: chart/README.md (run npm run gen)');
    stale++;
  } else {
    writeFileSync(readme, expected);
    console.error('wrote chart/README.md');
  }
}
process.exitCode = stale > 0 ? 1 : 0;
