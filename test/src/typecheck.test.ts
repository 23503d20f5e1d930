/**
 * The type checks of every workspace (`npm run typecheck --workspaces`: `tsc --noEmit`, the admin bundle's
 * too), as one file of the suite: they run beside the other files instead of before them all, which took
 * 80 s of wall time from every `npm test` on two cores. The packages the others import are built by `npm
 * test` first (root package.json).
 */
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { ROOT } from '../../scripts/src/lib/paths.ts';

it('type-checks every workspace', async () => {
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn('npm', ['run', 'typecheck', '--workspaces', '--if-present'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (exit) => resolve({ code: exit, output }));
  });
  expect(code, output.split('\n').filter((l) => /error TS|ERR!/.test(l)).join('\n') || output.slice(-3000)).toBe(0);
}, 600_000);
