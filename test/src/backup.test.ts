/**
 * Backup and restore end to end, on real things: the demo content on a Strapi with SQLite, plus an upload
 * attached to a published practice with a pending draft, and a citizen's pact proposal with private contacts;
 * `npm run backup`, then restores onto a fresh SQLite file, onto PostgreSQL (the migration path, through
 * `npm run restore` with Meilisearch and a site build hook) and from that PostgreSQL onto another database.
 * After each restore the CMS boots on the result and every entry (fields, components and relations by
 * documentId, draft and published apart) and every uploaded file's bytes are what they were; after the
 * migration the search index holds exactly the published entries, and the site built from the restored CMS
 * is the site built from the original, file for file.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Core, UID } from '@strapi/strapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TYPES } from '@coesione/model';
import { taggedPdf } from '@coesione/pdf';
import { takeSnapshot, type Snapshot } from '@coesione/cms-client';
import { documentKey, SEARCH_TYPES } from '@coesione/search';
import { ARCHIVE_SUFFIX, BackupError, createBackup, inspectArchive, restoreBackup } from '../../scripts/src/lib/backup.ts';
import { ROOT } from '../../scripts/src/lib/paths.ts';
import { freePort } from '../../scripts/src/lib/ports.ts';
import { startPostgres, type PostgresCluster } from '../../scripts/src/lib/postgres.ts';
import { packageFile } from '../../scripts/src/lib/strapi.ts';
import { seed } from '../../scripts/src/seed/seed.ts';
import { startCms, type TestCms } from './support/cms.ts';
import { indexedKeys } from './support/indexed.ts';
import { startMeili, type TestMeili } from './support/meili.ts';
import { buildSite } from './support/site.ts';

const KEY = 'chiave-di-prova-dei-backup-0123456789';
// A restore runs Strapi's CLI (which compiles the CMS, boots it and writes every row) and boots the CMS again.
const LONG = 300_000;
const TSX_CLI = packageFile('tsx', 'dist/cli.mjs', ROOT);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-backup-'));
const timings: Record<string, number> = {};

async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await step();
  } finally {
    timings[label] = (Date.now() - started) / 1000;
    console.log(`  backup.test: ${label} ${timings[label]!.toFixed(1)} s`);
  }
}

/** The variables that point the CMS, and so backup and restore, at a database and a data folder. */
const sqliteTarget = (dir: string) => ({ COESIONE_DATA_DIR: dir, CMS_PUBLIC_DIR: '', DATABASE_CLIENT: 'sqlite', DATABASE_URL: '', DATABASE_FILENAME: path.join(dir, 'cms.db') });
const postgresTarget = (dir: string, url: string) => ({ COESIONE_DATA_DIR: dir, CMS_PUBLIC_DIR: '', DATABASE_CLIENT: 'postgres', DATABASE_URL: url, DATABASE_FILENAME: '' });
const folder = (name: string) => {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};

/** `npm run backup|restore -- …` as an operator runs it: its exit code and output. */
function npmScript(name: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, path.join(ROOT, 'scripts', 'src', `${name}.ts`), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

// --- what must survive: a digest of the content --------------------------------------------------------

interface Digest {
  /** Rows per content type (drafts and published versions are rows of their own). */
  counts: Record<string, number>;
  /** Per type, per `documentId|locale|draft-or-published`: the canonical JSON of the entry. */
  entries: Record<string, Record<string, string>>;
  /** sha256 of every uploaded file and format, by URL. */
  files: Record<string, string>;
}

type Attribute = { type: string; relation?: string; target?: string; component?: string; repeatable?: boolean };
// Changed by design: ids are renumbered on import, and admin users (createdBy/updatedBy) are not in the archive.
const NOT_COMPARED = new Set(['id', 'createdBy', 'updatedBy']);
const attributesOf = (strapi: Core.Strapi, uid: string) => strapi.getModel(uid as UID.Schema).attributes as unknown as Record<string, Attribute>;
const isLink = (a: Attribute) => (a.type === 'relation' && !a.relation?.startsWith('morph') && !a.target?.startsWith('admin::')) || a.type === 'media';

/** Every relation and media field as its documentId, components in full, recursively. */
function populateOf(strapi: Core.Strapi, uid: string): Record<string, unknown> {
  const populate: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributesOf(strapi, uid))) {
    if (NOT_COMPARED.has(name)) continue;
    if (isLink(attribute)) populate[name] = { select: ['documentId'] };
    else if (attribute.type === 'component') {
      const nested = populateOf(strapi, attribute.component!);
      populate[name] = Object.keys(nested).length > 0 ? { populate: nested } : true;
    } else if (attribute.type === 'dynamiczone') populate[name] = true;
  }
  return populate;
}

