// `node scripts/with-node.mjs CMD [ARG…]`: runs CMD under a supported Node — the machine's, or the
// pinned official build that scripts/lib/node-runtime.mjs fetches from the npm registry — with
// that Node first on PATH (the package.json scripts `dev`, `build`, `bench`, `gen`, … go through it).
import { ensureSupportedNode, exitLike, runForwarding } from './lib/node-runtime.mjs';

await ensureSupportedNode();
const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: node scripts/with-node.mjs CMD [ARG…]');
  process.exit(2);
}
exitLike(await runForwarding(cmd, args, { onError: (e) => console.error(`${cmd}: ${e.message}`) }));
