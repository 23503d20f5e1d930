/** Writing benchmark results: a table on stdout and `bench/results/<name>.json`; stopping bench servers. */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './paths.ts';

export function writeResults(name: string, results: Record<string, unknown>): string {
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const machine = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) };
  fs.writeFileSync(file, `${JSON.stringify({ benchmark: name, date: new Date().toISOString(), machine, ...results }, null, 2)}\n`);
  return file;
}

/** Stops a server started by a benchmark: SIGINT, then SIGKILL if it has not exited after 15 s. */
export const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 15_000).unref();
  });
