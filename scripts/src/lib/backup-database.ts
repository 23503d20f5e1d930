/**
 * The CMS's database as backup and restore see it: which one the CMS is configured with (its own
 * cms/config/database.ts, built, read from this environment as Strapi reads it), the database's own dump
 * and load, what it holds, and whether something still has it open.
 *
 * - SQLite: the online backup API (better-sqlite3's `backup`, the CMS's own driver) copies the file page by
 *   page while the CMS may keep writing, then gzip (a file of pages is mostly slack: about a fifth of it is
 *   left); a restore puts the copy in place of the file in one rename.
 * - PostgreSQL: `pg_dump --format=custom` (one consistent snapshot while the CMS runs) and `pg_restore
 *   --clean --if-exists --no-owner --no-privileges --single-transaction`: all or nothing. The connection
 *   reaches them through libpq's variables (PGHOST, PGPASSWORD…), never on a command line `ps` shows.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Knex } from 'knex';
import pg from 'pg';
import { BackupError } from './backup-error.ts';
import { CMS_DIR } from './paths.ts';

const require = createRequire(import.meta.url);
/** Packages of the CMS's dependency tree (Strapi's own, knex, better-sqlite3), resolved from the CMS as it resolves them. */
export const cmsRequire = <T>(name: string): T => require(require.resolve(name, { paths: [CMS_DIR] })) as T;

export type DatabaseClient = 'sqlite' | 'postgres';

/** The connection as the CMS hands it to node-postgres. */
export interface PgConnection {
  connectionString?: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  ssl?: false | { rejectUnauthorized?: boolean };
  schema?: string;
}

export interface CmsDatabase {
  client: DatabaseClient;
  /** For messages: the file, or host:port/database (never a password). */
  label: string;
  /** SQLite: the database file. */
  filename: string;
  /** PostgreSQL: the CMS's connection settings. */
  connection: PgConnection;
}

/** Where each database's dump sits in the archive. */
export const DUMP_PATH: Record<DatabaseClient, string> = { sqlite: 'database/cms.sqlite.gz', postgres: 'database/cms.pgdump' };
export const CLIENT_NAME: Record<DatabaseClient, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

type StrapiEnv = (name: string, fallback?: unknown) => unknown;
interface DatabaseConfig {
  connection: { client: string; connection: PgConnection & { filename?: string } };
}

/** The database the CMS is configured with: its built config, read with this process's environment. */
export function cmsDatabase(): CmsDatabase {
  const config = require(path.join(CMS_DIR, 'dist', 'config', 'database.js')) as { default: (params: { env: StrapiEnv }) => DatabaseConfig };
  const { client, connection } = config.default({ env: cmsRequire<{ env: StrapiEnv }>('@strapi/utils').env }).connection;
  if (client === 'sqlite') return { client, label: `SQLite ${connection.filename}`, filename: connection.filename ?? '', connection: {} };
  const env = libpqEnv(connection);
  return { client: 'postgres', label: `PostgreSQL ${env.PGHOST ?? 'localhost'}:${env.PGPORT ?? 5432}/${env.PGDATABASE ?? ''}`, filename: '', connection };
}

/**
 * The connection as libpq's variables, as node-postgres reads it: the fields, then what DATABASE_URL says
 * (which wins), its query's libpq parameters, and the CMS's TLS choice when the URL makes none.
 */
export function libpqEnv(c: PgConnection): Record<string, string> {
  const env: Record<string, string> = {};
  const set = (name: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '') env[name] = String(value);
  };
  set('PGHOST', c.host);
  set('PGPORT', c.port);
  set('PGDATABASE', c.database);
  set('PGUSER', c.user);
  set('PGPASSWORD', c.password);
  if (c.connectionString) {
    const url = new URL(c.connectionString);
    set('PGHOST', decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1'));
    set('PGPORT', url.port);
    set('PGUSER', decodeURIComponent(url.username));
    set('PGPASSWORD', decodeURIComponent(url.password));
    set('PGDATABASE', decodeURIComponent(url.pathname.slice(1)));
    const names: Record<string, string> = { host: 'PGHOST', port: 'PGPORT', user: 'PGUSER', password: 'PGPASSWORD', dbname: 'PGDATABASE', sslmode: 'PGSSLMODE', sslrootcert: 'PGSSLROOTCERT', sslcert: 'PGSSLCERT', sslkey: 'PGSSLKEY', application_name: 'PGAPPNAME' };
    for (const [key, value] of url.searchParams) if (names[key]) set(names[key], value);
    if (!env.PGSSLMODE && ['true', '1'].includes(url.searchParams.get('ssl') ?? '')) env.PGSSLMODE = 'require';
  }
  // node-postgres with `rejectUnauthorized` checks the certificate and the host name: libpq's verify-full
  // (which wants the authority's certificate in PGSSLROOTCERT or ~/.postgresql/root.crt).
  if (c.ssl && !env.PGSSLMODE) env.PGSSLMODE = c.ssl.rejectUnauthorized === false ? 'require' : 'verify-full';
  return env;
}

