/**
 * Backup and restore end to end, on real things: the demo content and users on a Strapi with SQLite, plus an
 * upload attached to a published practice with a pending draft, a citizen's pact proposal with private
 * contacts, an API token, and what the demo partner creates in the admin (a draft practice, a draft pact, a
 * need record: its own by `createdBy`).
 *
 * - `npm run backup`, then a restore onto a fresh SQLite file: every row of every type (admin users, roles,
 *   API tokens, ids and `createdBy` included) and every uploaded file's bytes are what they were, the API
 *   token still opens the API, and the demo partner signs in with its password and finds its entries.
 * - A flipped byte, a swapped block, another kind of database, an older archive: each refused, nothing changed.
 * - The portable export (SQLite → PostgreSQL, through `npm run restore` with Meilisearch and a site build hook):
 *   the same content, the search index holds exactly the published entries, the same snapshot for the site
 *   (so the same site, file for file: a build reads nothing else).
 * - PostgreSQL → PostgreSQL: on the migrated CMS the partner, invited again, creates its entries;
 *   `npm run backup` while it runs, a restore onto another database: the same round trip.
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
import { MAGIC } from '@coesione/scripts/lib/backup-archive.ts';
import { inspectPortable } from '@coesione/scripts/lib/backup-portable.ts';
import { ARCHIVE_SUFFIX, BackupError, createBackup, createPortableBackup, italianDate, latestArchive, PORTABLE_SUFFIX, restoreBackup, verifyArchive } from '@coesione/scripts/lib/backup.ts';
import { ROOT } from '@coesione/scripts/lib/paths.ts';
import { freePort } from '@coesione/scripts/lib/ports.ts';
import { startPostgres, type PostgresCluster } from '@coesione/scripts/lib/postgres.ts';
import { packageFile } from '@coesione/scripts/lib/strapi.ts';
import { DEMO_USERS, seed } from '@coesione/scripts/seed/seed.ts';
import { adminToken } from './support/admin.ts';
import { startCms, type TestCms } from './support/cms.ts';
import { startCmsProcess } from '@coesione/scripts/lib/cms-process.ts';
import { send } from './support/http.ts';
import { indexedKeys } from './support/indexed.ts';
import { startMeili, type TestMeili } from '@coesione/scripts/lib/meili.ts';

const KEY = 'chiave-di-prova-dei-backup-0123456789';
// A portable restore runs Strapi's CLI (which compiles the CMS, boots it and writes every row); each restore boots the CMS again.
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

/**
 * What a restore must bring back. `all`: every row of every type, ids and admin links included (the
 * database's own dump). `portable`: what Strapi's export carries; ids are renumbered by its import, and
 * the admin's types (so `createdBy` and `updatedBy`) and content releases are left out by design.
 */
type View = 'all' | 'portable';

type Attribute = { type: string; relation?: string; target?: string; component?: string; repeatable?: boolean };
const NOT_PORTABLE = new Set(['id', 'createdBy', 'updatedBy']);
/**
 * Strapi deletes and re-creates at boot a role's permission it was given in another form than it stored (the
 * partner's `api::partner-queue`, given without `properties`, is stored with `{}`): the same grant under a new
 * id and dates, whether or not a restore came between. Permissions are compared by what they grant, and roles
 * by their other fields.
 */
const BY_CONTENT: Record<string, Set<string>> = { 'admin::permission': new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt']), 'admin::role': new Set(['permissions']) };
const skipped = (view: View, name: string, uid = '') => (view === 'portable' ? NOT_PORTABLE.has(name) : Boolean(BY_CONTENT[uid]?.has(name)));
const attributesOf = (strapi: Core.Strapi, uid: string) => strapi.getModel(uid as UID.Schema).attributes as unknown as Record<string, Attribute>;
const isLink = (view: View, a: Attribute) => (a.type === 'relation' && !a.relation?.startsWith('morph') && (view === 'all' || !a.target?.startsWith('admin::'))) || a.type === 'media';

/** Every relation and media field as its documentId, components in full, recursively. */
function populateOf(strapi: Core.Strapi, view: View, uid: string): Record<string, unknown> {
  const populate: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributesOf(strapi, uid))) {
    if (skipped(view, name, uid)) continue;
    if (isLink(view, attribute)) populate[name] = { select: ['documentId'] };
    else if (attribute.type === 'component') {
      const nested = populateOf(strapi, view, attribute.component!);
      populate[name] = Object.keys(nested).length > 0 ? { populate: nested } : true;
    } else if (attribute.type === 'dynamiczone') populate[name] = true;
  }
  return populate;
}

