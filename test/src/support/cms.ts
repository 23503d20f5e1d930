/**
 * A real Strapi for tests: this repository's CMS, loaded in the test process, listening on a free
 * loopback port, on a temporary SQLite file that is deleted afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Core } from '@strapi/strapi';
import { CMS_DIR } from '../../../scripts/src/lib/paths.ts';
import { send } from './http.ts';
import { freePort } from '../../../scripts/src/lib/ports.ts';
import { loadStrapi } from '../../../scripts/src/lib/strapi.ts';

/** A module of the CMS's build (cms/dist/src/…), as the running CMS loads it. */
export function cmsModule<T>(relative: string): T {
  return createRequire(import.meta.url)(path.join(CMS_DIR, 'dist', 'src', `${relative}.js`)) as T;
}

export interface TestCms {
  strapi: Core.Strapi;
  url: string;
  dataDir: string;
  /** fetch against the CMS, JSON in and out. */
  // `any`: assertions walk arbitrary JSON from the API; a wrong path fails the assertion, not the type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  api(pathname: string, init?: { method?: string; body?: unknown; token?: string }): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** `admin`: also serve the admin panel (from cms/dist/build), for tests that open it in Chromium. */
export async function startCms(env: Record<string, string> = {}, { admin = false } = {}): Promise<TestCms> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-test-'));
  const port = await freePort();
  Object.assign(process.env, {
    COESIONE_DATA_DIR: dataDir,
    DATABASE_FILENAME: path.join(dataDir, 'cms.db'),
    CMS_HOST: '127.0.0.1',
    CMS_PORT: String(port),
    CMS_STARTUP_LOG: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
    NODE_ENV: 'test',
    // Search sync only where a test asks for it (test files may share a worker thread's environment).
    MEILISEARCH_URL: '',
    MEILI_MASTER_KEY: '',
    ...env,
  });
  const strapi = await loadStrapi(undefined, { serveAdminPanel: admin });
  await strapi.listen();
  const url = `http://127.0.0.1:${port}`;
  return {
    strapi,
    url,
    dataDir,
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
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
