/**
 * The CMS as its own OS process (`strapi start` on the built cms/dist), for tests that need what an
 * in-process Strapi cannot give: its stdout as an operator sees it, a crash, a restart, several
 * processes on one database; and for benchmarks that run several (bench/soak.ts). Same environment as
 * the tests' in-process CMS (test/src/support/cms.ts), on a free loopback port and a temporary data
 * directory (or the one given, which is then left in place).
 *
 * The build is the tests' global setup's, or the benchmark's (ensureCmsBuilt); this only runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testCmsEnv } from './cms-env.ts';
import { CMS_DIR } from './paths.ts';
import { freePort } from './ports.ts';
import { STRAPI_BIN } from './strapi.ts';

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;

export type Stream = 'stdout' | 'stderr';

export interface CmsProcess {
  url: string;
  port: number;
  dataDir: string;
  /** The running process's id (a new one after `restart()`). */
  readonly pid: number;
  /** Every complete line of output so far, in order of arrival: both streams, or the one named. */
  lines(stream?: Stream): string[];
  /** Sends `signal` (default SIGKILL, a crash) and resolves when the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then the exit (SIGKILL after 20 s); removes the data directory this helper created. */
  stop(): Promise<void>;
  /** Stops the process if it runs, then starts it again: same port and data, its environment with `env` merged in. */
  restart(env?: Record<string, string>): Promise<void>;
}

export class CmsProcessError extends Error {
  override name = 'CmsProcessError';
}

// A test process that dies must not leave a CMS holding a port: kill what is still running on exit.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

/** `GET /api/health` answers (200, or 503 with the database down): the HTTP server is up. */
async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new CmsProcessError(`the CMS exited (${child.exitCode ?? child.signalCode}) before answering`);
    try {
      const res = await fetch(`${url}/api/health`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status < 500 || res.status === 503) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new CmsProcessError(`${url}/api/health did not answer within ${READY_TIMEOUT_MS / 1000} s (${last})`);
}

export async function startCmsProcess(env: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<CmsProcess> {
  if (!fs.existsSync(path.join(CMS_DIR, 'dist', 'config'))) {
    throw new CmsProcessError('cms/dist has no build: run the tests through vitest (its global setup builds the CMS) or `npm run build -w cms`.');
  }
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-process-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...testCmsEnv(dataDir, port),
    // SQLite in the data directory unless `env` names another database (several processes on one PostgreSQL).
    DATABASE_CLIENT: 'sqlite',
    DATABASE_URL: '',
    DATABASE_FILENAME: path.join(dataDir, 'cms.db'),
    ...env,
  };

  const output: { stream: Stream; text: string }[] = [];
  let child: ChildProcess;

  function spawnCms(): ChildProcess {
    const started = spawn(process.execPath, [STRAPI_BIN(), 'start'], { cwd: CMS_DIR, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(started);
    started.once('exit', () => running.delete(started));
    for (const stream of ['stdout', 'stderr'] as const) {
      let partial = '';
      const source = started[stream]!;
      source.setEncoding('utf8');
      source.on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        for (const text of parts) output.push({ stream, text: text.replace(/\r$/, '') });
      });
      source.on('end', () => {
        if (partial) output.push({ stream, text: partial });
        partial = '';
      });
    }
    return started;
  }

  const lines = (stream?: Stream) => output.filter((line) => !stream || line.stream === stream).map((line) => line.text);

  async function boot(): Promise<void> {
    child = spawnCms();
    try {
      await waitUntilServing(url, child);
    } catch (error) {
      child.kill('SIGKILL');
      await exited(child);
      throw new CmsProcessError(`${(error as Error).message}\nlast lines of its output:\n${lines().slice(-50).join('\n')}`, { cause: error });
    }
  }

  async function kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const exit = exited(child);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exit;
  }

  async function terminate(): Promise<void> {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    try {
      await kill('SIGTERM');
    } finally {
      clearTimeout(timer);
    }
  }

  try {
    await boot();
  } catch (error) {
    if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    dataDir,
    get pid() {
      return child.pid ?? -1;
    },
    lines,
    kill,
    async stop() {
      await terminate();
      if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async restart(env: Record<string, string> = {}) {
      await terminate();
      Object.assign(childEnv, env);
      await boot();
    },
  };
}
