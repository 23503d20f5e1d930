/**
 * `npm run bench:backup`: what a backup and a restore cost, for the demo content and for the demo content
 * plus BENCH_BACKUP_PRACTICES synthetic practices (10,000 by default, 0 to skip; bench:cms's generator).
 * For each, the seed runs on a fresh SQLite file; then `npm run backup`'s work (the database's own dump and
 * the uploads into one archive, read back with the key), the key and tag check alone, a restore onto a fresh
 * SQLite file; the portable export and, when PostgreSQL is installed, its restore onto a fresh PostgreSQL
 * database (the migration), a backup of that database and its restore onto another one. Seconds per step,
 * archive size, what was carried. Prints a table and writes bench/results/backup.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackup, createPortableBackup, restoreBackup, verifyArchive, type TransferReport } from '../lib/backup.ts';
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
  /** Uploaded files in the archive. */
  files?: number;
  /** What Strapi's transfer reports (the portable export and its import). */
  entities?: number;
  links?: number;
}
const row = (content: string, step: string, seconds: number, carried: { bytes?: number; files?: number; report?: TransferReport } = {}): Row => ({
  content,
  step,
  seconds: +seconds.toFixed(1),
  ...(carried.bytes === undefined ? {} : { archiveMB: +(carried.bytes / 2 ** 20).toFixed(2) }),
  ...(carried.files === undefined ? {} : { files: carried.files }),
  ...(carried.report ? { entities: carried.report.counts.entities, links: carried.report.counts.links, files: carried.report.counts.assets } : {}),
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
  rows.push(row(content, 'backup (SQLite)', backup.seconds, { bytes: backup.result.bytes, files: backup.result.uploads.files }));
  const check = await timed(() => verifyArchive(backup.result.file, KEY));
  rows.push(row(content, 'key and tag check alone', check.seconds));
  const portable = await timed(() => createPortableBackup({ key: KEY, file: path.join(work, `${name}-portabile`) }));
  rows.push(row(content, 'portable export (SQLite, strapi export)', portable.seconds, { bytes: portable.result.bytes, report: portable.result }));

  target(`${name}-sqlite`);
  const sqlite = await timed(() => restoreBackup({ file: backup.result.file, key: KEY }));
  rows.push(row(content, 'restore onto a fresh SQLite file', sqlite.seconds));

  if (pg) {
    target(`${name}-postgres`, await pg.createDatabase(`${name}_restored`));
    const migration = await timed(() => restoreBackup({ file: portable.result.file, key: KEY }));
    rows.push(row(content, 'portable restore onto PostgreSQL (SQLite → PostgreSQL)', migration.seconds, { report: migration.result.transfer }));
    const again = await timed(() => createBackup({ key: KEY, file: path.join(work, `${name}-dal-postgres`) }));
    rows.push(row(content, 'backup (PostgreSQL)', again.seconds, { bytes: again.result.bytes, files: again.result.uploads.files }));
    target(`${name}-postgres-2`, await pg.createDatabase(`${name}_again`));
    const onto = await timed(() => restoreBackup({ file: again.result.file, key: KEY }));
    rows.push(row(content, 'restore onto another PostgreSQL database', onto.seconds));
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
      note: 'backup and restore: the database\'s own dump (SQLite online backup, pg_dump/pg_restore) and AES-256-GCM (scrypt N=2^17 twice per backup: write and read back); each portable step (Strapi CLI) includes its start-up: TypeScript compile check and a Strapi boot; PostgreSQL durable (fsync on)',
    })}`,
  );
} finally {
  await pg?.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
