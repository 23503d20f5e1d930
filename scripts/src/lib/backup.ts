/**
 * Backup and restore of the CMS (docs/operations.md, «Backup e ripristino»).
 *
 * - `createBackup`: the database's own dump (backup-database.ts: SQLite's online backup, `pg_dump`) and the
 *   uploads folder in one archive (backup-archive.ts: AES-256-GCM, a random salt and nonce per archive),
 *   whose authenticated manifest says when it was made, from which kind of database, with which content
 *   schema. Everything the database holds comes back: admin users, their roles and API tokens, `createdBy`
 *   on every entry (what a Partner owns), partner accounts, the CMS's own `coesione_*` tables.
 * - `createPortableBackup`: Strapi's export (backup-portable.ts), only to move between SQLite and PostgreSQL.
 * - `openBackup` then `restoreBackup`: the archive is decrypted into a private folder of the data folder and
 *   its tag checked before anything else happens; then the refusals (another kind of database; another
 *   schema, an archive older than the newest this installation made or restored, a database that already
 *   holds content: these three unless `force`; a CMS still running), then the database and the uploads.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { ArchiveError, isArchive, openArchive, writeArchive, type Manifest } from './backup-archive.ts';
import { CLIENT_NAME, cmsDatabase, databaseContent, databaseInUse, dumpDatabase, DUMP_PATH, loadDatabase, moveFile, type CmsDatabase, type DatabaseClient } from './backup-database.ts';
import { BackupError } from './backup-error.ts';
import { createPortableBackup as strapiExport, importPortable, inspectPortable, PORTABLE_SUFFIX, type PortableBackup, type PortableInfo, type TransferReport } from './backup-portable.ts';
import { reindexFromCms } from './search-setup.ts';
import { CMS_DIR, dataDir, ROOT } from './paths.ts';
import { freePort } from './ports.ts';
import { loadStrapi } from './strapi.ts';

export { BackupError, PORTABLE_SUFFIX, type PortableBackup, type TransferReport };

export const KEY_MIN_LENGTH = 16;
export const ARCHIVE_SUFFIX = '.backup';

/** For the operator, after a backup: what the archive does not carry (docs/operations.md, «Backup e ripristino», says more). */
export const NOT_IN_ARCHIVE =
  'segreti del CMS (`.data/cms-secrets.json` o le variabili d’ambiente), indice di ricerca (si ricostruisce), file su un provider di upload esterno (S3)';
export const NOT_IN_PORTABLE =
  'utenti e ruoli del pannello di amministrazione (quindi chi ha creato ogni voce), token API e di trasferimento, tabelle coesione_* del CMS, ' + NOT_IN_ARCHIVE;

const SECRETS_LINE =
  'segreti del CMS: riporta quelli del server di origine (`.data/cms-secrets.json`, o in produzione APP_KEYS, ADMIN_JWT_SECRET, API_TOKEN_SALT, TRANSFER_TOKEN_SALT, JWT_SECRET, ENCRYPTION_KEY, SUBMISSION_SALT, NEED_KEY_SECRET) prima di avviare il CMS: con un altro API_TOKEN_SALT i token API non valgono più, con un altro NEED_KEY_SECRET le nuove schede di bisogno non si collegano più alle persone già registrate';

/** For the operator, after a restore: what to do by hand, because the archive does not carry it. */
export const AFTER_RESTORE = [SECRETS_LINE];
export const AFTER_PORTABLE_RESTORE = [
  'utenti del pannello: crea il primo amministratore da /admin (o con `npm run strapi -w cms -- admin:create-user`) e reinvita redazione e partner; gli account partner (e-mail → ente) sono nell’archivio, quindi un partner reinvitato con la stessa e-mail ritrova il suo ente, ma non le bozze che aveva creato',
  'token API e di trasferimento: ricreali',
  SECRETS_LINE,
];

const require = createRequire(import.meta.url);

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

/** `<dir>/coesione-YYYYMMDD-HHMMSS<suffix>`, in Rome time. */
export function defaultArchivePath(now = new Date(), dir = path.join(dataDir(), 'backups'), suffix = ARCHIVE_SUFFIX): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return path.join(dir, `coesione-${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}${parts.second}${suffix}`);
}

/** The archive's path for a name given with or without its extension. */
export const archivePath = (file: string, suffix = ARCHIVE_SUFFIX): string => `${operatorPath(file).replace(/(\.backup|(\.tar)?(\.gz)?(\.enc)?)$/, '')}${suffix}`;

