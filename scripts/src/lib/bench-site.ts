/**
 * What the site benchmarks share: the demo content seeded into a throw-away CMS and read as a snapshot,
 * and a production build of the site from a snapshot, timed, in a folder of the benchmark's own.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { takeSnapshot, type Snapshot } from '@coesione/cms-client';
import { SITE_DIR } from './paths.ts';
import { freePort } from './ports.ts';
import { progress } from './progress.ts';
import { reindexFromCms } from './search-setup.ts';
import { astroBuildArgs } from './site-build.ts';
import { ensureCmsBuilt, loadStrapi } from './strapi.ts';
import { seed } from '../seed/seed.ts';

/**
 * The demo content (the seed, no users), as the site build reads it; the CMS's data lives under `work`.
 * With `meili`, the published content is also indexed there, as `npm start` does.
 */
export async function demoSnapshot(work: string, meili?: { url: string; masterKey: string }): Promise<Snapshot> {
  await ensureCmsBuilt();
  Object.assign(process.env, { COESIONE_DATA_DIR: path.join(work, 'cms'), CMS_PORT: String(await freePort()), MEILISEARCH_URL: '', SITE_REBUILD_HOOK_URL: '' });
  const strapi = await loadStrapi();
  try {
    await seed(strapi, { users: false, progress });
    await strapi.listen();
    const cmsUrl = `http://127.0.0.1:${process.env.CMS_PORT}`;
    if (meili) await reindexFromCms({ meiliUrl: meili.url, masterKey: meili.masterKey, cmsUrl });
    return await takeSnapshot(cmsUrl);
  } finally {
    await strapi.destroy();
  }
}

export interface TimedBuild {
  seconds: number;
  /** Every file written, relative to `dir`. */
  files: string[];
  pages: number;
  dir: string;
}

/** `astro build` of `snapshot` into `<work>/<name>-dist`, with `env` on top of the benchmark defaults. */
export function buildSnapshot(snapshot: Snapshot, work: string, name: string, env: Record<string, string> = {}): Promise<TimedBuild> {
  const file = path.join(work, `${name}.json`);
  const dir = path.join(work, `${name}-dist`);
  fs.writeFileSync(file, JSON.stringify(snapshot));
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, astroBuildArgs(), {
      cwd: SITE_DIR,
      env: { ...process.env, NODE_ENV: 'production', SITE_SNAPSHOT: file, SITE_OUT_DIR: dir, SITE_CACHE_DIR: path.join(work, `${name}-cache`), BUILD_NOW: '2026-11-24T10:00:00Z', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`astro build failed: ${errors.slice(-2000)}`));
      const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });
      resolve({ seconds: (Date.now() - started) / 1000, files, pages: files.filter((f) => f.endsWith('.html')).length, dir });
    });
  });
}
