/**
 * Backup and restore of the CMS with Strapi 5's own data transfer, run as child processes on the CMS build
 * with this process's environment (COESIONE_DATA_DIR, DATABASE_URL / DATABASE_FILENAME, …):
 *
 * - `strapi export` writes one archive, `<name>.tar.gz.enc`: every content type with its drafts, private fields
 *   and relations, the media library and its files, the users-permissions roles, the core store (admin layouts,
 *   plugin settings) and the webhooks; gzip, then aes-128-ecb with a key derived (scrypt) from BACKUP_KEY.
 * - `strapi import --force` first deletes whatever the target holds, then writes the archive: `restoreBackup`
 *   refuses a target that already has content unless asked to replace it.
 *
 * Strapi leaves out every `admin::` type (admin users and roles, API and transfer tokens) and content releases;
 * the CMS secrets and the search index are not in the database at all (see NOT_IN_ARCHIVE).
 *
 * The key reaches the CLI neither on its command line (every local user can read that in `ps`) nor in a file:
 * a preload module moves it from the child's environment into its `process.argv`.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Knex } from 'knex';
import { reindexFromCms } from './search-setup.ts';
import { CMS_DIR, dataDir, ROOT } from './paths.ts';
import { freePort } from './ports.ts';
import { loadStrapi, STRAPI_BIN } from './strapi.ts';

export class BackupError extends Error {
  override name = 'BackupError';
}

export const KEY_MIN_LENGTH = 16;
/** What `strapi export` appends to the name it is given (tar, then gzip, then encryption). */
export const ARCHIVE_SUFFIX = '.tar.gz.enc';

/** For the operator, after a backup: what the archive does not carry (docs/operations.md, «Backup e ripristino», says more). */
export const NOT_IN_ARCHIVE =
  'utenti e ruoli del pannello di amministrazione, token API e di trasferimento, segreti del CMS (`.data/cms-secrets.json` o le variabili d’ambiente), indice di ricerca, file su un provider di upload esterno (S3)';

/** For the operator, after a restore: what to do by hand, because the archive does not carry it. */
export const AFTER_RESTORE = [
  'utenti del pannello: crea il primo amministratore da /admin (o con `npm run strapi -w cms -- admin:create-user`) e reinvita redazione e partner; gli account partner (e-mail → ente) sono nell’archivio, quindi un partner reinvitato con la stessa e-mail ritrova il suo ente',
  'token API e di trasferimento: ricreali',
  'segreti del CMS: riporta quelli del server di origine (`.data/cms-secrets.json`, o in produzione APP_KEYS, ADMIN_JWT_SECRET, API_TOKEN_SALT, TRANSFER_TOKEN_SALT, JWT_SECRET, ENCRYPTION_KEY, SUBMISSION_SALT, NEED_KEY_SECRET) prima di avviare il CMS: con un altro NEED_KEY_SECRET le nuove schede di bisogno non si collegano più alle persone già registrate',
];

const require = createRequire(import.meta.url);
/** Packages of the CMS's dependency tree (Strapi's own, knex), resolved from the CMS as it resolves them. */
const cmsRequire = <T>(name: string): T => require(require.resolve(name, { paths: [CMS_DIR] })) as T;

/** Reads the `.env` files as `npm start` and Strapi do: the repository's, then the CMS's; the environment wins. */
export function loadEnvFiles(): void {
  for (const file of [path.join(ROOT, '.env'), path.join(CMS_DIR, '.env')]) if (fs.existsSync(file)) process.loadEnvFile(file);
}

/** BACKUP_KEY, or a BackupError saying what to do. */
export function backupKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.BACKUP_KEY ?? '';
  const hint = 'per esempio `openssl rand -base64 32`, e conservala fuori dal server, separata dai backup';
  if (key === '') throw new BackupError(`Backup e ripristino: manca la chiave di cifratura. Imposta BACKUP_KEY (almeno ${KEY_MIN_LENGTH} caratteri; ${hint}).`);
  const length = [...key].length;
  if (length < KEY_MIN_LENGTH) throw new BackupError(`Backup e ripristino: BACKUP_KEY è troppo corta (${length} caratteri, ne servono almeno ${KEY_MIN_LENGTH}; ${hint}).`);
  return key;
}

/** A path the operator typed, relative to where they typed it (npm runs scripts from the root and says where in INIT_CWD). */
export const operatorPath = (file: string): string => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);

/** `<dir>/coesione-YYYYMMDD-HHMMSS.tar.gz.enc`, in Rome time. */
export function defaultArchivePath(now = new Date(), dir = path.join(dataDir(), 'backups')): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return path.join(dir, `coesione-${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}${parts.second}${ARCHIVE_SUFFIX}`);
}