/** A date for the operator: «2 dicembre 2026 alle ore 04:30:30», Rome time. */
export const italianDate = (iso: string): string =>
  new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(iso));

// --- what the archive says about itself --------------------------------------------------------------

export interface BackupManifest extends Manifest {
  /** When the database dump started: the moment the archive's content is from. */
  createdAt: string;
  database: { client: DatabaseClient; source: string };
  schema: { fingerprint: string; strapi: string };
}

/** The CMS's Strapi version, as installed. */
const strapiVersion = (): string => (require(require.resolve('@strapi/strapi/package.json', { paths: [CMS_DIR] })) as { version: string }).version;

function* jsonFiles(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* jsonFiles(file);
    else if (entry.isFile() && entry.name.endsWith('.json') && (!file.includes(`${path.sep}api${path.sep}`) || file.includes(`${path.sep}content-types${path.sep}`))) yield file;
  }
}

const canonicalJson = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(canonicalJson) : value && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonicalJson((value as Record<string, unknown>)[k])])) : value;

/**
 * The content schema of this code: a sha256 of every content type and component the CMS declares
 * (cms/src/api/…/content-types, cms/src/components, cms/src/extensions), as parsed JSON (formatting does not
 * count). Two installations with the same fingerprint have the same tables and columns of ours; Strapi's own
 * types follow its version, which the manifest records beside it.
 */
export function schemaFingerprint(): { fingerprint: string; strapi: string } {
  const hash = createHash('sha256');
  for (const folder of ['api', 'components', 'extensions']) {
    for (const file of jsonFiles(path.join(CMS_DIR, 'src', folder))) {
      hash.update(path.relative(CMS_DIR, file).split(path.sep).join('/')).update('\0');
      hash.update(JSON.stringify(canonicalJson(JSON.parse(fs.readFileSync(file, 'utf8'))))).update('\0');
    }
  }
  return { fingerprint: hash.digest('hex'), strapi: strapiVersion() };
}

function backupManifest(manifest: Manifest, file: string): BackupManifest {
  const m = manifest as Partial<BackupManifest>;
  if (typeof m.createdAt !== 'string' || Number.isNaN(Date.parse(m.createdAt)) || (m.database?.client !== 'sqlite' && m.database?.client !== 'postgres') || typeof m.schema?.fingerprint !== 'string') {
    throw new BackupError(`${file} si apre con la chiave ma il suo indice non è di un backup di Coesione.`);
  }
  return manifest as BackupManifest;
}

// --- the newest archive this installation has made or restored ------------------------------------------

export interface LatestArchive {
  createdAt: string;
  file: string;
  action: 'backup' | 'ripristino';
}

const latestFile = (): string => path.join(dataDir(), 'backup-latest.json');

/** The newest archive made or restored here (`<data dir>/backup-latest.json`), if any. */
export function latestArchive(): LatestArchive | undefined {
  try {
    return JSON.parse(fs.readFileSync(latestFile(), 'utf8')) as LatestArchive;
  } catch {
    return undefined;
  }
}

/** Records `entry` unless an archive as new or newer is recorded already: the mark only moves forward. */
function recordArchive(entry: LatestArchive): void {
  const current = latestArchive();
  if (current && Date.parse(current.createdAt) > Date.parse(entry.createdAt)) return;
  fs.mkdirSync(dataDir(), { recursive: true });
  fs.writeFileSync(latestFile(), `${JSON.stringify(entry, null, 2)}\n`, { mode: 0o600 });
}

// --- backup ------------------------------------------------------------------------------------------

/** The CMS's uploads folder (its `public/uploads`: CMS_PUBLIC_DIR, else the data folder's), as the CMS finds it. */
function uploadsDir(): string {
  const runtime = require(path.join(CMS_DIR, 'dist', 'src', 'platform', 'runtime.js')) as { publicDir(): string };
  return path.join(runtime.publicDir(), 'uploads');
}

/** Every regular file under `dir`, as archive paths `uploads/…` with the file, sorted. */
function uploadSources(dir: string): { path: string; file: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
    .map((file) => ({ path: ['uploads', ...path.relative(dir, file).split(path.sep)].join('/'), file }));
}

export interface BackupResult {
  file: string;
  bytes: number;
  seconds: number;
  manifest: BackupManifest;
  database: { bytes: number };
  uploads: { files: number; bytes: number };
}

const ATTEMPTS = 3;