const sortKeys = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(sortKeys) : value && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])])) : value;

/** One entry as data, whatever the database: dates as ISO instants, decimals as numbers, links as documentIds. */
function canonical(strapi: Core.Strapi, uid: string, row: Record<string, unknown>): Record<string, unknown> {
  const attributes = attributesOf(strapi, uid);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(row).sort()) {
    const attribute = attributes[key];
    const value = row[key];
    if (NOT_COMPARED.has(key) || (attribute && attribute.type === 'relation' && !isLink(attribute))) continue;
    if (value === null || value === undefined || !attribute) out[key] = value ?? null;
    else if (isLink(attribute)) out[key] = Array.isArray(value) ? value.map((v: { documentId: string }) => v.documentId) : (value as { documentId: string }).documentId;
    else if (attribute.type === 'component') {
      const one = (v: Record<string, unknown>) => canonical(strapi, attribute.component!, v);
      out[key] = Array.isArray(value) ? value.map(one) : one(value as Record<string, unknown>);
    } else if (attribute.type === 'datetime' || attribute.type === 'timestamp') out[key] = new Date(value as string).toISOString();
    else if (attribute.type === 'decimal' || attribute.type === 'float' || attribute.type === 'biginteger') out[key] = Number(value);
    else out[key] = sortKeys(value);
  }
  return out;
}

/** What Strapi's transfer carries: every content type but the admin's and content releases. */
const transferredTypes = (strapi: Core.Strapi) =>
  Object.keys(strapi.contentTypes)
    .filter((uid) => !uid.startsWith('admin::') && !uid.startsWith('plugin::content-releases.'))
    .sort();

async function digest(strapi: Core.Strapi): Promise<Digest> {
  const result: Digest = { counts: {}, entries: {}, files: {} };
  for (const uid of transferredTypes(strapi)) {
    const rows = (await strapi.db.query(uid as UID.Schema).findMany({ populate: populateOf(strapi, uid) })) as Record<string, unknown>[];
    result.counts[uid] = rows.length;
    result.entries[uid] = Object.fromEntries(
      rows.map((row) => [`${String(row.documentId)}|${String(row.locale ?? '-')}|${row.publishedAt ? 'published' : 'draft'}`, JSON.stringify(canonical(strapi, uid, row))]),
    );
  }
  const files = (await strapi.db.query('plugin::upload.file').findMany({})) as { url: string; formats: Record<string, { url: string }> | null }[];
  for (const file of files) {
    for (const url of [file.url, ...Object.values(file.formats ?? {}).map((f) => f.url)]) {
      result.files[url] = createHash('sha256').update(fs.readFileSync(path.join(strapi.dirs.static.public, url))).digest('hex');
    }
  }
  return result;
}

/** Where two values differ, as `path: before → after` (array indices kept, so a reordered relation shows). */
function fieldChanges(before: unknown, after: unknown, at = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (before && after && typeof before === 'object' && typeof after === 'object' && Array.isArray(before) === Array.isArray(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => fieldChanges((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], at ? `${at}.${k}` : k));
  }
  return [`${at || '(entry)'}: ${JSON.stringify(before) ?? '(missing)'} → ${JSON.stringify(after) ?? '(missing)'}`];
}

