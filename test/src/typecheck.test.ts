/**
 * The type checks of every workspace (`npm run typecheck --workspaces`: `tsc --noEmit`, the admin bundle's
 * too), as one file of the suite: they run beside the other files instead of before them all, which took
 * 80 s of wall time from every `npm test` on two cores. The packages the others import are built by `npm
 * test` first (root package.json).
 */
import { expect, it } from 'vitest';
import { runNpm } from './support/npm.ts';

it('type-checks every workspace', async () => {
  const { code, output } = await runNpm(['run', 'typecheck', '--workspaces', '--if-present']);
  expect(code, output.split('\n').filter((l) => /error TS|ERR!/.test(l)).join('\n') || output.slice(-3000)).toBe(0);
}, 600_000);
