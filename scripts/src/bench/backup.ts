/**
 * `npm run bench:backup`: what a backup and a restore cost for the demo content. The seed runs on a fresh
 * SQLite file; then `npm run backup`'s work (strapi export, then the archive read back with the key), the
 * key check alone, a restore onto a fresh SQLite file and onto a fresh PostgreSQL database (when PostgreSQL is
 * installed), and the backup of that PostgreSQL database. Seconds per step, archive size, what was
 * transferred. Prints a table and writes bench/results/backup.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackup, inspectArchive, restoreBackup, type TransferReport } from '../lib/backup.ts';
import { writeResults } from '../lib/bench.ts';
import { postgresBinDir, startPostgres, type PostgresCluster } from '../lib/postgres.ts';
import { ensureCmsBuilt, loadStrapi } from '../lib/strapi.ts';
import { seed } from '../seed/seed.ts';

const KEY = 'chiave-del-benchmark-dei-backup';
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
  step: string;
  seconds: number;
  archiveMB?: number;
  entities?: number;
  links?: number;
  assets?: number;
}
const row = (step: string, seconds: number, report?: TransferReport, bytes?: number): Row => ({
  step,
  seconds: +seconds.toFixed(1),
  ...(bytes === undefined ? {} : { archiveMB: +(bytes / 2 ** 20).toFixed(2) }),
  ...(report ? { entities: report.counts.entities, links: report.counts.links, assets: report.counts.assets } : {}),
});

let pg: PostgresCluster | undefined;
try {
  console.log('Coesione bench:backup — backup e ripristino dei contenuti dimostrativi');
  await ensureCmsBuilt();
  Object.assign(process.env, { NODE_ENV: 'test', MEILISEARCH_URL: '', MEILI_MASTER_KEY: '', STRAPI_TELEMETRY_DISABLED: 'true', CMS_STARTUP_LOG: 'false' });
  target('source');
  const strapi = await loadStrapi();
  await seed(strapi);
  await strapi.destroy();

  const rows: Row[] = [];
  const backup = await timed(() => createBackup({ key: KEY, file: path.join(work, 'dal-sqlite') }));
  rows.push(row('backup (SQLite)', backup.seconds, backup.result, backup.result.bytes));
  const check = await timed(() => inspectArchive(backup.result.file, KEY));
  rows.push(row('key and integrity check alone', check.seconds));

  target('sqlite');
  const sqlite = await timed(() => restoreBackup({ file: backup.result.file, key: KEY }));
  rows.push(row('restore onto a fresh SQLite file', sqlite.seconds, sqlite.result));

  if (postgresBinDir()) {
    pg = await startPostgres();
    target('postgres', await pg.createDatabase('restored'));
    const postgres = await timed(() => restoreBackup({ file: backup.result.file, key: KEY }));
    rows.push(row('restore onto PostgreSQL (SQLite → PostgreSQL)', postgres.seconds, postgres.result));
    const again = await timed(() => createBackup({ key: KEY, file: path.join(work, 'dal-postgres') }));
    rows.push(row('backup (PostgreSQL)', again.seconds, again.result, again.result.bytes));
  } else {
    console.warn('  PostgreSQL non è installato: misuro solo SQLite.');
  }

  console.table(rows);
  console.log(`results: ${writeResults('backup', { steps: rows, note: 'each Strapi CLI step includes its start-up: TypeScript compile check and a Strapi boot' })}`);
} finally {
  await pg?.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