/** The differences between two digests, readable: per type, how many entries differ, in which fields, and one example. */
function differences(expected: Digest, actual: Digest): string[] {
  const out: string[] = [];
  for (const uid of new Set([...Object.keys(expected.counts), ...Object.keys(actual.counts)])) {
    if (expected.counts[uid] !== actual.counts[uid]) out.push(`${uid}: ${expected.counts[uid]} rows before, ${actual.counts[uid]} after`);
    const before = expected.entries[uid] ?? {};
    const after = actual.entries[uid] ?? {};
    const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
    if (changed.length === 0) continue;
    const changes = changed.map((k) => (after[k] === undefined ? ['(entry missing)'] : fieldChanges(JSON.parse(before[k]!), JSON.parse(after[k]!))));
    const fields = [...new Set(changes.flat().map((c) => c.split(': ')[0]!.replace(/\.\d+(?=\.|$)/g, '[]')))];
    out.push(`${uid}: ${changed.length} entries differ in ${fields.join(', ')}; e.g. ${changed[0]}: ${changes[0]!.slice(0, 4).join('; ')}`);
  }
  for (const url of new Set([...Object.keys(expected.files), ...Object.keys(actual.files)])) {
    if (expected.files[url] !== actual.files[url]) out.push(`upload ${url}: sha256 ${expected.files[url] ?? '(missing)'} before, ${actual.files[url] ?? '(missing)'} after`);
  }
  return out;
}

const sha256File = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

// --- the site: what a build from the original and one from the restored CMS must share ----------------------

/** Both builds run with the same clock and the same public CMS address, so only the content can differ. */
const SITE_ENV = { BUILD_NOW: '2026-11-20T10:00:00Z', PUBLIC_CMS_URL: 'https://cms.coesione.example' };

/** Every file of a built site, by path, as its sha256. */
function siteFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = sha256File(file);
  }
  return out;
}

/** The keys whose values differ between two records, as `key: differs | missing | extra`, sorted. */
const keyedChanges = (expected: Record<string, string>, actual: Record<string, string>): string[] =>
  [...new Set([...Object.keys(expected), ...Object.keys(actual)])]
    .filter((k) => expected[k] !== actual[k])
    .sort()
    .map((k) => `${k}: ${expected[k] === undefined ? 'extra' : actual[k] === undefined ? 'missing' : 'differs'}`);

/**
 * What a site build reads from a CMS (a snapshot), keyed for comparison: every entry by type and documentId,
 * every upload by URL, the ratings. Without the snapshot's time and address and without row ids (renumbered
 * on import; no page shows one).
 */
function siteInput(snapshot: Snapshot): Record<string, string> {
  const strip = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(strip) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'id').map(([k, v]) => [k, strip(v)])) : value;
  const out: Record<string, string> = { ratings: JSON.stringify(strip(snapshot.ratings)) };
  for (const [type, list] of Object.entries(snapshot.entries)) for (const entry of list) out[`${type} ${(entry as { documentId: string }).documentId}`] = JSON.stringify(strip(entry));
  for (const [url, bytes] of Object.entries(snapshot.uploads)) out[`upload ${url}`] = bytes;
  return out;
}

// --- the source: demo content and a few entries of our own ------------------------------------------------

let source: Digest;
/** The site built from the original CMS's snapshot, started when the source CMS stops. */
let sourceSite: Promise<string>;
let sourceSnapshot: Snapshot;
let archive: string;
let pdfBytes: Buffer;
let uploadUrl: string;
let pg: PostgresCluster | undefined;
let meili: TestMeili | undefined;
let restoredPostgresUrl: string;
let restoredPostgresDir: string;
/** The CMS as migrated to PostgreSQL: what a PostgreSQL → PostgreSQL restore must reproduce. */
let migrated: Digest | undefined;

