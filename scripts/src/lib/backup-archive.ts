/**
 * The archive of `npm run backup`: files and a JSON manifest in one authenticated, encrypted stream.
 *
 *     header (65 bytes, in clear)                 ciphertext (AES-256-GCM)                        tag (16)
 *     magic · version · scrypt log2 N, r, p ·     u32 manifest length · manifest JSON ·           GCM tag
 *     salt (16) · nonce (12) · key check (16)     the bytes of every file, in the manifest's order
 *
 * - The key: scrypt(BACKUP_KEY, a random salt per archive) gives 64 bytes, the AES key and a key of the key
 *   check. The check (an HMAC of a fixed label) tells a wrong key from an altered archive; it says nothing
 *   the GCM tag would not (both let a guess be tested, each guess costing one scrypt).
 * - The whole header is GCM's additional data, so a changed parameter, salt, nonce or version fails the tag;
 *   the manifest (date, database, schema, files with size and sha256) is the first part of the ciphertext,
 *   so it is as confidential as the rest and authenticated with it. One GCM stream, one tag at the end: a
 *   flipped byte, a swapped or dropped block, a truncated file or another archive's tail all fail it.
 * - `openArchive` writes the files into a folder while it decrypts and returns only once the tag has been
 *   checked: callers act on what it returns, never on what it wrote before. Paths are checked before a byte
 *   is written (the manifest is not yet authenticated then), sizes against the file's length.
 *
 * One GCM stream holds at most 64 GiB (2^39 − 256 bits): far above what a district's CMS keeps.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const MAGIC = Buffer.from('COESIONE-BACKUP\n', 'latin1');
export const FORMAT_VERSION = 1;
const KDF_SCRYPT = 1;
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const CHECK_BYTES = 16;
const TAG_BYTES = 16;
export const HEADER_BYTES = MAGIC.length + 5 + SALT_BYTES + NONCE_BYTES + CHECK_BYTES;
/** About 0.4 s and 128 MiB per archive on this project's 2-core machine: once per backup or restore. */
export const DEFAULT_SCRYPT = { log2N: 17, r: 8, p: 1 } as const;
const MAX_MANIFEST_BYTES = 64 * 2 ** 20;
const GCM_MAX_BYTES = 2 ** 36 - 32;

/** Why an archive was not written or not opened; `kind` lets callers word the operator's message. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
  constructor(
    readonly kind: 'not-an-archive' | 'version' | 'wrong-key' | 'tampered' | 'changed' | 'too-large',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface ArchiveFile {
  /** Relative, `/`-separated: where the file goes under the folder it is opened into. */
  path: string;
  size: number;
  sha256: string;
}

/** What the archive says about itself, authenticated; `files` is filled by `writeArchive`. */
export interface Manifest {
  format: 'coesione-backup';
  version: number;
  [key: string]: unknown;
  files: ArchiveFile[];
}

/** What the caller puts in the manifest beside the list of files. */
export type ManifestMeta = { format: 'coesione-backup'; version: number } & Record<string, unknown>;

interface KdfParams {
  log2N: number;
  r: number;
  p: number;
}

/** Parameters a header may carry: bounded, so a crafted header cannot ask for gigabytes of scrypt memory. */
const validKdf = ({ log2N, r, p }: KdfParams): boolean => log2N >= 14 && log2N <= 20 && r >= 1 && r <= 32 && p >= 1 && p <= 16 && 128 * 2 ** log2N * r <= 2 ** 30;

async function deriveKeys(secret: string, salt: Buffer, kdf: KdfParams): Promise<{ key: Buffer; check: Buffer }> {
  const bytes = await new Promise<Buffer>((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, 64, { N: 2 ** kdf.log2N, r: kdf.r, p: kdf.p, maxmem: 2 * 128 * 2 ** kdf.log2N * kdf.r }, (error, key) => (error ? reject(error) : resolve(key))),
  );
  const check = createHmac('sha256', bytes.subarray(32)).update('coesione-backup key check').digest().subarray(0, CHECK_BYTES);
  return { key: bytes.subarray(0, 32), check };
}

/** A path of the manifest, refused unless it is plainly relative: no `..`, no absolute path, no backslash or NUL. */
export function checkEntryPath(entry: string): string {
  const parts = entry.split('/');
  if (entry.length === 0 || entry.length > 1024 || parts.some((p) => p === '' || p === '.' || p === '..' || /[\\\0]/.test(p))) {
    throw new ArchiveError('tampered', `percorso non valido nell’archivio: ${JSON.stringify(entry.slice(0, 200))}`);
  }
  return entry;
}

