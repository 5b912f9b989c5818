// `npm run gen`: writes every generated artefact; `npm run gen -- --check` fails when one is stale.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
process.exitCode = stale > 0 ? 1 : 0;
