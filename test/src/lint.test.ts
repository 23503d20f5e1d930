/**
 * The repository's lint (`npm run lint`: ESLint with typescript-eslint, React's rules of hooks and the
 * Astro plugin, eslint.config.mjs) as one file of the suite, beside the type checks: no problem, and no
 * warning either.
 */
import { expect, it } from 'vitest';
import { runNpm } from './support/npm.ts';

it('lints clean', async () => {
  const { code, output } = await runNpm(['run', 'lint']);
  expect(code, output.slice(-4000)).toBe(0);
}, 300_000);