const sortKeys = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(sortKeys) : value && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])])) : value;

/** One entry as data, whatever the database: dates as ISO instants, decimals as numbers, links as documentIds. */
function canonical(strapi: Core.Strapi, view: View, uid: string, row: Record<string, unknown>): Record<string, unknown> {
  const attributes = attributesOf(strapi, uid);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(row).sort()) {
    const attribute = attributes[key];
    const value = row[key];
    if (skipped(view, key, uid) || (attribute && attribute.type === 'relation' && !isLink(view, attribute))) continue;
    if (value === null || value === undefined || !attribute) out[key] = value ?? null;
    else if (isLink(view, attribute)) out[key] = Array.isArray(value) ? value.map((v: { documentId: string }) => v.documentId) : (value as { documentId: string }).documentId;
    else if (attribute.type === 'component') {
      const one = (v: Record<string, unknown>) => canonical(strapi, view, attribute.component!, v);
      out[key] = Array.isArray(value) ? value.map(one) : one(value as Record<string, unknown>);
    } else if (attribute.type === 'datetime' || attribute.type === 'timestamp') out[key] = new Date(value as string).toISOString();
    else if (attribute.type === 'decimal' || attribute.type === 'float' || attribute.type === 'biginteger') out[key] = Number(value);
    else out[key] = sortKeys(value);
  }
  return out;
}

const typesOf = (strapi: Core.Strapi, view: View) =>
  Object.keys(strapi.contentTypes)
    .filter((uid) => view === 'all' || (!uid.startsWith('admin::') && !uid.startsWith('plugin::content-releases.')))
    .sort();

async function digest(strapi: Core.Strapi, view: View): Promise<Digest> {
  const result: Digest = { counts: {}, entries: {}, files: {} };
  for (const uid of typesOf(strapi, view)) {
    const rows = (await strapi.db.query(uid as UID.Schema).findMany({ populate: populateOf(strapi, view, uid) })) as Record<string, unknown>[];
    result.counts[uid] = rows.length;
    result.entries[uid] = Object.fromEntries(
      rows.map((row) => {
        const entry = JSON.stringify(canonical(strapi, view, uid, row));
        return [view === 'all' && BY_CONTENT[uid]?.has('documentId') ? entry : `${String(row.documentId)}|${String(row.locale ?? '-')}|${row.publishedAt ? 'published' : 'draft'}`, entry];
      }),
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

/** The keys whose values differ between two records, as `key: differs | missing | extra`, sorted. */
const keyedChanges = (expected: Record<string, string>, actual: Record<string, string>): string[] =>
  [...new Set([...Object.keys(expected), ...Object.keys(actual)])]
    .filter((k) => expected[k] !== actual[k])
    .sort()
    .map((k) => `${k}: ${expected[k] === undefined ? 'extra' : actual[k] === undefined ? 'missing' : `differs${fieldsThatDiffer(expected[k]!, actual[k]!)}`}`);

/** For two JSON objects, the fields that differ and their values (shortened), to read a failure. */
function fieldsThatDiffer(a: string, b: string): string {
  let x: Record<string, unknown>, y: Record<string, unknown>;
  try {
    [x, y] = [JSON.parse(a), JSON.parse(b)];
  } catch {
    return '';
  }
  if (!x || !y || typeof x !== 'object' || typeof y !== 'object') return '';
  const short = (v: unknown) => JSON.stringify(v)?.slice(0, 80);
  const fields = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((f) => JSON.stringify(x[f]) !== JSON.stringify(y[f]));
  return ` (${fields.map((f) => `${f}: ${short(x[f])} → ${short(y[f])}`).join('; ')})`;
}

/**
 * What a site build reads from a CMS (a snapshot), keyed for comparison: every entry by type and documentId,
 * every upload by URL, the ratings. Without the snapshot's time and address and without row ids (renumbered
 * on import; no page shows one), objects' keys in one order.
 */
function siteInput(snapshot: Snapshot): Record<string, string> {
  // Keys sorted: PostgreSQL's jsonb keeps an object's keys in its own order (the same data, and the same pages).
  const strip = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(strip)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'id').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, strip(v)]))
        : value;
  const out: Record<string, string> = { ratings: JSON.stringify(strip(snapshot.ratings)) };
  for (const [type, list] of Object.entries(snapshot.entries)) for (const entry of list) out[`${type} ${(entry as { documentId: string }).documentId}`] = JSON.stringify(strip(entry));
  for (const [url, bytes] of Object.entries(snapshot.uploads)) out[`upload ${url}`] = bytes;
  return out;
}

