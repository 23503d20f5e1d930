/**
 * `npm run bench:backup`: what a backup and a restore cost, for the demo content and for the demo content
 * plus BENCH_BACKUP_PRACTICES synthetic practices (10,000 by default, 0 to skip; bench:cms's generator).
 * For each, the seed runs on a fresh SQLite file; then `npm run backup`'s work (strapi export, then the
 * archive read back with the key), the key check alone, a restore onto a fresh SQLite file and onto a fresh
 * PostgreSQL database (when PostgreSQL is installed), and the backup of that PostgreSQL database. Seconds
 * per step, archive size, what was transferred. Prints a table and writes bench/results/backup.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackup, inspectArchive, restoreBackup, type TransferReport } from '../lib/backup.ts';
import { writeResults } from '../lib/bench.ts';
import { postgresBinDir, startPostgres, type PostgresCluster } from '../lib/postgres.ts';
import { ensureCmsBuilt, loadStrapi } from '../lib/strapi.ts';
import { seed } from '../seed/seed.ts';
import { seedSyntheticPractices } from '../seed/synthetic-practices.ts';

const KEY = 'chiave-del-benchmark-dei-backup';
const PRACTICES = Number(process.env.BENCH_BACKUP_PRACTICES ?? 10_000);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-backup-'));

/** Points this process (and the Strapi CLI it starts) at a data folder and a database. */
function target(name: string, databaseUrl?: string): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  Object.assign(process.env, {
    COESIONE_DATA_DIR: dir,
    CMS_PUBLIC_DIR: '',
    DATABASE_CLIENT: databaseUrl ? 'postgres' : 'sqlite',
    DATABASE_URL: databaseUrl ?? '',
    DATABASE_FILENAME: databaseUrl ? '' : path.join(dir, 'cms.db'),
  });
  return dir;
}

const timed = async <T>(run: () => Promise<T>): Promise<{ seconds: number; result: T }> => {
  const start = process.hrtime.bigint();
  const result = await run();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
};

interface Row {
  content: string;
  step: string;
  seconds: number;
  archiveMB?: number;
  entities?: number;
  links?: number;
  assets?: number;
}
const row = (content: string, step: string, seconds: number, report?: TransferReport, bytes?: number): Row => ({
  content,
  step,
  seconds: +seconds.toFixed(1),
  ...(bytes === undefined ? {} : { archiveMB: +(bytes / 2 ** 20).toFixed(2) }),
  ...(report ? { entities: report.counts.entities, links: report.counts.links, assets: report.counts.assets } : {}),
});

/** Seeds one content set on SQLite, then backs it up and restores it every way; `name` prefixes its folders. */
async function measure(content: string, name: string, practices: number, pg: PostgresCluster | undefined): Promise<Row[]> {
  console.log(`  ${content}…`);
  target(`${name}-source`);
  const strapi = await loadStrapi();
  try {
    await seed(strapi);
    if (practices > 0) await seedSyntheticPractices(strapi, practices);
  } finally {
    await strapi.destroy();
  }
  const rows: Row[] = [];
  const backup = await timed(() => createBackup({ key: KEY, file: path.join(work, `${name}-dal-sqlite`) }));
  rows.push(row(content, 'backup (SQLite)', backup.seconds, backup.result, backup.result.bytes));
  const check = await timed(() => inspectArchive(backup.result.file, KEY));
  rows.push(row(content, 'key and integrity check alone', check.seconds));

  target(`${name}-sqlite`);
  const sqlite = await timed(() => restoreBackup({ file: backup.result.file, key: KEY }));
  rows.push(row(content, 'restore onto a fresh SQLite file', sqlite.seconds, sqlite.result));

  if (pg) {
    target(`${name}-postgres`, await pg.createDatabase(`${name}_restored`));
    const postgres = await timed(() => restoreBackup({ file: backup.result.file, key: KEY }));
    rows.push(row(content, 'restore onto PostgreSQL (SQLite → PostgreSQL)', postgres.seconds, postgres.result));
    const again = await timed(() => createBackup({ key: KEY, file: path.join(work, `${name}-dal-postgres`) }));
    rows.push(row(content, 'backup (PostgreSQL)', again.seconds, again.result, again.result.bytes));
  }
  // The next set starts from empty folders: this one's archives and databases are no longer needed.
  for (const dir of fs.readdirSync(work).filter((f) => f.startsWith(`${name}-`))) fs.rmSync(path.join(work, dir), { recursive: true, force: true });
  return rows;
}

let pg: PostgresCluster | undefined;
try {
  console.log(`Coesione bench:backup — backup e ripristino dei contenuti dimostrativi${PRACTICES > 0 ? ` e di ${PRACTICES} buone prassi in più` : ''}`);
  await ensureCmsBuilt();
  Object.assign(process.env, { NODE_ENV: 'test', MEILISEARCH_URL: '', MEILI_MASTER_KEY: '', STRAPI_TELEMETRY_DISABLED: 'true', CMS_STARTUP_LOG: 'false' });
  if (postgresBinDir()) pg = await startPostgres({ durable: true });
  else console.warn('  PostgreSQL non è installato: misuro solo SQLite.');
  const rows = await measure('demo content', 'demo', 0, pg);
  if (PRACTICES > 0) rows.push(...(await measure(`demo + ${PRACTICES} practices`, 'large', PRACTICES, pg)));
  console.table(rows);
  console.log(
    `results: ${writeResults('backup', {
      practices: PRACTICES,
      steps: rows,
      note: 'each Strapi CLI step includes its start-up: TypeScript compile check and a Strapi boot; PostgreSQL durable (fsync on)',
    })}`,
  );
} finally {
  await pg?.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
