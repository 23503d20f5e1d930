/**
 * The database a benchmark runs on: SQLite in its data folder (the default), or a database on a
 * throw-away PostgreSQL cluster (`postgres`), durable as in production (fsync on), so the two compare.
 * `env` points the CMS at it: Object.assign it to process.env before loading Strapi or spawning servers.
 */
import path from 'node:path';
import { startPostgres } from './postgres.ts';

export type BenchDatabaseKind = 'sqlite' | 'postgres';

export interface BenchDatabase {
  kind: BenchDatabaseKind;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export function benchDatabaseKinds(value: string | undefined, fallback: BenchDatabaseKind[]): BenchDatabaseKind[] {
  const kinds = (value ?? fallback.join(',')).split(',').map((k) => k.trim()).filter(Boolean);
  for (const kind of kinds) if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`Unknown database "${kind}": use sqlite or postgres.`);
  return kinds as BenchDatabaseKind[];
}

export async function benchDatabase(kind: BenchDatabaseKind, dataDir: string): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    return { kind, env: { DATABASE_CLIENT: 'sqlite', DATABASE_URL: '', DATABASE_FILENAME: path.join(dataDir, 'cms.db') }, stop: async () => {} };
  }
  const cluster = await startPostgres({ durable: true });
  const url = await cluster.createDatabase('coesione_bench');
  return { kind, env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url, DATABASE_FILENAME: '' }, stop: () => cluster.stop() };
}
