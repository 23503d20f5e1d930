import { spawn } from 'node:child_process';
import { ROOT } from '@coesione/scripts/lib/paths.ts';

/** `npm <args>` at the repository's root, with its exit code and everything it printed. */
export function runNpm(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (exit) => resolve({ code: exit, output }));
  });
}