/** A libpq connection string naming only the database: the rest comes from the variables. */
const dbnameArg = (name: string): string => `--dbname=dbname='${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** pg_dump or pg_restore: from PATH, else from Debian's PostgreSQL packages (newest major first). */
function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const executable = (file: string) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  };
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  const root = '/usr/lib/postgresql';
  const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const major of majors) if (executable(path.join(root, major, 'bin', name))) return path.join(root, major, 'bin', name);
  throw new BackupError(`${name} non è installato: serve il client di PostgreSQL della versione del server o più recente (Debian: apt-get install postgresql-client).`);
}

function runPgTool(name: 'pg_dump' | 'pg_restore', args: string[], connection: PgConnection): Promise<void> {
  const bin = pgTool(name);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, ...libpqEnv(connection) }, stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child.on('error', (error) => reject(new BackupError(`${name} non è partito (${error.message}).`, { cause: error })));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${name} non è riuscito (codice ${code}):\n${output.trim().split('\n').slice(-15).join('\n')}`))));
  });
}

interface SqliteDatabase {
  backup(file: string, options?: { progress?: (info: { totalPages: number; remainingPages: number }) => number }): Promise<unknown>;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): void;
}
type SqliteConstructor = new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => SqliteDatabase;

/** The database's own dump into `dest` (a new file). */
export async function dumpDatabase(db: CmsDatabase, dest: string): Promise<void> {
  if (db.client === 'postgres') return runPgTool('pg_dump', ['--format=custom', '--no-password', `--file=${dest}`, dbnameArg(libpqEnv(db.connection).PGDATABASE ?? '')], db.connection);
  if (!fs.statSync(db.filename, { throwIfNoEntry: false })?.isFile()) throw new BackupError(`Il database SQLite ${db.filename} non esiste o non è un file: non c’è niente da salvare (controlla DATABASE_FILENAME e COESIONE_DATA_DIR).`);
  const Database = cmsRequire<SqliteConstructor>('better-sqlite3');
  const source = new Database(db.filename, { readonly: true, fileMustExist: true });
  const pages = `${dest}.sqlite`;
  try {
    try {
      // 4,096 pages (16 MB) a step: the CMS may write between steps (the copy then starts again), never waits long.
      await source.backup(pages, { progress: () => 4096 });
    } finally {
      source.close();
    }
    const copy = new Database(pages, { readonly: true });
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new BackupError(`La copia del database SQLite non supera il controllo di integrità (${String(check)}): il file ${db.filename} è danneggiato.`);
    } finally {
      copy.close();
    }
    await pipeline(fs.createReadStream(pages), createGzip(), fs.createWriteStream(dest, { flags: 'wx', mode: 0o600 }));
  } finally {
    fs.rmSync(pages, { force: true });
  }
}

/** Moves a file, copying it when the two folders are on different file systems. */
export function moveFile(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.cpSync(from, to, { recursive: true, errorOnExist: true, force: false });
    fs.rmSync(from, { recursive: true, force: true });
  }
}

