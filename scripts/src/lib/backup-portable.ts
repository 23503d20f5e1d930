/**
 * The portable archive: Strapi 5's own data transfer (`strapi export` / `strapi import`), run as child
 * processes on the CMS build with this process's environment. Only for moving between SQLite and
 * PostgreSQL: it carries every content type with its drafts, private fields and relations, the media library
 * and its files, the users-permissions roles, the core store and the webhooks, but no `admin::` type (admin
 * users and roles, API and transfer tokens, so no entry keeps its `createdBy`), no content release and none
 * of the CMS's `coesione_*` tables; gzip, then aes-128-ecb with a key derived from BACKUP_KEY without a salt
 * and without authentication (a damaged file is caught by gzip's check, a swapped or older one is not).
 * `strapi import --force` first deletes whatever the target holds.
 *
 * The key reaches the CLI neither on its command line (every local user can read that in `ps`) nor in a file:
 * a preload module moves it from the child's environment into its `process.argv`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { BackupError } from './backup-error.ts';
import { cmsRequire } from './backup-database.ts';
import { CMS_DIR, dataDir } from './paths.ts';
import { STRAPI_BIN } from './strapi.ts';

/** What `strapi export` appends to the name it is given (tar, then gzip, then encryption). */
export const PORTABLE_SUFFIX = '.tar.gz.enc';

export interface PortableInfo {
  file: string;
  bytes: number;
  /** From the archive's metadata.json (not authenticated): when the export ran, and the Strapi that wrote it. */
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
export async function inspectPortable(file: string, key: string): Promise<PortableInfo> {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new BackupError(`L’archivio ${file} non esiste.`);
  // `strapi import` reads the format from the name: what `npm run backup -- --portable` writes ends so.
  if (!file.endsWith(PORTABLE_SUFFIX)) throw new BackupError(`${file}: un archivio portabile (npm run backup -- --portable) finisce con ${PORTABLE_SUFFIX}.`);
  const index = new TarIndex((name) => name === 'metadata.json');
  try {
    await pipeline(fs.createReadStream(file), decryptionCipher(key), createGunzip(), index);
  } catch (error) {
    // With another key the first block already decrypts to something that is not gzip: nothing reaches the index.
    if (index.bytes === 0) {
      throw new BackupError(`La chiave BACKUP_KEY non apre ${file}: è un’altra chiave, o il file non è un export portabile di Coesione. Nulla è stato modificato.`, { cause: error });
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

// --- export and import ------------------------------------------------------------------------------

export interface PortableBackup extends TransferReport {
  file: string;
  bytes: number;
}

/**
 * `strapi export` into `target` (which ends with PORTABLE_SUFFIX and does not exist), under a temporary
 * name renamed only once it opens with the key: a failed export never leaves a file that looks like a backup.
 */
export async function createPortableBackup(options: { key: string; target: string }): Promise<PortableBackup> {
  const dir = path.dirname(options.target);
  const partial = path.join(dir, `.${path.basename(options.target, PORTABLE_SUFFIX)}.${process.pid}.partial`);
  const written = `${partial}${PORTABLE_SUFFIX}`;
  try {
    const report = await strapiTransfer('export', ['--file', partial], options.key);
    if (!fs.existsSync(written)) throw new BackupError(`strapi export non ha scritto ${written}.`);
    fs.chmodSync(written, 0o600);
    await inspectPortable(written, options.key);
    fs.renameSync(written, options.target);
    return { ...report, file: options.target, bytes: fs.statSync(options.target).size };
  } finally {
    fs.rmSync(written, { force: true });
  }
}

/** `strapi import --force` (the CLI's own confirmation cannot be answered from a script): the caller has checked the target. */
export const importPortable = (file: string, key: string): Promise<TransferReport> => strapiTransfer('import', ['--file', file, '--force'], key);