async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

export interface ArchiveSource {
  /** The path inside the archive. */
  path: string;
  /** The file on disk. */
  file: string;
}

/**
 * Writes `target` (created, never overwritten, mode 600): `meta` and the list of `sources` with their sizes
 * and sha256 as the manifest, then their bytes. Each file is read twice (once for the manifest, which comes
 * first, once for the archive) and must not change in between: an `ArchiveError` of kind `changed` says
 * which one did (an upload replaced during the backup), and the caller may simply try again.
 */
export async function writeArchive(target: string, secret: string, meta: ManifestMeta, sources: ArchiveSource[], kdf: KdfParams = DEFAULT_SCRYPT): Promise<Manifest> {
  const files: ArchiveFile[] = [];
  for (const source of sources) files.push({ path: checkEntryPath(source.path), ...(await hashFile(source.file)) });
  const manifest: Manifest = { ...meta, files };
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const total = 4 + manifestBytes.length + files.reduce((sum, f) => sum + f.size, 0);
  if (manifestBytes.length > MAX_MANIFEST_BYTES || total > GCM_MAX_BYTES) throw new ArchiveError('too-large', `archivio troppo grande per un solo flusso cifrato (${total} byte)`);

  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const { key, check } = await deriveKeys(secret, salt, kdf);
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION, KDF_SCRYPT, kdf.log2N, kdf.r, kdf.p]), salt, nonce, check]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(header);

  const out = await fs.promises.open(target, 'wx', 0o600);
  try {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(manifestBytes.length);
    await out.write(header);
    await out.write(cipher.update(Buffer.concat([length, manifestBytes])));
    for (const [i, source] of sources.entries()) {
      const expected = files[i]!;
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of fs.createReadStream(source.file) as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > expected.size) break;
        hash.update(chunk);
        await out.write(cipher.update(chunk));
      }
      if (size !== expected.size || hash.digest('hex') !== expected.sha256) {
        throw new ArchiveError('changed', `${source.file} è cambiato mentre veniva salvato`);
      }
    }
    await out.write(cipher.final());
    await out.write(cipher.getAuthTag());
    await out.sync();
  } catch (error) {
    await out.close();
    await fs.promises.rm(target, { force: true });
    throw error;
  }
  await out.close();
  return manifest;
}

