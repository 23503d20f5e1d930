/**
 * A real Strapi for tests: this repository's CMS, loaded in the test process, listening on a free
 * loopback port, on a temporary SQLite file — or, in the PostgreSQL run, a database of its own on the
 * throw-away cluster — deleted afterwards.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Core } from '@strapi/strapi';
import pg from 'pg';
import { inject } from 'vitest';
import { CMS_DIR } from '@coesione/scripts/lib/paths.ts';
import { send } from './http.ts';
import { freePort } from '@coesione/scripts/lib/ports.ts';
import { postgresBinDir } from '@coesione/scripts/lib/postgres.ts';
import { lock, loadStrapi } from '@coesione/scripts/lib/strapi.ts';
import { testCmsEnv } from '@coesione/scripts/lib/cms-env.ts';
import { seed, type SeedOptions } from '@coesione/scripts/seed/seed.ts';
import { romeDay } from '@coesione/model';

/** A module of the CMS's build (cms/dist/src/…), as the running CMS loads it. */
export function cmsModule<T>(relative: string): T {
  return createRequire(import.meta.url)(path.join(CMS_DIR, 'dist', 'src', `${relative}.js`)) as T;
}

/** Every log line of a test CMS from now on, whatever its level, into `lines` (what the tests check for private data). */
export function recordLog(strapi: Core.Strapi, lines: string[]): void {
  const log = strapi.log as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const level of ['error', 'warn', 'info', 'http', 'verbose', 'debug']) {
    const original = log[level]!.bind(log);
    log[level] = (...args: unknown[]) => {
      lines.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
      return original(...args);
    };
  }
}

export interface TestCms {
  strapi: Core.Strapi;
  url: string;
  dataDir: string;
  /** Its database's variables, for a second CMS process on the same database. */
  databaseEnv: Record<string, string>;
  /** Every byte its database holds (TestDatabase's `contents`). */
  databaseContents(): Buffer;
  /** fetch against the CMS, JSON in and out. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary JSON from the API; a wrong path fails the assertion, not the type
  api(pathname: string, init?: { method?: string; body?: unknown; token?: string }): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export interface TestDatabase {
  /** The variables that point the CMS at it. */
  env: Record<string, string>;
  /** Every byte it holds, to search for what must not be stored: the SQLite file and its log, or a PostgreSQL dump. */
  contents(): Buffer;
  drop(): Promise<void>;
}

const readIfThere = (file: string): Buffer => (fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0));

/**
 * A fresh, empty database for one CMS: a SQLite file in `dataDir`, or in the PostgreSQL run
 * (COESIONE_TEST_DATABASE=postgres) a new database on the cluster of support/postgres-setup.ts.
 */
export async function testDatabase(dataDir: string): Promise<TestDatabase> {
  if (process.env.COESIONE_TEST_DATABASE !== 'postgres') {
    const file = path.join(dataDir, 'cms.db');
    return {
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_URL: '', DATABASE_FILENAME: file },
      contents: () => Buffer.concat([readIfThere(file), readIfThere(`${file}-wal`)]),
      drop: async () => {},
    };
  }
  const maintenance = inject('postgresUrl');
  const name = `t_${path.basename(dataDir).replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: maintenance });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(maintenance);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString(), DATABASE_FILENAME: '' },
    contents: () => execFileSync(path.join(postgresBinDir()!, 'pg_dump'), ['--data-only', url.toString()], { maxBuffer: 1 << 30 }),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export { testCmsEnv };

/**
 * `admin`: also serve the admin panel (from cms/dist/build), for tests that open it in Chromium.
 * `from`: a data folder (database and uploads) to start from, copied: see startSeededCms.
 */
export async function startCms(env: Record<string, string> = {}, { admin = false, from }: { admin?: boolean; from?: string } = {}): Promise<TestCms> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-test-'));
  if (from) fs.cpSync(from, dataDir, { recursive: true });
  const port = await freePort();
  const database = await testDatabase(dataDir);
  Object.assign(process.env, { ...testCmsEnv(dataDir, port), ...database.env, ...env });
  const strapi = await loadStrapi(undefined, { serveAdminPanel: admin });
  await strapi.listen();
  const url = `http://127.0.0.1:${port}`;
  return {
    strapi,
    url,
    dataDir,
    databaseEnv: database.env,
    databaseContents: database.contents,
    async api(pathname, init = {}) {
      const res = await send(`${url}${pathname}`, {
        method: init.method ?? 'GET',
        headers: {
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      // Not JSON: the text, so an assertion shows what came back.
      return { status: res.status, body: res.json === undefined ? res.text : res.json };
    },
    async stop() {
      await strapi.destroy();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What a seeded test CMS holds: the demo users or not, and the day the demo's dates are relative to. */
export type SeedChoice = Pick<SeedOptions, 'users' | 'today'>;

/**
 * A CMS holding the demo content, on a database of its own. On SQLite the demo is seeded once per run and
 * choice (into a folder of the run's seed cache, support/global-setup.ts) and each file boots on a copy of
 * it: same rows, same uploads, a tenth of the time. The copy starts with an empty search outbox: a test
 * that searches indexes it (reindexFromCms). On PostgreSQL each file seeds its own database.
 */
export async function startSeededCms(choice: SeedChoice, env: Record<string, string> = {}, options: { admin?: boolean } = {}): Promise<TestCms> {
  if (process.env.COESIONE_TEST_DATABASE === 'postgres') {
    const cms = await startCms(env, options);
    await seed(cms.strapi, choice);
    return cms;
  }
  return startCms(env, { ...options, from: await seededTemplate(choice) });
}

const SEED_INTO = path.join(import.meta.dirname, 'seed-into.ts');

async function seededTemplate(choice: SeedChoice): Promise<string> {
  const dir = path.join(inject('seedCacheDir'), `${choice.users === false ? 'content' : 'content-users'}-${romeDay(choice.today ?? new Date())}`);
  const ready = path.join(dir, '.ready');
  if (fs.existsSync(ready)) return dir;
  // Files in other workers may want the same template: one seeds, the others wait and copy.
  const release = await lock(`${dir}.lock`);
  try {
    if (fs.existsSync(ready)) return dir;
    // In a process of its own: a second Strapi loaded in this thread would find the first one's caches.
    const work = `${dir}.seeding`;
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', SEED_INTO, work, JSON.stringify(choice)], { cwd: CMS_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seeding the demo into ${work} failed (${code}):\n${output.slice(-4000)}`))));
    });
    fs.renameSync(work, dir);
    fs.writeFileSync(ready, '');
    return dir;
  } finally {
    release();
  }
}
