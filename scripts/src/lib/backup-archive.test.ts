import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveError, checkEntryPath, HEADER_BYTES, isArchive, MAGIC, openArchive, writeArchive, type Manifest } from './backup-archive.ts';

const KEY = 'una-chiave-di-prova-abbastanza-lunga';
// The smallest scrypt a header may carry: the format is the same, the tests a hundred times faster.
const FAST = { log2N: 14, r: 8, p: 1 };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-archive-'));
const META = { format: 'coesione-backup' as const, version: 1, createdAt: '2026-12-02T03:30:30.000Z' };
const files: Record<string, Buffer> = {
  'database/cms.sqlite': randomBytes(70_000),
  'uploads/vuoto.txt': Buffer.alloc(0),
  'uploads/cartella/modulo.pdf': Buffer.from('%PDF-1.7 un allegato\n'.repeat(500)),
};
let archive: string;
let manifest: Manifest;

const folder = (name: string) => fs.mkdtempSync(path.join(work, `${name}-`));
const copy = (name: string, change: (bytes: Buffer) => Buffer) => {
  const file = path.join(work, name);
  fs.writeFileSync(file, change(Buffer.from(fs.readFileSync(archive))));
  return file;
};
const failure = async (file: string, into?: string): Promise<ArchiveError> => {
  const error = await openArchive(file, KEY, into ? { into } : {}).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchiveError);
  return error as ArchiveError;
};

beforeAll(async () => {
  const sources = Object.entries(files).map(([name, bytes]) => {
    const file = path.join(work, 'sorgente', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    return { path: name, file };
  });
  archive = path.join(work, 'archivio.backup');
  manifest = await writeArchive(archive, KEY, META, sources, FAST);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('an archive', () => {
  it('opens with its key into the same files, and lists them with size and sha256', async () => {
    expect(isArchive(archive)).toBe(true);
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);
    expect(manifest.files.map((f) => [f.path, f.size])).toEqual(Object.entries(files).map(([name, bytes]) => [name, bytes.length]));
    const into = folder('aperto');
    expect(await openArchive(archive, KEY, { into })).toEqual(manifest);
    for (const [name, bytes] of Object.entries(files)) expect(fs.readFileSync(path.join(into, name)).equals(bytes), name).toBe(true);
    expect(await openArchive(archive, KEY)).toMatchObject({ createdAt: META.createdAt });
  });

  it('shows nothing of what it holds: the header, then ciphertext', () => {
    const raw = fs.readFileSync(archive);
    expect(raw.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    expect(raw.includes(Buffer.from('uploads/'))).toBe(false);
    expect(raw.includes(Buffer.from('%PDF'))).toBe(false);
    expect(raw.includes(Buffer.from(META.createdAt))).toBe(false);
  });

  it('takes a random salt and nonce each time: the same files make a different archive', async () => {
    const again = path.join(work, 'di-nuovo.backup');
    await writeArchive(again, KEY, META, [{ path: 'a', file: path.join(work, 'sorgente', 'database', 'cms.sqlite') }], FAST);
    expect(fs.readFileSync(again).subarray(MAGIC.length, HEADER_BYTES).equals(fs.readFileSync(archive).subarray(MAGIC.length, HEADER_BYTES))).toBe(false);
    await expect(writeArchive(again, KEY, META, [], FAST)).rejects.toThrow(/EEXIST/);
  });

  it('tells a wrong key from a changed archive, before writing anything', async () => {
    const into = folder('chiave');
    await expect(openArchive(archive, 'un’altra-chiave-abbastanza-lunga', { into })).rejects.toMatchObject({ kind: 'wrong-key' });
    expect(fs.readdirSync(into)).toEqual([]);
  });

  const ciphertext = HEADER_BYTES + 200;
  it.each([
    ['a byte of the nonce', HEADER_BYTES - 20, 'tampered'],
    ['a byte of the salt', MAGIC.length + 6, 'wrong-key'],
    ['a byte of the manifest', HEADER_BYTES + 10, 'tampered'],
    ['a byte of a file', ciphertext + 5_000, 'tampered'],
    ['a byte of the tag', -3, 'tampered'],
    ['the format version', MAGIC.length, 'version'],
    ['the magic', 2, 'not-an-archive'],
  ])('refuses an archive with %s flipped', async (_what, offset, kind) => {
    const file = copy(`flip-${offset}`, (bytes) => {
      const at = offset < 0 ? bytes.length + offset : offset;
      bytes[at] = bytes[at]! ^ 0x01;
      return bytes;
    });
    expect((await failure(file)).kind).toBe(kind);
  });

  it('refuses an archive with two blocks swapped, one dropped, a byte added, or the end cut off', async () => {
    const block = (bytes: Buffer, at: number) => Buffer.from(bytes.subarray(at, at + 16));
    const swapped = copy('scambio', (bytes) => {
      const [a, b] = [ciphertext + 1024, ciphertext + 4096];
      const first = block(bytes, a);
      block(bytes, b).copy(bytes, a);
      first.copy(bytes, b);
      return bytes;
    });
    expect((await failure(swapped, folder('scambio'))).message).toMatch(/tag GCM|sha256/);
    expect((await failure(copy('tolto', (bytes) => Buffer.concat([bytes.subarray(0, ciphertext), bytes.subarray(ciphertext + 16)])))).kind).toBe('tampered');
    expect((await failure(copy('aggiunto', (bytes) => Buffer.concat([bytes, Buffer.from([0])])))).kind).toBe('tampered');
    expect((await failure(copy('troncato', (bytes) => bytes.subarray(0, bytes.length - 1000)))).kind).toBe('tampered');
  });

  it('refuses another archive’s body behind this header, made with the same key', async () => {
    const other = path.join(work, 'altro.backup');
    await writeArchive(other, KEY, { ...META, createdAt: '2026-12-03T03:30:30.000Z' }, [{ path: 'database/cms.sqlite', file: path.join(work, 'sorgente', 'database', 'cms.sqlite') }], FAST);
    const spliced = copy('innesto', (bytes) => Buffer.concat([bytes.subarray(0, HEADER_BYTES), fs.readFileSync(other).subarray(HEADER_BYTES)]));
    expect((await failure(spliced)).kind).toBe('tampered');
  });

  it('accepts only plainly relative paths', () => {
    expect(checkEntryPath('uploads/a/b.jpg')).toBe('uploads/a/b.jpg');
    for (const bad of ['../fuori', 'uploads/../../fuori', '/assoluto', 'a//b', 'a\\b', 'a/./b', '', 'nul\0']) expect(() => checkEntryPath(bad), bad).toThrow(ArchiveError);
  });
});
