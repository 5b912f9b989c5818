/** Vitest global set-up: the CLI bundle the tests spawn is built from the current sources first. */
import { ensureCliBundle } from '../scripts/lib/cli-bundle.mjs';

export default async function setup(): Promise<void> {
  await ensureCliBundle();
}