/** The header of an archive, read without the key: what `npm run restore` can say before it asks for one. */
export function isArchive(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/** Receives the plaintext: the manifest, then each file's bytes into `into` (or only hashed, without `into`). */
class Unpacker {
  manifest: Manifest | undefined;
  #pending = Buffer.alloc(0);
  #index = -1;
  #left = 0;
  #hash = createHash('sha256');
  #out: fs.promises.FileHandle | undefined;

  constructor(
    private readonly into: string | undefined,
    private readonly plaintextBytes: number,
  ) {}

  async push(chunk: Buffer): Promise<void> {
    let data = chunk;
    if (!this.manifest) {
      this.#pending = Buffer.concat([this.#pending, data]);
      if (this.#pending.length < 4) return;
      const length = this.#pending.readUInt32BE(0);
      if (length > MAX_MANIFEST_BYTES || 4 + length > this.plaintextBytes) throw new ArchiveError('tampered', 'indice dell’archivio illeggibile');
      if (this.#pending.length < 4 + length) return;
      this.manifest = this.#parse(this.#pending.subarray(4, 4 + length));
      data = this.#pending.subarray(4 + length);
      this.#pending = Buffer.alloc(0);
      await this.#next();
    }
    while (data.length > 0) {
      if (this.#index >= this.manifest.files.length) throw new ArchiveError('tampered', 'byte oltre la fine dell’indice');
      const take = Math.min(this.#left, data.length);
      const part = data.subarray(0, take);
      this.#hash.update(part);
      if (this.#out) await this.#out.write(part);
      this.#left -= take;
      data = data.subarray(take);
      if (this.#left === 0) await this.#next();
    }
  }

  /** The manifest as far as it can be checked before the tag: its shape, its paths, and sizes that fill the file exactly. */
  #parse(bytes: Buffer): Manifest {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
    } catch (error) {
      throw new ArchiveError('tampered', 'indice dell’archivio illeggibile', { cause: error });
    }
    if (manifest?.format !== 'coesione-backup' || !Array.isArray(manifest.files)) throw new ArchiveError('tampered', 'indice dell’archivio illeggibile');
    let total = 4 + bytes.length;
    const seen = new Set<string>();
    for (const f of manifest.files) {
      if (typeof f?.path !== 'string' || !Number.isSafeInteger(f.size) || f.size < 0 || typeof f.sha256 !== 'string') throw new ArchiveError('tampered', 'indice dell’archivio illeggibile');
      checkEntryPath(f.path);
      if (seen.has(f.path)) throw new ArchiveError('tampered', `file ripetuto nell’archivio: ${f.path}`);
      seen.add(f.path);
      total += f.size;
    }
    if (total !== this.plaintextBytes) throw new ArchiveError('tampered', `l’indice annuncia ${total} byte, il file ne contiene ${this.plaintextBytes}`);
    return manifest;
  }

  async #next(): Promise<void> {
    const files = this.manifest!.files;
    for (;;) {
      if (this.#index >= 0) {
        await this.#out?.close();
        this.#out = undefined;
        const done = files[this.#index]!;
        if (this.#hash.digest('hex') !== done.sha256) throw new ArchiveError('tampered', `${done.path}: impronta sha256 diversa da quella dell’indice`);
      }
      this.#index += 1;
      const file = files[this.#index];
      if (!file) return;
      this.#hash = createHash('sha256');
      this.#left = file.size;
      if (this.into) {
        const dest = path.join(this.into, ...file.path.split('/'));
        await fs.promises.mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
        this.#out = await fs.promises.open(dest, 'wx', 0o600);
      }
      if (file.size > 0) return;
    }
  }

  async close(): Promise<void> {
    await this.#out?.close();
  }

  get complete(): boolean {
    return this.manifest !== undefined && this.#index >= this.manifest.files.length;
  }
}

/**
 * Decrypts `file` with `secret`: into the folder `into` when given (which should be empty and private),
 * else only to check it. Resolves with the manifest once the GCM tag has been verified; rejects with an
 * `ArchiveError` otherwise, having possibly written part of the files into `into` (the caller removes it).
 */
export async function openArchive(file: string, secret: string, options: { into?: string } = {}): Promise<Manifest> {
  const size = fs.statSync(file).size;
  const fd = await fs.promises.open(file, 'r');
  let unpacker: Unpacker | undefined;
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await fd.read(header, 0, HEADER_BYTES, 0);
    if (bytesRead < MAGIC.length || !header.subarray(0, MAGIC.length).equals(MAGIC)) throw new ArchiveError('not-an-archive', 'non è un archivio di npm run backup');
    const version = header[MAGIC.length]!;
    if (version !== FORMAT_VERSION) throw new ArchiveError('version', `formato ${version}, questa versione di Coesione legge il formato ${FORMAT_VERSION}`);
    if (size < HEADER_BYTES + 4 + TAG_BYTES) throw new ArchiveError('tampered', 'file troncato');
    const [kdfId, log2N, r, p] = [...header.subarray(MAGIC.length + 1, MAGIC.length + 5)] as [number, number, number, number];
    if (kdfId !== KDF_SCRYPT || !validKdf({ log2N, r, p })) throw new ArchiveError('tampered', 'parametri di derivazione della chiave non validi');
    let at = MAGIC.length + 5;
    const salt = header.subarray(at, (at += SALT_BYTES));
    const nonce = header.subarray(at, (at += NONCE_BYTES));
    const check = header.subarray(at, (at += CHECK_BYTES));
    const keys = await deriveKeys(secret, salt, { log2N, r, p });
    if (!timingSafeEqual(keys.check, check)) throw new ArchiveError('wrong-key', 'la chiave non apre l’archivio');

    const tag = Buffer.alloc(TAG_BYTES);
    await fd.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', keys.key, nonce);
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    unpacker = new Unpacker(options.into, size - HEADER_BYTES - TAG_BYTES);
    const body = fd.createReadStream({ start: HEADER_BYTES, end: size - TAG_BYTES - 1, autoClose: false, highWaterMark: 1 << 20 });
    for await (const chunk of body as AsyncIterable<Buffer>) await unpacker.push(decipher.update(chunk));
    try {
      decipher.final();
    } catch (error) {
      throw new ArchiveError('tampered', 'il tag GCM non corrisponde', { cause: error });
    }
    if (!unpacker.complete) throw new ArchiveError('tampered', 'archivio incompleto');
    return unpacker.manifest!;
  } finally {
    await unpacker?.close();
    await fd.close();
  }
}