/** The archive's path for a name with or without its extensions (Strapi adds them itself). */
export const archivePath = (file: string): string => `${operatorPath(file).replace(/(\.tar)?(\.gz)?(\.enc)?$/, '')}${ARCHIVE_SUFFIX}`;

// --- the archive -------------------------------------------------------------------------------------

export interface ArchiveInfo {
  file: string;
  bytes: number;
  /** From the archive's metadata.json: when the export ran, and the Strapi that wrote it. */
  createdAt: string;
  strapiVersion: string;
  /** Files in the archive per section: schemas, entities, links, configuration, assets (upload files and their metadata). */
  sections: Record<string, number>;
}

/** The names and sizes of a tar stream's entries, and the bytes of `capture` (small files). */
class TarIndex extends Writable {
  readonly sections: Record<string, number> = {};
  readonly captured = new Map<string, Buffer>();
  bytes = 0;
  #pending: Buffer = Buffer.alloc(0);
  #body = 0;
  #data = 0;
  #capture: { name: string; parts: Buffer[] } | undefined;
  #first = true;

  constructor(private readonly capture: (name: string) => boolean) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error) => void): void {
    this.bytes += chunk.length;
    this.#pending = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    try {
      this.#consume();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  #consume(): void {
    for (;;) {
      if (this.#body > 0) {
        const take = Math.min(this.#body, this.#pending.length);
        if (take === 0) return;
        const data = Math.min(take, this.#data);
        if (this.#capture && data > 0) this.#capture.parts.push(this.#pending.subarray(0, data));
        this.#data -= data;
        this.#body -= take;
        this.#pending = this.#pending.subarray(take);
        if (this.#body === 0 && this.#capture) {
          this.captured.set(this.#capture.name, Buffer.concat(this.#capture.parts));
          this.#capture = undefined;
        }
        continue;
      }
      if (this.#pending.length < 512) return;
      const header = this.#pending.subarray(0, 512);
      this.#pending = this.#pending.subarray(512);
      if (header.every((b) => b === 0)) continue; // the two zero blocks that end the archive
      const text = (start: number, length: number) => header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
      if (this.#first && text(257, 5) !== 'ustar') throw new Error('not a tar archive');
      this.#first = false;
      const name = [text(345, 155), text(0, 100)].filter(Boolean).join('/');
      const size = parseInt(text(124, 12).trim() || '0', 8);
      const type = text(156, 1) || '0';
      if (type === '0') {
        const section = name.split('/')[0] ?? '';
        this.sections[section] = (this.sections[section] ?? 0) + 1;
        if (this.capture(name)) this.#capture = { name, parts: [] };
      }
      this.#data = size;
      this.#body = Math.ceil(size / 512) * 512;
      if (this.#body === 0 && this.#capture) {
        this.captured.set(this.#capture.name, Buffer.alloc(0));
        this.#capture = undefined;
      }
    }
  }
}

type Decipher = NodeJS.ReadWriteStream;
const decryptionCipher = (key: string): Decipher =>
  cmsRequire<{ utils: { encryption: { createDecryptionCipher(key: string): Decipher } } }>('@strapi/data-transfer').utils.encryption.createDecryptionCipher(key);

/**
 * Reads the whole archive through the same decryption `strapi import` uses, gunzip and a tar index: a wrong
 * key, a truncated or damaged file, or a file that is not a Strapi export fails here, before the target
 * database is touched.
 */
export async function inspectArchive(file: string, key: string): Promise<ArchiveInfo> {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new BackupError(`L’archivio ${file} non esiste.`);
  // `strapi import` reads the format from the name: what `npm run backup` writes ends so.
  if (!file.endsWith(ARCHIVE_SUFFIX)) throw new BackupError(`${file}: un archivio di npm run backup finisce con ${ARCHIVE_SUFFIX}.`);
  const index = new TarIndex((name) => name === 'metadata.json');
  try {
    await pipeline(fs.createReadStream(file), decryptionCipher(key), createGunzip(), index);
  } catch (error) {
    // With another key the first block already decrypts to something that is not gzip: nothing reaches the index.
    if (index.bytes === 0) {
      throw new BackupError(`La chiave BACKUP_KEY non apre ${file}: è un’altra chiave, o il file non è un backup di Coesione. Nulla è stato modificato.`, { cause: error });
    }
    throw new BackupError(`L’archivio ${file} è danneggiato o incompleto (${(error as Error).message}). Nulla è stato modificato.`, { cause: error });
  }
  const metadata = index.captured.get('metadata.json');
  if (!metadata || !index.sections.entities || !index.sections.schemas) {
    throw new BackupError(`${file} si apre con la chiave ma non è un export di Strapi (manca metadata.json, entities/ o schemas/).`);
  }
  const meta = JSON.parse(metadata.toString('utf8')) as { createdAt?: string; strapi?: { version?: string } };
  return { file, bytes: stat.size, createdAt: meta.createdAt ?? '', strapiVersion: meta.strapi?.version ?? '', sections: index.sections };
}

// --- the Strapi CLI ----------------------------------------------------------------------------------

/** Runs before the CLI: moves BACKUP_KEY from the environment to `--key` in process.argv, which `ps` does not show. */
const KEY_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "const k = process.env.BACKUP_KEY; delete process.env.BACKUP_KEY; if (k) process.argv.push('--key', k);",
)}`;

export interface TransferReport {
  /** What the CLI reports it transferred: entities, assets, links, configuration. */
  counts: Record<string, number>;
  /** Its warnings (schema differences between archive and CMS, assets it skipped), for the operator. */
  warnings: string[];
  seconds: number;
}

// The CLI colours some of its output even without a terminal.
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * `strapi export|import …` in the CMS folder, with the key through KEY_PRELOAD. Its output is kept (the key
 * scrubbed from it all the same) and printed only on failure; the diagnostic log the CLI leaves in the CMS
 * folder is deleted on success and kept beside the backups on failure.
 */
async function strapiTransfer(command: 'export' | 'import', args: string[], key: string): Promise<TransferReport> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', KEY_PRELOAD, STRAPI_BIN(), command, ...args], {
    cwd: CMS_DIR,
    env: { ...process.env, BACKUP_KEY: key, STRAPI_TELEMETRY_DISABLED: 'true', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const text = output.split(key).join('[BACKUP_KEY]').replace(ANSI, '');
  const logs = fs
    .readdirSync(CMS_DIR)
    .filter((name) => name.startsWith(`${command}_`) && name.endsWith('.log') && Number(name.slice(command.length + 1, -4)) >= started - 1000);
  if (code !== 0) {
    const kept = logs.map((name) => {
      const dir = path.join(dataDir(), 'backups');
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.renameSync(path.join(CMS_DIR, name), path.join(dir, name));
      return path.join(dir, name);
    });
    const tail = text.trim().split('\n').slice(-25).join('\n');
    throw new BackupError(`strapi ${command} non è riuscito (codice ${code}).${kept.length ? ` Diagnostica: ${kept.join(', ')}.` : ''}\n${tail}`);
  }
  for (const name of logs) fs.rmSync(path.join(CMS_DIR, name), { force: true });
  const counts: Record<string, number> = {};
  for (const [, stage, count] of text.matchAll(/✔ (\w+): (\d+)/g)) counts[stage!] = Number(count);
  const warnings = text.split('\n').filter((line) => /\bwarn\b|does not exist on|different data type/i.test(line)).map((line) => line.trim());
  return { counts, warnings, seconds: (Date.now() - started) / 1000 };
}

// --- backup ------------------------------------------------------------------------------------------

export interface BackupResult extends TransferReport {
  file: string;
  bytes: number;
}

/**
 * Writes the archive (default: `<data dir>/backups/coesione-<Rome time>.tar.gz.enc`), never over an existing
 * file. It is written under a temporary name and renamed only once it opens with the key, so a failed or
 * interrupted export never leaves a file that looks like a backup.
 */
export async function createBackup(options: { key: string; file?: string }): Promise<BackupResult> {
  const target = options.file ? archivePath(options.file) : defaultArchivePath();
  if (fs.existsSync(target)) throw new BackupError(`${target} esiste già e non lo sovrascrivo: scegli un altro nome con --file.`);
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const partial = path.join(dir, `.${path.basename(target, ARCHIVE_SUFFIX)}.${process.pid}.partial`);
  const written = `${partial}${ARCHIVE_SUFFIX}`;
  try {
    const report = await strapiTransfer('export', ['--file', partial], options.key);
    if (!fs.existsSync(written)) throw new BackupError(`strapi export non ha scritto ${written}.`);
    fs.chmodSync(written, 0o600);
    await inspectArchive(written, options.key);
    fs.renameSync(written, target);
    return { ...report, file: target, bytes: fs.statSync(target).size };
  } finally {
    fs.rmSync(written, { force: true });
  }
}

// --- the target database -----------------------------------------------------------------------------

interface DatabaseConfig {
  connection: { client: string; connection: Record<string, unknown> & { filename?: string; connectionString?: string; schema?: string } };
}
type StrapiEnv = (name: string, fallback?: unknown) => unknown;

/** The CMS's own database settings (cms/config/database.ts, built), read from this environment as Strapi reads them. */
function cmsDatabaseConfig(): DatabaseConfig['connection'] {
  const config = require(path.join(CMS_DIR, 'dist', 'config', 'database.js')) as { default: (params: { env: StrapiEnv }) => DatabaseConfig };
  return config.default({ env: cmsRequire<{ env: StrapiEnv }>('@strapi/utils').env }).connection;
}

/** The database `strapi import` will write to, for messages (never a password). */
export function describeTarget(): string {
  const { client, connection } = cmsDatabaseConfig();
  if (client === 'sqlite') return `SQLite ${connection.filename}`;
  if (connection.connectionString) {
    const url = new URL(connection.connectionString);
    return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
  }
  return `PostgreSQL ${String(connection.host)}:${String(connection.port)}/${String(connection.database)}`;
}

/** Rows per content type, for the types that hold content (`api::…` and the media library), where there are any. */
export async function targetContent(): Promise<Record<string, number>> {
  const { client, connection } = cmsDatabaseConfig();
  // An SQLite file that does not exist yet is empty; opening it would create it.
  if (client === 'sqlite' && !fs.existsSync(connection.filename ?? '')) return {};
  const knex = cmsRequire<(config: Knex.Config) => Knex>('knex')(
    client === 'sqlite'
      ? { client: 'better-sqlite3', connection: { filename: connection.filename ?? '', options: { readonly: true } }, useNullAsDefault: true }
      : { client: 'pg', connection: connection as Knex.PgConnectionConfig, pool: { min: 0, max: 1 } },
  );
  const schema = client === 'sqlite' ? undefined : (connection.schema ?? 'public');
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

// --- restore -----------------------------------------------------------------------------------------

export interface RestoreResult extends TransferReport {
  archive: ArchiveInfo;
  target: string;
  /** What the target held before (replaced, with `force`). */
  replaced: Record<string, number>;
}

/**
 * Checks the archive with the key (unless `archive` says it was just checked), refuses a target database that already holds content (unless `force`),
 * then `strapi import --force` (the CLI's own confirmation, which cannot be answered from a script) into the
 * database and uploads folder the CMS is configured with. Strapi creates the schema on an empty database.
 */
export async function restoreBackup(options: { file: string; key: string; force?: boolean; archive?: ArchiveInfo }): Promise<RestoreResult> {
  const archive = options.archive ?? (await inspectArchive(options.file, options.key));
  const target = describeTarget();
  const replaced = await targetContent().catch((error: Error) => {
    throw new BackupError(`Non riesco a leggere il database di destinazione (${target}): ${error.message}. Nulla è stato modificato.`, { cause: error });
  });
  if (Object.keys(replaced).length > 0 && !options.force) {
    const list = Object.entries(replaced).map(([uid, n]) => `${uid.split('.').pop()} ${n}`).join(', ');
    throw new BackupError(
      `Il database di destinazione (${target}) contiene già dei contenuti (${list}): ripristino annullato, nulla è stato modificato. ` +
        'Ripristina su un database vuoto, oppure aggiungi --force per cancellarli e sostituirli con l’archivio.',
    );
  }
  const report = await strapiTransfer('import', ['--file', options.file, '--force'], options.key);
  // `npm start` seeds a data folder it has not seeded yet: the demo content must not land on restored content.
  fs.writeFileSync(path.join(dataDir(), 'seeded'), new Date().toISOString());
  return { ...report, archive, target, replaced };
}

/** Search after a restore: without an index to rebuild now, `npm start` rebuilds it when this stamp is gone. */
export function invalidateSearchStamp(): void {
  fs.rmSync(path.join(dataDir(), 'search-settings.hash'), { force: true });
}

/**
 * Boots the restored CMS in this process on a free loopback port, just long enough for what
 * `npm run search:reindex` does: every published entry into a fresh index, swapped in.
 */
export async function reindexRestored(options: { meiliUrl: string; masterKey: string; locales: string[] }): Promise<{ documents: number; seconds: number }> {
  const port = await freePort();
  Object.assign(process.env, { CMS_HOST: '127.0.0.1', CMS_PORT: String(port), CMS_STARTUP_LOG: 'false', MEILISEARCH_URL: options.meiliUrl, MEILI_MASTER_KEY: options.masterKey });
  const strapi = await loadStrapi();
  try {
    await strapi.listen();
    return await reindexFromCms({ ...options, cmsUrl: `http://127.0.0.1:${port}` });
  } finally {
    await strapi.destroy();
  }
}

/** POSTs the site's build hook, as the CMS does on a publish; the HTTP status. */
export async function requestSiteRebuild(url: string): Promise<number> {
  const res = await fetch(url, { method: 'POST', headers: { connection: 'close' } });
  return res.status;
}