/** Replaces the database with `dump` (what dumpDatabase wrote): one rename for SQLite, one transaction for PostgreSQL. */
export async function loadDatabase(db: CmsDatabase, dump: string): Promise<void> {
  if (db.client === 'postgres') {
    return runPgTool(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', '--no-password', dbnameArg(libpqEnv(db.connection).PGDATABASE ?? ''), dump],
      db.connection,
    );
  }
  fs.mkdirSync(path.dirname(db.filename), { recursive: true });
  // Beside the target first, so the last step is a rename.
  const incoming = `${db.filename}.ripristino-${process.pid}`;
  try {
    await pipeline(fs.createReadStream(dump), createGunzip(), fs.createWriteStream(incoming, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    fs.rmSync(incoming, { force: true });
    throw error;
  }
  // A log or journal left by the old file would be replayed onto the new one: gone before the rename.
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${db.filename}${suffix}`, { force: true });
  fs.renameSync(incoming, db.filename);
}

/** Rows per content type, for the types that hold content (`api::…` and the media library), where there are any. */
export async function databaseContent(db: CmsDatabase): Promise<Record<string, number>> {
  // An SQLite file that does not exist yet is empty; opening it would create it.
  if (db.client === 'sqlite' && !fs.existsSync(db.filename)) return {};
  const knex = cmsRequire<(config: Knex.Config) => Knex>('knex')(
    db.client === 'sqlite'
      ? { client: 'better-sqlite3', connection: { filename: db.filename, options: { readonly: true } }, useNullAsDefault: true }
      : { client: 'pg', connection: db.connection as Knex.PgConnectionConfig, pool: { min: 0, max: 1 } },
  );
  const schema = db.client === 'sqlite' ? undefined : (db.connection.schema ?? 'public');
  const table = (name: string) => (schema ? knex.withSchema(schema).from(name) : knex.from(name));
  const hasTable = (name: string) => (schema ? knex.schema.withSchema(schema).hasTable(name) : knex.schema.hasTable(name));
  try {
    // Strapi keeps the content types it last synchronised, with their tables, in its core store.
    if (!(await hasTable('strapi_core_store_settings'))) return {};
    const row = (await table('strapi_core_store_settings').where({ key: 'strapi_content_types_schema' }).first('value')) as { value?: string } | undefined;
    if (!row?.value) return {};
    const types = JSON.parse(row.value) as Record<string, { collectionName?: string }>;
    const content: Record<string, number> = {};
    for (const [uid, type] of Object.entries(types)) {
      if (!(uid.startsWith('api::') || uid === 'plugin::upload.file') || !type.collectionName || !(await hasTable(type.collectionName))) continue;
      const [{ n }] = (await table(type.collectionName).count({ n: '*' })) as [{ n: number | string }];
      if (Number(n) > 0) content[uid] = Number(n);
    }
    return content;
  } finally {
    await knex.destroy();
  }
}

/** The processes that hold `file` open, as `pid (command)`; none where /proc is not there to ask (not Linux). */
function processesHolding(file: string): string[] {
  if (!fs.existsSync('/proc/self/fd')) return [];
  const target = fs.realpathSync(file);
  const holders: string[] = [];
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    const holds = fds.some((fd) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === target;
      } catch {
        return false;
      }
    });
    if (!holds) continue;
    const command = (() => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+/g, ' ').trim().slice(0, 80);
      } catch {
        return '?';
      }
    })();
    holders.push(`${pid} (${command})`);
  }
  return holders;
}

/**
 * What still uses the database, in words, or undefined: the processes holding the SQLite file open, or
 * the other sessions on the PostgreSQL database (a session that just closed may linger a moment: asked
 * again for up to 3 s).
 */
export async function databaseInUse(db: CmsDatabase): Promise<string | undefined> {
  if (db.client === 'sqlite') {
    if (!fs.existsSync(db.filename)) return undefined;
    const holders = processesHolding(db.filename);
    return holders.length > 0 ? `il file ${db.filename} è aperto dal processo ${holders.join(', ')}` : undefined;
  }
  const client = new pg.Client(db.connection as pg.ClientConfig);
  await client.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      const { rows } = await client.query<{ n: number; who: string | null }>(
        "SELECT count(*)::int AS n, string_agg(DISTINCT coalesce(nullif(application_name, ''), host(client_addr), 'socket locale'), ', ') AS who " +
          "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
      );
      const { n, who } = rows[0] ?? { n: 0, who: null };
      if (n === 0) return undefined;
      if (attempt >= 12) return `al database ${db.label} ${n === 1 ? 'è collegata un’altra sessione' : `sono collegate ${n} altre sessioni`} (${who ?? '?'})`;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await client.end();
  }
}
