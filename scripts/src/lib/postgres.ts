/**
 * A throw-away PostgreSQL cluster for tests and benchmarks: `initdb` into a temporary folder, the server
 * on a free loopback port with its socket in that folder, no system service, deleted on `stop()`.
 *
 * The binaries come from PATH or from Debian's `postgresql` package (/usr/lib/postgresql/<major>/bin).
 * PostgreSQL refuses to run as root, so as root (CI) the cluster runs as the `postgres` user the Debian
 * package creates.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './ports.ts';

export interface PostgresCluster {
  /** postgres://… for a database of this cluster (the maintenance database `postgres` by default). */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'coesione';

/** The folder holding initdb and pg_ctl, or undefined when PostgreSQL is not installed. */
export function postgresBinDir(): string | undefined {
  const onPath = (() => {
    try {
      return path.dirname(fs.realpathSync(execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim()));
    } catch {
      return undefined;
    }
  })();
  if (onPath && fs.existsSync(path.join(onPath, 'pg_ctl'))) return onPath;
  const root = '/usr/lib/postgresql';
  const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const major of majors) if (fs.existsSync(path.join(root, major, 'bin', 'initdb'))) return path.join(root, major, 'bin');
  return undefined;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function runAs(bin: string, args: string[]): Promise<string> {
  const [command, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv as string[], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${path.basename(bin)} exited with ${code}: ${output.slice(-2000)}`))));
  });
}

const quoteIdent = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a database name for the test cluster: ${name}`);
  return `"${name}"`;
};

/**
 * Starts a cluster. `durable: false` (the default) turns fsync off: a test's database need not survive
 * a power cut, and fsync is most of PostgreSQL's write time on a shared disk.
 */
export async function startPostgres({ durable = false } = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install postgresql (Debian), or put initdb and pg_ctl on PATH.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-pg-'));
  const dataDir = path.join(dir, 'data');
  if (isRoot()) execFileSync('chown', ['postgres', dir]);
  await runAs(path.join(bin, 'initdb'), ['-D', dataDir, '-U', USER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", '-c max_connections=200', durable ? '' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off'];
  await runAs(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-l', path.join(dir, 'server.log'), '-o', options.join(' '), '-w', '-t', '60', 'start']);
  const url = (database = 'postgres') => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    url,
    async createDatabase(name) {
      await admin(`CREATE DATABASE ${quoteIdent(name)}`);
      return url(name);
    },
    async dropDatabase(name) {
      await admin(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    },
    async stop() {
      await runAs(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
