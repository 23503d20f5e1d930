/**
 * A real Strapi for tests: this repository's CMS, loaded in the test process, listening on a free
 * loopback port, on a temporary SQLite file — or, in the PostgreSQL run, a database of its own on the
 * throw-away cluster — deleted afterwards.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Core } from '@strapi/strapi';
import pg from 'pg';
import { inject } from 'vitest';
import { CMS_DIR } from '../../../scripts/src/lib/paths.ts';
import { send } from './http.ts';
import { freePort } from '../../../scripts/src/lib/ports.ts';
import { postgresBinDir } from '../../../scripts/src/lib/postgres.ts';
import { loadStrapi } from '../../../scripts/src/lib/strapi.ts';

/** A module of the CMS's build (cms/dist/src/…), as the running CMS loads it. */
export function cmsModule<T>(relative: string): T {
  return createRequire(import.meta.url)(path.join(CMS_DIR, 'dist', 'src', `${relative}.js`)) as T;
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
  // `any`: assertions walk arbitrary JSON from the API; a wrong path fails the assertion, not the type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
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

/** What every test CMS runs with, in process or as its own process: loopback, quiet, no search sync unless asked. */
export const testCmsEnv = (dataDir: string, port: number): Record<string, string> => ({
  COESIONE_DATA_DIR: dataDir,
  CMS_HOST: '127.0.0.1',
  CMS_PORT: String(port),
  CMS_STARTUP_LOG: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  NODE_ENV: 'test',
  // Search sync only where a test asks for it (test files may share a worker thread's environment).
  MEILISEARCH_URL: '',
  MEILI_MASTER_KEY: '',
});

/** `admin`: also serve the admin panel (from cms/dist/build), for tests that open it in Chromium. */
export async function startCms(env: Record<string, string> = {}, { admin = false } = {}): Promise<TestCms> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-test-'));
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