async function addOwnEntries(cms: TestCms): Promise<void> {
  const strapi = cms.strapi;
  const vercelli = await strapi.documents('api::municipality.municipality').findFirst({ filters: { istatCode: '002158' } });
  const theme = await strapi.documents('api::theme.theme').findFirst({});
  const promoter = await strapi.documents('api::organization.organization').findFirst({ status: 'published' } as never);
  pdfBytes = await taggedPdf({ title: 'Modulo di adesione', lang: 'it-IT', blocks: [{ kind: 'heading', level: 1, text: 'Modulo di adesione' }, { kind: 'paragraph', text: 'Un allegato caricato dal test dei backup.' }] });
  const filepath = path.join(work, 'modulo-di-adesione.pdf');
  fs.writeFileSync(filepath, pdfBytes);
  const [file] = (await strapi.plugin('upload').service('upload').upload({
    data: { fileInfo: { name: 'modulo-di-adesione.pdf', alternativeText: 'Modulo di adesione (PDF)', caption: null } },
    files: { filepath, originalFilename: 'modulo-di-adesione.pdf', mimetype: 'application/pdf', size: pdfBytes.length },
  })) as { id: number; url: string }[];
  uploadUrl = file!.url;
  const practice = await strapi.documents('api::practice.practice').create({
    data: {
      title: 'Buona prassi del backup', slug: 'buona-prassi-del-backup', summary: 'Pubblicata con un allegato, poi modificata in bozza.', state: 'attiva', evidenceLevel: 'descrittiva',
      location: { address: 'Piazza Municipio 1', municipality: vercelli!.documentId, latitude: 45.3239, longitude: 8.4236 },
      themes: [theme!.documentId], promoters: [promoter!.documentId], attachments: [file!.id],
    },
    status: 'published',
  } as never);
  // A change not yet published: the draft and the published version differ, and both must come back.
  await strapi.documents('api::practice.practice').update({ documentId: practice.documentId, data: { title: 'Buona prassi del backup (bozza)' } } as never);
  // A citizen's pact proposal, with the contacts only editors may read.
  await strapi.documents('api::submission.submission').create({
    data: {
      receipt: 'B4CK-0P00-0001', kind: 'patto', state: 'ricevuta', title: 'Cura del giardino della biblioteca', commonGood: 'Giardino della biblioteca',
      description: 'Potare, innaffiare, tenere pulito.', comune: vercelli!.documentId, contactName: 'Carla Esempio', email: 'carla.esempio@example.org', phone: '0161 000000', showName: false,
    },
  } as never);
}

beforeAll(async () => {
  const dir = folder('source');
  const cms = await timed('boot the source CMS (SQLite)', () => startCms(sqliteTarget(dir)));
  try {
    await timed('seed', () => seed(cms.strapi, { today: new Date('2026-11-20T10:00:00Z') }));
    await addOwnEntries(cms);
    source = await timed('digest', () => digest(cms.strapi));
    const snapshot = path.join(work, 'source-snapshot.json');
    sourceSnapshot = await takeSnapshot(cms.url);
    fs.writeFileSync(snapshot, JSON.stringify(sourceSnapshot));
    // Built while the restores run; awaited by the migration test (a failure is kept for it, not thrown here).
    sourceSite = timed('build the site from the original', () => buildSite({ ...SITE_ENV, SITE_SNAPSHOT: snapshot, CMS_URL: 'http://127.0.0.1:9' }, folder('site-original')));
    sourceSite.catch(() => {});
    // While the CMS runs, as a nightly backup would.
    archive = (await timed('backup (SQLite)', () => createBackup({ key: KEY, file: path.join(work, 'dal-sqlite') }))).file;
  } finally {
    await cms.stop();
  }
});

afterAll(async () => {
  await meili?.stop();
  await pg?.stop();
  fs.rmSync(work, { recursive: true, force: true });
  console.log('  backup.test durations (s):', JSON.stringify(timings));
});

