/**
 * `npm run bench:cms`: 10,000 synthetic practices seeded through the document service, then REST
 * list and detail-by-slug latency from a loopback load generator against `strapi start`, then the
 * time of a cold and a warm `npm start` to all three URLs up. Prints a table, writes bench/results/cms.json.
 * BENCH_CMS_DATABASE=postgres: the same on a throw-away PostgreSQL cluster (fsync on), without the
 * `npm start` timings (npm start is SQLite's); writes bench/results/cms-postgres.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopChild, writeResults } from '../lib/bench.ts';
import { benchDatabase, benchDatabaseKinds } from '../lib/bench-database.ts';
import { CMS_DIR, ROOT } from '../lib/paths.ts';
import { freePort, waitForUrl } from '../lib/ports.ts';
import { progress } from '../lib/progress.ts';
import { ensureCmsBuilt, loadStrapi, packageFile, STRAPI_BIN } from '../lib/strapi.ts';
import { seed } from '../seed/seed.ts';
import { seedSyntheticPractices } from '../seed/synthetic-practices.ts';
import { load, type LoadResult } from './load.ts';

const [DATABASE = 'sqlite'] = benchDatabaseKinds(process.env.BENCH_CMS_DATABASE, ['sqlite']);
const COUNT = Number(process.env.BENCH_PRACTICES ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);

async function seedSynthetic(dataDir: string): Promise<{ slugs: string[]; seconds: number }> {
  process.env.COESIONE_DATA_DIR = dataDir;
  const strapi = await loadStrapi();
  try {
    await seed(strapi, { progress, users: false });
    return await seedSyntheticPractices(strapi, COUNT);
  } finally {
    await strapi.destroy();
  }
}

async function measureRest(dataDir: string, slugs: string[]): Promise<Record<string, LoadResult>> {
  const port = await freePort();
  const server = spawn(process.execPath, [STRAPI_BIN(), 'start'], {
    cwd: CMS_DIR,
    env: { ...process.env, COESIONE_DATA_DIR: dataDir, CMS_PORT: String(port), CMS_STARTUP_LOG: 'false', STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production', ...secretsOf(dataDir) },
    stdio: 'ignore',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForUrl(`${base}/_health`, 120_000, (s) => s === 204);
    const pages = Math.ceil(slugs.length / 25);
    const list = (i: number) => `${base}/api/practices?pagination[page]=${1 + ((i * 7919) % pages)}&pagination[pageSize]=25`;
    const detail = (i: number) => `${base}/api/practices?filters[slug][$eq]=${slugs[(i * 104729) % slugs.length]}`;
    await load(list, { requests: 100, concurrency: 4 });
    await load(detail, { requests: 100, concurrency: 4 });
    return {
      'list pageSize=25, c=1': await load(list, { requests: REQUESTS / 2, concurrency: 1 }),
      'list pageSize=25, c=8': await load(list, { requests: REQUESTS, concurrency: 8 }),
      'detail by slug, c=1': await load(detail, { requests: REQUESTS / 2, concurrency: 1 }),
      'detail by slug, c=8': await load(detail, { requests: REQUESTS, concurrency: 8 }),
    };
  } finally {
    await stopChild(server);
  }
}

/** The generated local secrets, passed explicitly so the server can run with NODE_ENV=production. */
function secretsOf(dataDir: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(dataDir, 'cms-secrets.json'), 'utf8')) as Record<string, string>;
}

async function timeStart(dataDir: string): Promise<number> {
  const [site, cms, meili] = [await freePort(), await freePort(), await freePort()];
  const t0 = Date.now();
  const child = spawn(process.execPath, [packageFile('tsx', 'dist/cli.mjs', ROOT), path.join(ROOT, 'scripts/src/start.ts')], {
    cwd: ROOT,
    env: { ...process.env, COESIONE_DATA_DIR: dataDir, SITE_PORT: String(site), CMS_PORT: String(cms), MEILI_PORT: String(meili) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  try {
    await Promise.all([
      waitForUrl(`http://127.0.0.1:${site}/`, 180_000),
      waitForUrl(`http://127.0.0.1:${cms}/_health`, 180_000, (s) => s === 204),
      waitForUrl(`http://127.0.0.1:${meili}/health`, 180_000),
    ]);
    return (Date.now() - t0) / 1000;
  } catch (error) {
    throw new Error(`npm start did not bring every URL up:\n${output}`, { cause: error });
  } finally {
    await stopChild(child);
  }
}

const t0 = Date.now();
const built = await ensureCmsBuilt();
const benchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-cms-'));
const startDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-start-'));
const database = await benchDatabase(DATABASE, benchDir);
try {
  console.log(`Coesione bench:cms — ${COUNT} buone prassi sintetiche, ${REQUESTS} richieste per misura, ${DATABASE}`);
  Object.assign(process.env, database.env);
  const { slugs, seconds } = await seedSynthetic(benchDir);
  const rest = await measureRest(benchDir, slugs);
  let start: { coldSeconds: number; warmSeconds: number; note: string } | undefined;
  if (DATABASE === 'sqlite') {
    // npm start runs on its own SQLite in startDir, whatever the benchmark's database.
    for (const name of Object.keys(database.env)) delete process.env[name];
    console.log('  npm start a freddo (dati vuoti: seed dei contenuti dimostrativi)…');
    const cold = await timeStart(startDir);
    console.log('  npm start a caldo…');
    const warm = await timeStart(startDir);
    start = { coldSeconds: cold, warmSeconds: warm, note: 'cold = empty .data (seeds the demo content); CMS admin already built' };
  }
  const table = Object.fromEntries(Object.entries(rest).map(([k, r]) => [k, { 'p50 ms': r.p50, 'p95 ms': r.p95, 'p99 ms': r.p99, 'req/s': r.rps, errori: r.errors }]));
  console.table(table);
  console.table({
    'seed sintetico (documenti/s)': { valore: +(COUNT / seconds).toFixed(1) },
    ...(start ? { 'npm start a freddo (s)': { valore: start.coldSeconds }, 'npm start a caldo (s)': { valore: start.warmSeconds } } : {}),
  });
  const file = writeResults(DATABASE === 'sqlite' ? 'cms' : 'cms-postgres', {
    practices: COUNT,
    database: DATABASE,
    adminBuiltDuringRun: built,
    syntheticSeed: { documents: COUNT, seconds, perSecond: +(COUNT / seconds).toFixed(1) },
    rest,
    ...(start ? { start } : {}),
    targets: { listP95Ms: 50 },
    totalSeconds: (Date.now() - t0) / 1000,
  });
  console.log(`Risultati in ${path.relative(process.cwd(), file)}`);
} finally {
  await database.stop();
  fs.rmSync(benchDir, { recursive: true, force: true });
  fs.rmSync(startDir, { recursive: true, force: true });
}
