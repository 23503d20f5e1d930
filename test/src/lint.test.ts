/**
 * The repository's lint (`npm run lint`: ESLint with typescript-eslint, React's rules of hooks and the
 * Astro plugin, eslint.config.mjs) as one file of the suite, beside the type checks: no problem, and no
 * warning either.
 */
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { ROOT } from '../../scripts/src/lib/paths.ts';

it('lints clean', async () => {
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn('npm', ['run', 'lint'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (exit) => resolve({ code: exit, output }));
  });
  expect(code, output.slice(-4000)).toBe(0);
}, 300_000);