describe('npm run backup', () => {
  it('writes one encrypted archive, readable by its owner only, that opens with the key and carries every part', async () => {
    expect(archive.endsWith(ARCHIVE_SUFFIX)).toBe(true);
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);
    const raw = fs.readFileSync(archive);
    expect(raw.includes(Buffer.from('carla.esempio@example.org'))).toBe(false);
    expect(raw.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(false); // not a bare gzip
    const info = await inspectArchive(archive, KEY);
    expect(info.strapiVersion).toMatch(/^5\./);
    expect(Object.keys(info.sections)).toEqual(expect.arrayContaining(['schemas', 'entities', 'links', 'configuration', 'assets']));
    await expect(inspectArchive(archive, 'un-altra-chiave-lunga-abbastanza')).rejects.toThrow(/La chiave BACKUP_KEY non apre/);
    // Nothing left behind: no partial file beside it, no diagnostic log in the CMS folder.
    expect(fs.readdirSync(path.dirname(archive)).filter((f) => f.includes('partial'))).toEqual([]);
    expect(fs.readdirSync(path.join(ROOT, 'cms')).filter((f) => /^(export|import)_\d+\.log$/.test(f))).toEqual([]);
  });

  it.each([
    ['without BACKUP_KEY', '', /manca la chiave di cifratura.*BACKUP_KEY/],
    ['with a BACKUP_KEY under 16 characters', 'corta-15-caratt', /BACKUP_KEY è troppo corta \(15 caratteri/],
  ])('%s it stops with a message in Italian and writes nothing', async (_name, key, message) => {
    const dir = folder(`senza-chiave-${key.length}`);
    const res = await npmScript('backup', ['--file', path.join(dir, 'x')], { ...sqliteTarget(dir), BACKUP_KEY: key });
    expect(res.code).toBe(1);
    expect(res.err).toMatch(message);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('npm run restore', () => {
  let restored: string;

  it('SQLite → SQLite: onto a fresh file, the CMS boots with the same entries, relations, upload bytes and public content', async () => {
    restored = folder('sqlite');
    Object.assign(process.env, sqliteTarget(restored));
    const result = await timed('restore into a fresh SQLite', () => restoreBackup({ file: archive, key: KEY }));
    expect(result.replaced).toEqual({});
    const cms = await timed('boot the restored CMS (SQLite)', () => startCms(sqliteTarget(restored)));
    try {
      const after = await digest(cms.strapi);
      expect(differences(source, after)).toEqual([]);
      expect(after.files[uploadUrl]).toBe(createHash('sha256').update(pdfBytes).digest('hex'));
      // What the archive does not carry, by Strapi's design: the admin's users.
      expect(await cms.strapi.db.query('admin::user').count()).toBe(0);
      const submission = await cms.strapi.db.query('api::submission.submission').findOne({ where: { receipt: 'B4CK-0P00-0001' } });
      expect(submission).toMatchObject({ email: 'carla.esempio@example.org', contactName: 'Carla Esempio', phone: '0161 000000' });
      // The site's whole input is back too (the migration test below builds it and compares the files).
      expect(keyedChanges(siteInput(sourceSnapshot), siteInput(await takeSnapshot(cms.url)))).toEqual([]);
    } finally {
      await cms.stop();
    }
  }, LONG);

  it('refuses a database that already holds content, and changes nothing', async () => {
    Object.assign(process.env, sqliteTarget(restored));
    const before = sha256File(path.join(restored, 'cms.db'));
    const refusal = restoreBackup({ file: archive, key: KEY });
    await expect(refusal).rejects.toThrow(BackupError);
    await expect(refusal).rejects.toThrow(/contiene già dei contenuti \(.*practice \d+.*\): ripristino annullato, nulla è stato modificato.*--force/);
    expect(sha256File(path.join(restored, 'cms.db'))).toBe(before);
  });

  it('with a wrong BACKUP_KEY fails clearly and changes nothing, not even with --force', async () => {
    const before = sha256File(path.join(restored, 'cms.db'));
    const onto = await npmScript('restore', ['--file', archive, '--force'], { ...sqliteTarget(restored), BACKUP_KEY: 'un-altra-chiave-lunga-abbastanza' });
    expect(onto.code).toBe(1);
    expect(onto.err).toMatch(/La chiave BACKUP_KEY non apre .*Nulla è stato modificato/);
    expect(sha256File(path.join(restored, 'cms.db'))).toBe(before);
    const empty = folder('chiave-sbagliata');
    const fresh = await npmScript('restore', ['--file', archive], { ...sqliteTarget(empty), BACKUP_KEY: 'un-altra-chiave-lunga-abbastanza' });
    expect(fresh.code).toBe(1);
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it('SQLite → PostgreSQL (the migration): npm run restore, then the search index and the site hook; the CMS boots with the same content and builds the same site', async () => {
    pg = await timed('start PostgreSQL', () => startPostgres());
    meili = await startMeili();
    restoredPostgresUrl = await pg.createDatabase('restored');
    restoredPostgresDir = folder('postgres');
    const hooks: string[] = [];
    const hook = http.createServer((req, res) => {
      hooks.push(`${req.method} ${req.url}`);
      res.writeHead(202).end();
    });
    const hookPort = await freePort();
    await new Promise<void>((resolve) => hook.listen(hookPort, '127.0.0.1', resolve));
    try {
      const res = await timed('npm run restore into PostgreSQL (with the reindex)', () =>
        npmScript('restore', ['--file', archive], {
          ...postgresTarget(restoredPostgresDir, restoredPostgresUrl),
          BACKUP_KEY: KEY,
          MEILISEARCH_URL: meili!.url,
          MEILI_MASTER_KEY: meili!.masterKey,
          SITE_REBUILD_HOOK_URL: `http://127.0.0.1:${hookPort}/build`,
        }),
      );
      expect(res.code, res.err + res.out).toBe(0);
      expect(res.out).toMatch(/in PostgreSQL 127\.0\.0\.1:\d+\/restored/);
      expect(res.out).toMatch(/indice di ricerca ricostruito: \d+ documenti/);
      expect(res.out + res.err).not.toContain(KEY);
      expect(hooks).toContain('POST /build');
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
    // One search document per published entry of a searchable type in the original, and nothing else.
    const published = SEARCH_TYPES.flatMap((key) =>
      Object.keys(source.entries[TYPES[key].uid] ?? {})
        .map((k) => k.split('|') as [string, string, string])
        .filter(([, , version]) => version === 'published')
        .map(([documentId, locale]) => documentKey(key, documentId, locale)),
    );
    expect(await indexedKeys(meili)).toEqual(published.sort());

    const cms = await timed('boot the restored CMS (PostgreSQL)', () => startCms(postgresTarget(restoredPostgresDir, restoredPostgresUrl)));
    try {
      migrated = await digest(cms.strapi);
      expect((await cms.api(`/api/practices?filters[slug][$eq]=buona-prassi-del-backup`)).body.data[0]).toMatchObject({ title: 'Buona prassi del backup' });
      expect(differences(source, migrated)).toEqual([]);
      const restoredSite = await timed('build the site from the restored CMS', () => buildSite({ ...SITE_ENV, CMS_URL: cms.url }, folder('site-restored')));
      const original = siteFiles(await sourceSite);
      expect(Object.keys(original).length).toBeGreaterThan(100);
      expect(keyedChanges(original, siteFiles(restoredSite))).toEqual([]);
    } finally {
      await cms.stop();
    }
  }, LONG);

  it('PostgreSQL → PostgreSQL: a backup of the migrated CMS restores onto another database', async () => {
    const running = await startCms(postgresTarget(restoredPostgresDir, restoredPostgresUrl));
    let second: string;
    try {
      const res = await timed('npm run backup (PostgreSQL)', () =>
        npmScript('backup', ['--file', path.join(work, 'dal-postgres.tar.gz.enc')], { ...postgresTarget(restoredPostgresDir, restoredPostgresUrl), BACKUP_KEY: KEY }),
      );
      expect(res.code, res.err + res.out).toBe(0);
      expect(res.out).toMatch(/Backup scritto: .*dal-postgres\.tar\.gz\.enc/);
      expect(res.out + res.err).not.toContain(KEY);
      second = path.join(work, 'dal-postgres.tar.gz.enc');
    } finally {
      await running.stop();
    }
    const url = await pg!.createDatabase('again');
    const dir = folder('postgres-2');
    Object.assign(process.env, postgresTarget(dir, url));
    await timed('restore into another PostgreSQL database', () => restoreBackup({ file: second, key: KEY }));
    const cms = await timed('boot the CMS restored from PostgreSQL', () => startCms(postgresTarget(dir, url)));
    try {
      expect(migrated, 'the SQLite → PostgreSQL restore ran').toBeDefined();
      expect(differences(migrated!, await digest(cms.strapi))).toEqual([]);
    } finally {
      await cms.stop();
    }
  }, LONG);
});
