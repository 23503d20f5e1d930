/**
 * `npm run bench:submissions`: valid contributions (a mix of proposals, reports and ratings) POSTed as
 * JSON to real `strapi start` processes (NODE_ENV=production, demo content), at 1 and 20 concurrent
 * clients, in three set-ups (BENCH_SUBMISSIONS_SETUPS, default all): one process on SQLite, one on
 * PostgreSQL, and two on one PostgreSQL with the requests alternating between them as a balancer would.
 * Each request comes from its own address through X-Forwarded-For (TRUST_PROXY on), as real citizens
 * would, so the per-address limit (in the database) is exercised but never reached. Throughput and
 * exact p50/p95/p99; writes bench/results/submissions.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { stopChild, writeResults } from '../lib/bench.ts';
import { benchDatabase, type BenchDatabaseKind } from '../lib/bench-database.ts';
import { CMS_DIR } from '../lib/paths.ts';
import { freePort, waitForUrl } from '../lib/ports.ts';
import { progress } from '../lib/progress.ts';
import { ensureCmsBuilt, loadStrapi, STRAPI_BIN } from '../lib/strapi.ts';
import { seed } from '../seed/seed.ts';
import { citizenAddress, contribution, contributionTargets, type ContributionTargets } from './contributions.ts';
import { runLoad, type LoadResult } from './load.ts';

const REQUESTS = Number(process.env.BENCH_SUBMISSIONS ?? 2000);
const CONCURRENCY = 20;

async function prepare(dataDir: string): Promise<ContributionTargets> {
  process.env.COESIONE_DATA_DIR = dataDir;
  const strapi = await loadStrapi();
  try {
    await seed(strapi, { progress, users: false });
    return await contributionTargets(strapi);
  } finally {
    await strapi.destroy();
  }
}

async function post(bases: string[], ids: ContributionTargets, options: { requests: number; concurrency: number }, offset: number): Promise<LoadResult & { receipts: number; failures?: string[] }> {
  const receipts = new Set<string>();
  /** What came back instead of 201, to say why in the results. */
  const failures: string[] = [];
  const one = (n: number, agent: http.Agent) =>
    new Promise<boolean>((resolve) => {
      const i = offset + n;
      const body = JSON.stringify({ data: contribution(i, ids) });
      const req = http.request(
        `${bases[n % bases.length]}/api/submissions`,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': citizenAddress(i) },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => {
            if (res.statusCode === 201) receipts.add((JSON.parse(text) as { data: { receipt: string } }).data.receipt);
            else failures.push(`${res.statusCode}: ${text.slice(0, 300)}`);
            resolve(res.statusCode === 201);
          });
        },
      );
      req.on('error', (error) => {
        failures.push(`no answer: ${error.message}`);
        resolve(false);
      });
      req.end(body);
    });
  const result = await runLoad(one, options);
  return { ...result, receipts: receipts.size, ...(failures.length > 0 ? { failures: failures.slice(0, 5) } : {}) };
}

const SETUPS: Record<string, { database: BenchDatabaseKind; processes: number }> = {
  sqlite: { database: 'sqlite', processes: 1 },
  postgres: { database: 'postgres', processes: 1 },
  'postgres-x2': { database: 'postgres', processes: 2 },
};

/** One set-up: a fresh database with the demo content, its servers, the two loads, the rows stored. */
async function measure(setup: { database: BenchDatabaseKind; processes: number }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-submissions-'));
  const database = await benchDatabase(setup.database, dataDir);
  const servers: ReturnType<typeof spawn>[] = [];
  try {
    Object.assign(process.env, database.env);
    const ids = await prepare(dataDir);
    const bases: string[] = [];
    // One after the other: the first has made the schema before the second starts.
    for (let i = 0; i < setup.processes; i++) {
      const port = await freePort();
      servers.push(
        spawn(process.execPath, [STRAPI_BIN(), 'start'], {
          cwd: CMS_DIR,
          env: {
            // process.env holds the secrets the seed's Strapi generated (or found): NODE_ENV=production needs them.
            ...process.env, COESIONE_DATA_DIR: dataDir, CMS_PORT: String(port), CMS_STARTUP_LOG: 'false', STRAPI_TELEMETRY_DISABLED: 'true',
            NODE_ENV: 'production', TRUST_PROXY: 'true', SMTP_URL: '', MEILISEARCH_URL: '', MEILI_MASTER_KEY: '',
          },
          stdio: 'ignore',
        }),
      );
      bases.push(`http://127.0.0.1:${port}`);
      await waitForUrl(`${bases[i]}/_health`, 120_000, (s) => s === 204);
    }
    await post(bases, ids, { requests: 100, concurrency: 4 }, 1_000_000); // warm-up
    const results = {
      'c=1': await post(bases, ids, { requests: Math.round(REQUESTS / 4), concurrency: 1 }, 2_000_000),
      [`c=${CONCURRENCY}`]: await post(bases, ids, { requests: REQUESTS, concurrency: CONCURRENCY }, 3_000_000),
    };
    await Promise.all(servers.map(stopChild));
    const strapi = await loadStrapi();
    let stored: number;
    try {
      stored = await strapi.db.query('api::submission.submission').count();
    } finally {
      await strapi.destroy();
    }
    return { results, stored, sent: 100 + Object.values(results).reduce((n, r) => n + r.requests, 0) };
  } finally {
    await Promise.all(servers.map(stopChild));
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const t0 = Date.now();
const built = await ensureCmsBuilt();
const names = (process.env.BENCH_SUBMISSIONS_SETUPS ?? Object.keys(SETUPS).join(',')).split(',').map((n) => n.trim());
for (const name of names) if (!SETUPS[name]) throw new Error(`Unknown set-up "${name}": use ${Object.keys(SETUPS).join(', ')}.`);
console.log(`Coesione bench:submissions — ${REQUESTS} contributi validi, ${CONCURRENCY} client concorrenti; ${names.join(', ')}`);
const setups: Record<string, Awaited<ReturnType<typeof measure>>> = {};
for (const name of names) {
  console.log(`  ${name}…`);
  setups[name] = await measure(SETUPS[name]!);
}
console.table(
  Object.fromEntries(
    Object.entries(setups).flatMap(([name, { results }]) =>
      Object.entries(results).map(([load, r]) => [`${name}, ${load}`, { 'p50 ms': r.p50, 'p95 ms': r.p95, 'p99 ms': r.p99, 'req/s': r.rps, errori: r.errors, ricevute: r.receipts }]),
    ),
  ),
);
for (const [name, { stored, sent }] of Object.entries(setups)) console.log(`  ${name}: contributi salvati ${stored} su ${sent} inviati`);
const file = writeResults('submissions', {
  adminBuiltDuringRun: built,
  mix: 'one third each: proposta, segnalazione (with point and e-mail), valutazione of a published practice',
  setups: Object.fromEntries(names.map((name) => [name, { ...SETUPS[name], ...setups[name] }])),
  totalSeconds: (Date.now() - t0) / 1000,
});
console.log(`Risultati in ${path.relative(process.cwd(), file)}`);