// --- the source: demo content and a few entries of our own ------------------------------------------------

/** The source as the database's own dump must bring it back, and as Strapi's export must. */
let source: Digest;
let sourcePortable: Digest;
/** The site built from the original CMS's snapshot, started when the source CMS stops. */
let sourceSnapshot: Snapshot;
let archive: string;
let portableArchive: string;
let pdfBytes: Buffer;
let uploadUrl: string;
let apiToken: string;
let partnerEntries: PartnerEntries;
let pg: PostgresCluster | undefined;
let meili: TestMeili | undefined;
let restoredPostgresUrl: string;
let restoredPostgresDir: string;
/** The CMS as migrated to PostgreSQL: what Strapi's export carried. */
let migrated: Digest | undefined;

const CM = '/content-manager/collection-types';
const PRACTICE = 'api::practice.practice';
const PACT = 'api::pact.pact';
const RECORD = 'api::need-record.need-record';
type PartnerEntries = Record<typeof PRACTICE | typeof PACT | typeof RECORD, string>;

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

/** What the demo partner creates in the admin, as it does: a draft practice, a draft pact, a need record. */
async function addPartnerEntries(cms: TestCms, tag: string): Promise<PartnerEntries> {
  const token = await adminToken(cms, DEMO_USERS.partner.email, DEMO_USERS.partner.password);
  const vercelli = (await cms.strapi.documents('api::municipality.municipality').findFirst({ filters: { istatCode: '002158' } }))!;
  const casa = (await cms.strapi.db.query('api::need-category.need-category').findOne({ where: { slug: 'casa' } })) as { documentId: string };
  const bodies: Record<keyof PartnerEntries, unknown> = {
    [PRACTICE]: {
      title: `Bozza del partner ${tag}`, slug: `bozza-del-partner-${tag}`, summary: 'Creata dal partner prima del backup.', state: 'attiva', evidenceLevel: 'descrittiva',
      location: { address: 'Piazza Municipio 1', municipality: vercelli.documentId, latitude: 45.3239, longitude: 8.4236 },
    },
    [PACT]: { title: `Patto del partner ${tag}`, slug: `patto-del-partner-${tag}`, summary: 'Un patto in bozza.', commonGood: 'Aiuola di via Roma', kind: 'ordinario' },
    [RECORD]: { month: '2026-11', ageBand: 'eta_30_49', municipality: vercelli.documentId, categories: [casa.documentId], internalCode: `FASCICOLO-${tag}` },
  };
  const created = {} as PartnerEntries;
  for (const [uid, body] of Object.entries(bodies) as [keyof PartnerEntries, unknown][]) {
    const res = await cms.api(`${CM}/${uid}${uid === RECORD ? '' : '?locale=it'}`, { method: 'POST', token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    created[uid] = res.body.data.documentId;
  }
  return created;
}

/** The demo partner signs in with its password, finds its own entries in its lists, and may still edit its draft. */
async function expectPartnerOwns(url: string, own: PartnerEntries): Promise<void> {
  const json = { 'content-type': 'application/json' };
  const login = await send(`${url}/admin/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: DEMO_USERS.partner.email, password: DEMO_USERS.partner.password }) });
  expect(login.status, login.text).toBe(200);
  const auth = { authorization: `Bearer ${login.json.data.token ?? login.json.data.accessToken}` };
  for (const [uid, documentId] of Object.entries(own)) {
    const list = await send(`${url}${CM}/${uid}?page=1&pageSize=100`, { headers: auth });
    expect(list.status, list.text.slice(0, 500)).toBe(200);
    expect(list.json.results.map((r: { documentId: string }) => r.documentId), uid).toContain(documentId);
  }
  const edit = await send(`${url}${CM}/${PRACTICE}/${own[PRACTICE]}?locale=it`, { method: 'PUT', headers: { ...auth, ...json }, body: JSON.stringify({ summary: 'Modificata dopo il ripristino.' }) });
  expect(edit.status, edit.text.slice(0, 500)).toBe(200);
}

/**
 * `check` against the CMS on `dataDir` and `env` as a process of its own, as a deploy runs it. The admin's
 * routes are checked there, not on a second Strapi in this process: the CMS adds its guards to the route
 * definitions of Strapi's plugins, which a second Strapi in one process shares with the first (stopped) one.
 */
async function asProcess(env: Record<string, string>, dataDir: string, check: (url: string) => Promise<void>): Promise<void> {
  const cms = await startCmsProcess(env, { dataDir });
  try {
    await check(cms.url);
  } finally {
    await cms.stop();
  }
}

/** The same partner on a CMS that lost its admin users (the portable migration): invited again with the same e-mail. */
async function inviteDemoPartner(cms: TestCms): Promise<void> {
  const role = (await cms.strapi.service('admin::role').findOne({ code: 'coesione-partner' })) as { id: number };
  await cms.strapi.service('admin::user').create({ ...DEMO_USERS.partner, isActive: true, registrationToken: null, roles: [role.id] });
}

const flipByte = (bytes: Buffer, at: number) => {
  bytes[at] = bytes[at]! ^ 0x40;
  return bytes;
};
const swapBlocks = (bytes: Buffer, a: number, b: number) => {
  const first = Buffer.from(bytes.subarray(a, a + 16));
  bytes.copy(bytes, a, b, b + 16);
  first.copy(bytes, b);
  return bytes;
};
/** A copy of the archive with `change` applied to its bytes. */
function altered(name: string, change: (bytes: Buffer) => Buffer): string {
  const file = path.join(work, `${name}${ARCHIVE_SUFFIX}`);
  fs.writeFileSync(file, change(Buffer.from(fs.readFileSync(archive))));
  return file;
}

beforeAll(async () => {
  const dir = folder('source');
  const cms = await timed('boot the source CMS (SQLite)', () => startCms(sqliteTarget(dir)));
  try {
    // Every type, need records included, but a twentieth of them (50 synthetic people, not 1,000): the
    // archive's machinery is the same, and Strapi's portable import of all the demo's records took minutes.
    await timed('seed', () => seed(cms.strapi, { today: new Date('2026-11-20T10:00:00Z'), needPeople: 50 }));
    await addOwnEntries(cms);
    partnerEntries = await addPartnerEntries(cms, 'sqlite');
    apiToken = ((await cms.strapi.service('admin::api-token').create({ name: 'Lettura per il test dei backup', type: 'read-only', lifespan: null })) as { accessKey: string }).accessKey;
    source = await timed('digest', () => digest(cms.strapi, 'all'));
    sourcePortable = await digest(cms.strapi, 'portable');
    sourceSnapshot = await takeSnapshot(cms.url);
    // While the CMS runs, as a nightly backup would.
    archive = (await timed('backup (SQLite)', () => createBackup({ key: KEY, file: path.join(work, 'dal-sqlite') }))).file;
    portableArchive = (await timed('portable export (SQLite)', () => createPortableBackup({ key: KEY, file: path.join(work, 'dal-sqlite') }))).file;
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
  it('writes one encrypted archive, readable by its owner only, whose authenticated index names its date, database, schema and files', async () => {
    expect(archive.endsWith(ARCHIVE_SUFFIX)).toBe(true);
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);
    const raw = fs.readFileSync(archive);
    expect(raw.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    expect(raw.includes(Buffer.from('carla.esempio@example.org'))).toBe(false);
    expect(raw.includes(Buffer.from('SQLite format 3'))).toBe(false);
    const manifest = await verifyArchive(archive, KEY);
    expect(manifest.database.client).toBe('sqlite');
    expect(Date.now() - Date.parse(manifest.createdAt)).toBeLessThan(30 * 60_000);
    expect(manifest.schema.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.schema.strapi).toMatch(/^5\./);
    expect(manifest.files[0]).toMatchObject({ path: 'database/cms.sqlite.gz' });
    expect(manifest.files.map((f) => f.path)).toContain(`uploads/${path.basename(uploadUrl)}`);
    await expect(verifyArchive(archive, 'un-altra-chiave-lunga-abbastanza')).rejects.toThrow(/La chiave BACKUP_KEY non apre/);
    // Nothing left behind: no partial file beside it, no plaintext dump in the data folder, no log in the CMS folder.
    expect(fs.readdirSync(path.dirname(archive)).filter((f) => f.includes('partial'))).toEqual([]);
    expect(fs.readdirSync(path.join(work, 'source')).filter((f) => f.startsWith('.backup-'))).toEqual([]);
    expect(fs.readdirSync(path.join(ROOT, 'cms')).filter((f) => /^(export|import)_\d+\.log$/.test(f))).toEqual([]);
  });

  it('with --portable writes Strapi’s export, for moving to the other kind of database', async () => {
    expect(portableArchive.endsWith(PORTABLE_SUFFIX)).toBe(true);
    expect(fs.statSync(portableArchive).mode & 0o777).toBe(0o600);
    const info = await inspectPortable(portableArchive, KEY);
    expect(info.strapiVersion).toMatch(/^5\./);
    expect(Object.keys(info.sections)).toEqual(expect.arrayContaining(['schemas', 'entities', 'links', 'configuration', 'assets']));
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

  it('SQLite → SQLite: says what the archive is, and brings back every row (admin users, tokens, createdBy), every upload, and the partner’s own entries', async () => {
    restored = folder('sqlite');
    const res = await timed('npm run restore into a fresh SQLite', () => npmScript('restore', ['--file', archive], { ...sqliteTarget(restored), BACKUP_KEY: KEY }));
    expect(res.code, res.err + res.out).toBe(0);
    const manifest = await verifyArchive(archive, KEY);
    expect(res.out).toContain(`verificato con la chiave: archivio del ${italianDate(manifest.createdAt)}: database SQLite`);
    expect(res.out).toContain(`schema ${manifest.schema.fingerprint.slice(0, 12)}`);
    expect(res.out).toMatch(/ripristinato in SQLite .*cms\.db/);
    expect(res.out + res.err).not.toContain(KEY);
    expect(fs.readdirSync(restored).filter((f) => f.startsWith('.ripristino-'))).toEqual([]);
    const cms = await timed('boot the restored CMS (SQLite)', () => startCms(sqliteTarget(restored)));
    try {
      const after = await digest(cms.strapi, 'all');
      expect(differences(source, after)).toEqual([]);
      expect(after.counts['admin::user']).toBeGreaterThanOrEqual(3);
      expect(after.files[uploadUrl]).toBe(createHash('sha256').update(pdfBytes).digest('hex'));
      const submission = await cms.strapi.db.query('api::submission.submission').findOne({ where: { receipt: 'B4CK-0P00-0001' } });
      expect(submission).toMatchObject({ email: 'carla.esempio@example.org', contactName: 'Carla Esempio', phone: '0161 000000' });
      // The API token made before the backup still opens the API; a made-up one does not.
      // The site's whole input is back too.
      expect(keyedChanges(siteInput(sourceSnapshot), siteInput(await takeSnapshot(cms.url)))).toEqual([]);
    } finally {
      await cms.stop();
    }
    await timed('the restored CMS as a process: the partner and the API token', () =>
      asProcess(sqliteTarget(restored), restored, async (url) => {
        await expectPartnerOwns(url, partnerEntries);
        // The API token made before the backup still opens the API; a made-up one does not.
        expect((await send(`${url}/api/practices?pagination[pageSize]=1`, { headers: { authorization: `Bearer ${apiToken}` } })).status).toBe(200);
        expect((await send(`${url}/api/practices?pagination[pageSize]=1`, { headers: { authorization: `Bearer ${'inventato'.repeat(10)}` } })).status).toBe(401);
      }),
    );
  }, LONG);

  it('refuses a database that already holds content, and changes nothing', async () => {
    Object.assign(process.env, sqliteTarget(restored));
    const before = sha256File(path.join(restored, 'cms.db'));
    const refusal = restoreBackup({ file: archive, key: KEY });
    await expect(refusal).rejects.toThrow(BackupError);
    await expect(refusal).rejects.toThrow(/nulla è stato modificato:\n- il database di destinazione \(SQLite .*\) contiene già dei contenuti \(.*practice \d+.*\).*\n.*--force/);
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

  it.each([
    ['a flipped byte', (bytes: Buffer) => flipByte(bytes, Math.floor(bytes.length / 2))],
    ['two blocks swapped', (bytes: Buffer) => swapBlocks(bytes, 65 + 16 * Math.floor(bytes.length / 48), 65 + 16 * Math.floor(bytes.length / 24))],
    ['its last kilobyte cut off', (bytes: Buffer) => bytes.subarray(0, bytes.length - 1024)],
  ])('refuses an archive with %s, even with --force, and writes nothing', async (name, change) => {
    const file = altered(name.replace(/\W+/g, '-'), change);
    const dir = folder(`alterato-${name.replace(/\W+/g, '-')}`);
    Object.assign(process.env, sqliteTarget(dir));
    const refusal = restoreBackup({ file, key: KEY, force: true });
    await expect(refusal).rejects.toThrow(BackupError);
    await expect(refusal).rejects.toThrow(/non supera la verifica di autenticità .*alterato o è danneggiato.*Nulla è stato modificato/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses an archive older than the newest one restored here, saying both dates; --force restores it', async () => {
    const older = await verifyArchive(archive, KEY);
    Object.assign(process.env, sqliteTarget(path.join(work, 'source')));
    const newer = await createBackup({ key: KEY, file: path.join(work, 'piu-recente') });
    // The installation remembers its newest archive, made or restored: what an older one is checked against.
    expect(latestArchive()).toMatchObject({ createdAt: newer.manifest.createdAt, file: path.basename(newer.file), action: 'backup' });
    const dir = folder('piu-recente');
    Object.assign(process.env, sqliteTarget(dir));
    await timed('restore the newer archive', () => restoreBackup({ file: newer.file, key: KEY }));
    const before = sha256File(path.join(dir, 'cms.db'));
    const refusal = restoreBackup({ file: archive, key: KEY });
    await expect(refusal).rejects.toThrow(BackupError);
    await expect(refusal).rejects.toThrow(
      `l’archivio è del ${italianDate(older.createdAt)}, più vecchio dell’ultimo archivio ripristinato su questa installazione (${path.basename(newer.file)}, del ${italianDate(newer.manifest.createdAt)})`,
    );
    expect(sha256File(path.join(dir, 'cms.db'))).toBe(before);
    const forced = await restoreBackup({ file: archive, key: KEY, force: true });
    expect(forced.overridden.join('\n')).toMatch(/più vecchio dell’ultimo/);
    expect(forced.summary.createdAt).toBe(older.createdAt);
    // The mark only moves forward: the older archive needs --force again.
    expect(latestArchive()).toMatchObject({ createdAt: newer.manifest.createdAt, action: 'ripristino' });
  }, LONG);

  it('SQLite → PostgreSQL (the migration, with the portable export): npm run restore, then the search index and the site hook; the CMS boots with the same content and gives the site the same snapshot', async () => {
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
      const res = await timed('npm run restore into PostgreSQL (portable, with the reindex)', () =>
        npmScript('restore', ['--file', portableArchive], {
          ...postgresTarget(restoredPostgresDir, restoredPostgresUrl),
          BACKUP_KEY: KEY,
          MEILISEARCH_URL: meili!.url,
          MEILI_MASTER_KEY: meili!.masterKey,
          SITE_REBUILD_HOOK_URL: `http://127.0.0.1:${hookPort}/build`,
        }),
      );
      expect(res.code, res.err + res.out).toBe(0);
      expect(res.out).toMatch(/export portabile di Strapi/);
      expect(res.out).toMatch(/ripristinato in PostgreSQL 127\.0\.0\.1:\d+\/restored/);
      expect(res.out).toMatch(/indice di ricerca ricostruito: \d+ documenti/);
      expect(res.out).toMatch(/utenti del pannello: crea il primo amministratore/);
      expect(res.out + res.err).not.toContain(KEY);
      expect(hooks).toContain('POST /build');
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
    // One search document per published entry of a searchable type in the original, and nothing else.
    const published = SEARCH_TYPES.flatMap((key) =>
      Object.keys(sourcePortable.entries[TYPES[key].uid] ?? {})
        .map((k) => k.split('|') as [string, string, string])
        .filter(([, , version]) => version === 'published')
        .map(([documentId, locale]) => documentKey(key, documentId, locale)),
    );
    expect(await indexedKeys(meili)).toEqual(published.sort());

    const cms = await timed('boot the restored CMS (PostgreSQL)', () => startCms(postgresTarget(restoredPostgresDir, restoredPostgresUrl)));
    try {
      migrated = await digest(cms.strapi, 'portable');
      expect((await cms.api(`/api/practices?filters[slug][$eq]=buona-prassi-del-backup`)).body.data[0]).toMatchObject({ title: 'Buona prassi del backup' });
      expect(differences(sourcePortable, migrated)).toEqual([]);
      // What the portable export cannot carry.
      expect(await cms.strapi.db.query('admin::user').count()).toBe(0);
      // The same site: a build is a function of its snapshot alone (public/site.ts builds from the CMS and from
      // its snapshot and finds every file identical), so the same snapshot is the same site, file for file.
      const original = siteInput(sourceSnapshot);
      expect(Object.keys(original).length).toBeGreaterThan(100);
      expect(keyedChanges(original, siteInput(await takeSnapshot(cms.url)))).toEqual([]);
    } finally {
      await cms.stop();
    }
  }, LONG);

  it('refuses a backup of SQLite on PostgreSQL, even with --force, and points to the portable export', async () => {
    const url = await pg!.createDatabase('altro_tipo');
    const dir = folder('altro-tipo');
    Object.assign(process.env, postgresTarget(dir, url));
    await expect(restoreBackup({ file: archive, key: KEY, force: true })).rejects.toThrow(
      /backup di un database SQLite, ma il CMS è configurato per PostgreSQL .*npm run backup -- --portable.*Nulla è stato modificato/,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('PostgreSQL → PostgreSQL: a backup of the running CMS restores onto another database, admin users and the partner’s entries included', async () => {
    const running = await startCms(postgresTarget(restoredPostgresDir, restoredPostgresUrl));
    let second: string;
    let before: Digest;
    let own: PartnerEntries;
    try {
      await inviteDemoPartner(running);
      own = await addPartnerEntries(running, 'postgres');
      before = await digest(running.strapi, 'all');
      const res = await timed('npm run backup (PostgreSQL)', () => npmScript('backup', ['--file', path.join(work, 'dal-postgres')], { ...postgresTarget(restoredPostgresDir, restoredPostgresUrl), BACKUP_KEY: KEY }));
      expect(res.code, res.err + res.out).toBe(0);
      expect(res.out).toMatch(/Backup scritto: .*dal-postgres\.backup/);
      expect(res.out).toMatch(/database PostgreSQL 127\.0\.0\.1:\d+\/restored/);
      expect(res.out + res.err).not.toContain(KEY);
      second = path.join(work, 'dal-postgres.backup');
    } finally {
      await running.stop();
    }
    const url = await pg!.createDatabase('again');
    const dir = folder('postgres-2');
    Object.assign(process.env, postgresTarget(dir, url));
    await timed('restore into another PostgreSQL database', () => restoreBackup({ file: second, key: KEY }));
    const cms = await timed('boot the CMS restored from PostgreSQL', () => startCms(postgresTarget(dir, url)));
    try {
      expect(differences(before, await digest(cms.strapi, 'all'))).toEqual([]);
    } finally {
      await cms.stop();
    }
    await timed('the CMS restored from PostgreSQL as a process: the partner', () => asProcess(postgresTarget(dir, url), dir, (cmsUrl) => expectPartnerOwns(cmsUrl, own)));
  }, LONG);
});