/**
 * Writes the archive (default `<data dir>/backups/coesione-<Rome time>.backup`), never over an existing file.
 * The dump goes to a private folder of the data folder; the archive is written under a temporary name,
 * read back with the key, and only then renamed: a failed or interrupted backup leaves nothing that looks
 * like one. The CMS may keep running.
 */
export async function createBackup(options: { key: string; file?: string }): Promise<BackupResult> {
  const started = Date.now();
  const target = options.file ? archivePath(options.file) : defaultArchivePath();
  if (fs.existsSync(target)) throw new BackupError(`${target} esiste già e non lo sovrascrivo: scegli un altro nome con --file.`);
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const db = cmsDatabase();
  const uploads = uploadsDir();
  fs.mkdirSync(dataDir(), { recursive: true });
  const staging = fs.mkdtempSync(path.join(dataDir(), '.backup-'));
  const partial = path.join(dir, `.${path.basename(target)}.${process.pid}.partial`);
  try {
    for (let attempt = 1; ; attempt++) {
      const createdAt = new Date().toISOString();
      const dump = path.join(staging, `dump-${attempt}`);
      await dumpDatabase(db, dump);
      // After the dump: every file its rows name is already in the folder (a later upload is simply not in this backup).
      const sources = [{ path: DUMP_PATH[db.client], file: dump }, ...uploadSources(uploads)];
      const meta = { format: 'coesione-backup' as const, version: 1, createdAt, database: { client: db.client, source: db.label }, schema: schemaFingerprint() };
      try {
        const manifest = (await writeArchive(partial, options.key, meta, sources)) as BackupManifest;
        await openArchive(partial, options.key);
        if (fs.existsSync(target)) throw new BackupError(`${target} esiste già e non lo sovrascrivo: scegli un altro nome con --file.`);
        fs.renameSync(partial, target);
        recordArchive({ createdAt, file: path.basename(target), action: 'backup' });
        const [database, ...files] = manifest.files;
        return {
          file: target,
          bytes: fs.statSync(target).size,
          seconds: (Date.now() - started) / 1000,
          manifest,
          database: { bytes: database!.size },
          uploads: { files: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0) },
        };
      } catch (error) {
        if (!(error instanceof ArchiveError && error.kind === 'changed')) throw error;
        if (attempt >= ATTEMPTS) throw new BackupError(`Backup non riuscito: i file caricati cambiano mentre li salvo (${error.message}, ${ATTEMPTS} tentativi). Riprova in un momento più tranquillo.`, { cause: error });
      } finally {
        fs.rmSync(dump, { force: true });
      }
    }
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** `npm run backup -- --portable`: Strapi's export, to move the content to the other kind of database. */
export async function createPortableBackup(options: { key: string; file?: string }): Promise<PortableBackup> {
  const target = options.file ? archivePath(options.file, PORTABLE_SUFFIX) : defaultArchivePath(new Date(), undefined, PORTABLE_SUFFIX);
  if (fs.existsSync(target)) throw new BackupError(`${target} esiste già e non lo sovrascrivo: scegli un altro nome con --file.`);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const result = await strapiExport({ key: options.key, target });
  const info = await inspectPortable(result.file, options.key);
  recordArchive({ createdAt: info.createdAt, file: path.basename(result.file), action: 'backup' });
  return result;
}

// --- restore -----------------------------------------------------------------------------------------

/** What an archive says about itself, once verified with the key: for the operator, before anything is changed. */
export interface ArchiveSummary {
  kind: 'backup' | 'portable';
  file: string;
  bytes: number;
  createdAt: string;
  /** The database it was made from (a portable archive fits either). */
  client: DatabaseClient | undefined;
  source: string | undefined;
  schema: string | undefined;
  strapi: string;
  /** Uploaded files it holds (a portable archive: its assets entries). */
  uploads: number;
}

/** «1 file caricato», «73 file caricati». */
export const uploadedFiles = (n: number): string => `${n} file ${n === 1 ? 'caricato' : 'caricati'}`;

/** The archive in one line of Italian, for the operator. */
export function describeArchive(s: ArchiveSummary): string {
  const what = s.kind === 'portable' ? 'export portabile di Strapi (non autenticato)' : `database ${s.source}, schema ${s.schema!.slice(0, 12)}`;
  return `archivio del ${italianDate(s.createdAt)}: ${what}, Strapi ${s.strapi}, ${uploadedFiles(s.uploads)}, ${(s.bytes / 2 ** 20).toFixed(1)} MB`;
}

/** An archive decrypted and verified, ready for restoreBackup; `dispose` deletes its plaintext. */
export interface OpenedBackup {
  summary: ArchiveSummary;
  manifest?: BackupManifest;
  portable?: PortableInfo;
  /** The private folder the archive was decrypted into. */
  staging?: string;
  dispose(): void;
}

function archiveFailure(error: unknown, file: string): never {
  if (!(error instanceof ArchiveError)) throw error;
  const nothing = 'Nulla è stato modificato.';
  switch (error.kind) {
    case 'wrong-key':
      throw new BackupError(`La chiave BACKUP_KEY non apre ${file}: è un’altra chiave, oppure l’intestazione dell’archivio è stata alterata. ${nothing}`, { cause: error });
    case 'version':
      throw new BackupError(`${file} è un archivio di una versione più recente di Coesione (${error.message}): ripristinalo con quella. ${nothing}`, { cause: error });
    case 'not-an-archive':
      throw new BackupError(`${file} non è un archivio di npm run backup (né un export portabile ${PORTABLE_SUFFIX}). ${nothing}`, { cause: error });
    default:
      throw new BackupError(`L’archivio ${file} non supera la verifica di autenticità (${error.message}): è stato alterato o è danneggiato, basta un byte cambiato o spostato. ${nothing}`, { cause: error });
  }
}

/**
 * Reads the whole archive with the key before anything else: an archive of `npm run backup` is decrypted
 * into a private folder of the data folder and its tag checked (a wrong key, one changed byte, a truncated
 * file fail here); a portable one is read through Strapi's decryption. Nothing is changed.
 */
export async function openBackup(file: string, key: string): Promise<OpenedBackup> {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new BackupError(`L’archivio ${file} non esiste.`);
  if (!isArchive(file)) {
    if (!file.endsWith(PORTABLE_SUFFIX)) archiveFailure(new ArchiveError('not-an-archive', ''), file);
    const portable = await inspectPortable(file, key);
    const summary: ArchiveSummary = { kind: 'portable', file, bytes: stat.size, createdAt: portable.createdAt, client: undefined, source: undefined, schema: undefined, strapi: portable.strapiVersion, uploads: portable.sections.assets ?? 0 };
    return { summary, portable, dispose: () => {} };
  }
  fs.mkdirSync(dataDir(), { recursive: true });
  const staging = fs.mkdtempSync(path.join(dataDir(), '.ripristino-'));
  const dispose = () => fs.rmSync(staging, { recursive: true, force: true });
  try {
    const manifest = backupManifest(await openArchive(file, key, { into: staging }).catch((error: unknown) => archiveFailure(error, file)), file);
    const summary: ArchiveSummary = {
      kind: 'backup',
      file,
      bytes: stat.size,
      createdAt: manifest.createdAt,
      client: manifest.database.client,
      source: manifest.database.source,
      schema: manifest.schema.fingerprint,
      strapi: manifest.schema.strapi,
      uploads: manifest.files.filter((f) => f.path.startsWith('uploads/')).length,
    };
    return { summary, manifest, staging, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** The archive read with the key and its tag checked, nothing written anywhere: `npm run backup`'s read-back, alone. */
export async function verifyArchive(file: string, key: string): Promise<BackupManifest> {
  return backupManifest(await openArchive(file, key).catch((error: unknown) => archiveFailure(error, file)), file);
}

export interface RestoreResult {
  summary: ArchiveSummary;
  target: string;
  /** What the target held before (replaced, with `force`). */
  replaced: Record<string, number>;
  /** The refusals `force` overrode. */
  overridden: string[];
  /** A portable restore: what Strapi's import reports. */
  transfer?: TransferReport;
  seconds: number;
}

/** Replaces the uploads folder with `from` (the archive's), swapping folders so the CMS never sees half of each. */
function replaceUploads(from: string, uploads: string): void {
  const incoming = `${uploads}.ripristino-${process.pid}`;
  const previous = `${uploads}.precedenti-${process.pid}`;
  if (fs.existsSync(from)) moveFile(from, incoming);
  else fs.mkdirSync(incoming, { recursive: true });
  // As the CMS writes them: the folder is served over HTTP, the database stays private.
  for (const entry of fs.readdirSync(incoming, { recursive: true, withFileTypes: true })) fs.chmodSync(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
  fs.chmodSync(incoming, 0o755);
  if (fs.existsSync(uploads)) fs.renameSync(uploads, previous);
  fs.renameSync(incoming, uploads);
  fs.rmSync(previous, { recursive: true, force: true });
}

/** The refusals `force` may override, in Italian, for this archive and target. */
async function refusals(summary: ArchiveSummary, db: CmsDatabase): Promise<{ reasons: string[]; content: Record<string, number> }> {
  const reasons: string[] = [];
  if (summary.schema) {
    const here = schemaFingerprint();
    if (here.fingerprint !== summary.schema) {
      reasons.push(
        `lo schema dei contenuti dell’archivio (${summary.schema.slice(0, 12)}, Strapi ${summary.strapi}) non è quello di questo codice (${here.fingerprint.slice(0, 12)}, Strapi ${here.strapi}): ` +
          'ripristina con la versione di Coesione che ha fatto il backup; forzando, all’avvio il CMS adatta il database al suo schema e perde i campi che non conosce',
      );
    }
  }
  const latest = latestArchive();
  if (latest && Date.parse(summary.createdAt) < Date.parse(latest.createdAt)) {
    reasons.push(
      `l’archivio è del ${italianDate(summary.createdAt)}, più vecchio dell’ultimo ${latest.action === 'backup' ? 'backup fatto' : 'archivio ripristinato'} su questa installazione ` +
        `(${latest.file}, del ${italianDate(latest.createdAt)}): ripristinarlo riporterebbe i dati indietro nel tempo, controlla che sia l’archivio che intendi`,
    );
  }
  const content = await databaseContent(db).catch((error: Error) => {
    throw new BackupError(`Non riesco a leggere il database di destinazione (${db.label}): ${error.message}. Nulla è stato modificato.`, { cause: error });
  });
  if (Object.keys(content).length > 0) {
    const list = Object.entries(content).map(([uid, n]) => `${uid.split('.').pop()} ${n}`).join(', ');
    reasons.push(`il database di destinazione (${db.label}) contiene già dei contenuti (${list}), che il ripristino sostituisce`);
  }
  return { reasons, content };
}

/**
 * Restores an archive into the database and uploads folder the CMS is configured with (stop the CMS
 * first). A backup goes only onto the kind of database it came from; the refusals `force` overrides are
 * listed in one message; a database something still uses is refused always. Afterwards the data folder
 * records the archive's date (see latestArchive) and is marked seeded, so `npm start` never adds the demo.
 */
export async function restoreBackup(options: { file: string; key: string; force?: boolean; opened?: OpenedBackup }): Promise<RestoreResult> {
  const started = Date.now();
  const opened = options.opened ?? (await openBackup(options.file, options.key));
  try {
    const { summary } = opened;
    const db = cmsDatabase();
    if (summary.client && summary.client !== db.client) {
      throw new BackupError(
        `L’archivio è un backup di un database ${CLIENT_NAME[summary.client]}, ma il CMS è configurato per ${CLIENT_NAME[db.client]} (${db.label}): ` +
          'un backup si ripristina solo sullo stesso tipo di database. Per passare da un tipo all’altro usa l’export portabile: ' +
          `npm run backup -- --portable sull’installazione di origine, poi npm run restore -- --file …${PORTABLE_SUFFIX} qui. Nulla è stato modificato.`,
      );
    }
    const { reasons, content } = await refusals(summary, db);
    if (reasons.length > 0 && !options.force) {
      throw new BackupError(`Ripristino annullato, nulla è stato modificato:\n${reasons.map((r) => `- ${r}.`).join('\n')}\nSe è davvero quello che vuoi, ripeti con --force.`);
    }
    const inUse = await databaseInUse(db);
    if (inUse) throw new BackupError(`Il CMS sembra ancora avviato: ${inUse}. Fermalo (npm start, o il servizio in produzione) e ripeti il ripristino. Nulla è stato modificato.`);

    let transfer: TransferReport | undefined;
    if (opened.portable) {
      transfer = await importPortable(summary.file, options.key);
    } else {
      await loadDatabase(db, path.join(opened.staging!, ...DUMP_PATH[db.client].split('/')));
      replaceUploads(path.join(opened.staging!, 'uploads'), uploadsDir());
    }
    recordArchive({ createdAt: summary.createdAt, file: path.basename(summary.file), action: 'ripristino' });
    // `npm start` seeds a data folder it has not seeded yet: the demo content must not land on restored content.
    fs.writeFileSync(path.join(dataDir(), 'seeded'), new Date().toISOString());
    return { summary, target: db.label, replaced: content, overridden: reasons, ...(transfer ? { transfer } : {}), seconds: (Date.now() - started) / 1000 };
  } finally {
    opened.dispose();
  }
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
