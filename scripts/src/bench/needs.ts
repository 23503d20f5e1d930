/**
 * `npm run bench:needs`: the need loop at scale, on a real Strapi (SQLite, demo content and users):
 * a partner's CSV import of 100,000 rows (parse, check, key, store: the figures wait for the next release), the figures
 * recomputed from the ~103,000 records in the database, and the aggregation with disclosure control
 * alone on 100,000 and 1,000,000 records in memory. Writes bench/results/needs.json.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { AGE_BANDS } from '@coesione/model';
import { writeResults } from '../lib/bench.ts';
import { CMS_DIR } from '../lib/paths.ts';
import { progress } from '../lib/progress.ts';
import { ensureCmsBuilt, loadStrapi } from '../lib/strapi.ts';
import { DEMO_USERS, seed } from '../seed/seed.ts';
import { CATEGORIES, COMUNI, needCsv } from './need-csv.ts';

const ROWS = Number(process.env.BENCH_NEED_ROWS ?? 100_000);
/** A need record as the CMS's aggregation reads it (cms/src/features/needs/store.ts). */
interface RecordRow { id: number; month: string; istat: string; ageBand: string; personKey: string | null; organization: number | null; categories: string[] }

/** `n` records in memory, shaped as the database gives them, over eight quarters. */
function records(n: number): RecordRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    month: `${2025 + Math.floor((i % 24) / 12)}-${String(1 + (i % 12)).padStart(2, '0')}`,
    istat: COMUNI[(i * 31) % COMUNI.length]!,
    ageBand: AGE_BANDS[i % 6]!.code,
    personKey: `in:${Math.floor(i / 3)}`,
    organization: 1 + (i % 9),
    categories: [CATEGORIES[i % 14]!, CATEGORIES[(i * 5) % 14]!],
  }));
}

const seconds = async (run: () => Promise<unknown> | unknown) => {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e9;
};

async function main(): Promise<void> {
  await ensureCmsBuilt();
  // The CMS's own aggregation, from its build (CommonJS), as the running CMS loads it.
  // The perturbation's keys as the CMS computes them (an HMAC of the person and its bodies).
  const benchKeys = (person: string, organizations: number[]): [number, number] => {
    const digest = createHmac('sha256', 'bench').update(`${person}\u0000${organizations.join(',')}`).digest();
    return [digest[0]!, digest[1]!];
  };
  const { aggregate } = createRequire(import.meta.url)(path.join(CMS_DIR, 'dist', 'src', 'features', 'needs', 'aggregate.js')) as {
    aggregate(rows: RecordRow[], options: { minCell: number; categories: string[]; cellKeys: (person: string, organizations: number[]) => [number, number] }): unknown[];
  };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-needs-'));
  process.env.COESIONE_DATA_DIR = dataDir;
  process.env.CMS_STARTUP_LOG = 'false';
  const strapi = await loadStrapi();
  const results: Record<string, number> = {};
  try {
    await seed(strapi, { progress });
    const user = (await strapi.db.query('admin::user').findOne({ where: { email: DEMO_USERS.partner.email } })) as { id: number; email: string };
    const ops = strapi.service('api::need-record.need-record') as unknown as {
      importCsv(actor: { id: number; email: string }, bytes: Uint8Array, options: { validOnly: boolean }): Promise<{ stored: number; errors: unknown[] }>;
      computeFigures(): Promise<unknown>;
    };
    const file = Buffer.from(needCsv(ROWS));
    let stored = 0;
    results.importSeconds = await seconds(async () => {
      const report = await ops.importCsv(user, file, { validOnly: false });
      if (report.errors.length > 0) throw new Error(`bench file has errors: ${JSON.stringify(report.errors.slice(0, 3))}`);
      stored = report.stored;
    });
    results.importRows = stored;
    results.importRowsPerSecond = Math.round(stored / results.importSeconds);
    results.databaseRecords = await strapi.db.query('api::need-record.need-record').count();
    results.figuresFromDatabaseSeconds = await seconds(() => ops.computeFigures());
  } finally {
    await strapi.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const categories = CATEGORIES;
  for (const n of [100_000, 1_000_000]) {
    const rows = records(n);
    results[`aggregate${n / 1000}kSeconds`] = await seconds(() => aggregate(rows, { minCell: 5, categories, cellKeys: benchKeys }));
  }
  const table = Object.entries(results).map(([k, v]) => ({ measure: k, value: Number.isInteger(v) ? v : Number(v.toFixed(2)) }));
  console.table(table);
  console.log(`written ${writeResults('needs', results)}`);
}

await main();
process.exit(0);
