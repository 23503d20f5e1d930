/**
 * `npm run bench:soak`: the CMS held under a mixed load for a long time, as the trust issue asks. Two
 * `strapi start` processes (NODE_ENV=production, JSON logs, as docs/operations.md deploys them) on one
 * durable PostgreSQL (fsync on) and one Meilisearch, the demo content and users seeded; SOAK_CLIENTS (20)
 * loopback clients for SOAK_MINUTES (30), each sending its next request when the last one answered (no
 * pause), alternating between the processes as a balancer would: public REST reads, searches on
 * `GET /api/cerca` (JSON for the island, HTML for the page without JavaScript) and contributions (bench:
 * submissions's mix, each request from its own address). Beside them, the demo Partner imports a month of
 * need records every minute (preview on one process, confirmation on the other), one of those imports
 * being a 20 MB file with errors on every row (the preview alone: the page offers no confirmation), and the
 * demo Editor publishes a practice every 10 s (twenty documents, created then republished in turn).
 *
 * Phases (SOAK_PHASES, default both): `steady`, then `outage`, the same load with Meilisearch stopped for
 * SOAK_OUTAGE_MINUTES (5) in the middle; both CMS processes are restarted between phases (fresh memory),
 * the database carries over. Per route class: requests, 5xx (target 0), answers that never came, p95 in
 * the first and in the last min(5, minutes/3) minutes (and during the outage); each process's resident
 * memory (VmRSS) at the start, after the first window, at the end and after 30 s idle (target: flat), sampled every 15 s;
 * after the outage, how long the search outbox took to drain and whether the index holds the Editor's last
 * titles. Prints a table, writes bench/results/soak.json. Everything it starts is stopped, and every
 * temporary folder removed, at the end, on a failure and on Ctrl-C.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { readAll } from '@coesione/cms-client';
import { createSearchClient, documentKey, INDEX_UID, type SearchDocument } from '@coesione/search';
import { writeResults } from '../lib/bench.ts';
import { benchDatabase } from '../lib/bench-database.ts';
import { startCmsProcess, type CmsProcess } from '../lib/cms-process.ts';
import { startMeili, type TestMeili } from '../lib/meili.ts';
import { ROOT } from '../lib/paths.ts';
import { reindexFromCms } from '../lib/search-setup.ts';
import { ensureCmsBuilt, packageFile, run } from '../lib/strapi.ts';
import { DEMO_USERS } from '../seed/seed.ts';
import { citizenAddress, contribution, type ContributionTargets } from './contributions.ts';
import { HEADER, needCsv } from './need-csv.ts';
import { loadAgent, percentile } from './load.ts';

const positive = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}="${process.env[name]}" is not a positive number.`);
  return value;
};
const MINUTES = positive('SOAK_MINUTES', 30);
const CLIENTS = Math.round(positive('SOAK_CLIENTS', 20));
const OUTAGE_MINUTES = positive('SOAK_OUTAGE_MINUTES', 5);
const PHASES = (process.env.SOAK_PHASES ?? 'steady,outage').split(',').map((p) => p.trim()).filter(Boolean);
for (const phase of PHASES) if (phase !== 'steady' && phase !== 'outage') throw new Error(`Unknown phase "${phase}" in SOAK_PHASES: use steady, outage or both.`);
if (PHASES.includes('outage') && OUTAGE_MINUTES >= MINUTES) throw new Error(`SOAK_OUTAGE_MINUTES (${OUTAGE_MINUTES}) must be shorter than SOAK_MINUTES (${MINUTES}).`);
/** The first and the last window compared: five minutes, or a third of a shorter run. */
const WINDOW_MINUTES = Math.min(5, MINUTES / 3);
const IMPORT_EVERY_MS = 60_000;
const PUBLISH_EVERY_MS = 10_000;
const MEMORY_EVERY_MS = 15_000;
const IMPORT_ROWS = 500;
const BAD_FILE_BYTES = 20 * 2 ** 20;
/** What each client picks, in these proportions. */
const MIX = { 'public read': 0.6, search: 0.3, contribution: 0.1 } as const;
const EDITOR_DOCUMENTS = 20;
/** No answer within this long counts as an answer that never came (the 20 MB preview gets longer). */
const TIMEOUT_MS = 120_000;
const IMPORT_TIMEOUT_MS = 600_000;

const CLASSES = ['public read', 'search', 'contribution', 'need import', 'bad import', 'publish'] as const;
type RouteClass = (typeof CLASSES)[number];
type Phase = 'steady' | 'outage';

// ---------------------------------------------------------------------------------------------------------
// Cleaning up: everything started registers how to stop it; run once, last first, on every way out.

const cleanups: { name: string; run: () => Promise<unknown> }[] = [];
let cleaning: Promise<void> | undefined;
const cleanup = (): Promise<void> =>
  (cleaning ??= (async () => {
    for (const { name, run } of cleanups.reverse()) {
      await run().catch((error: unknown) => console.error(`  (arresto di ${name}: ${(error as Error).message})`));
    }
  })());
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: arresto dei processi e pulizia…`);
    void cleanup().finally(() => process.exit(130));
  });
}
// A failure nothing awaited would end the process without the cleanup: do it first.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.once(event, (error: unknown) => {
    interrupted = true;
    console.error(`\n${event}:`, error);
    void cleanup().finally(() => process.exit(1));
  });
}

// ---------------------------------------------------------------------------------------------------------
// Requests and what they measured.

interface Reply {
  /** 0: no answer (connection refused or reset, or TIMEOUT_MS passed). */
  status: number;
  text: string;
}

function request(agent: http.Agent | undefined, url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {}): Promise<Reply> {
  return new Promise((resolve) => {
    const body = init.body === undefined ? undefined : Buffer.isBuffer(init.body) ? init.body : Buffer.from(init.body);
    const req = http.request(url, {
      method: init.method ?? 'GET',
      agent,
      headers: { ...(agent ? {} : { connection: 'close' }), ...(body ? { 'content-length': String(body.length) } : {}), ...init.headers },
    });
    req.setTimeout(init.timeoutMs ?? TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${(init.timeoutMs ?? TIMEOUT_MS) / 1000} s`)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => resolve({ status: 0, text: error.message }));
    });
    req.on('error', (error) => resolve({ status: 0, text: error.message }));
    req.end(body);
  });
}

/** The answer as JSON (undefined when it is not). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads a field or two of the CMS's answers; a wrong path reads undefined, which it reports
const json = (reply: Reply): any => {
  try {
    return JSON.parse(reply.text);
  } catch {
    return undefined;
  }
};

interface Sample {
  /** Seconds from the phase's start to the request's. */
  at: number;
  ms: number;
  status: number;
}

class Recorder {
  readonly samples = new Map<RouteClass, Sample[]>(CLASSES.map((c) => [c, []]));
  /** The first answers that were a 5xx or never came, to say which route and why. */
  readonly failures: { class: RouteClass; at: number; process: string; path: string; status: number; answer: string }[] = [];
  /** Answers other than the expected ones that are not failures of the server (4xx), a few of each kind. */
  readonly unexpected: { class: RouteClass; path: string; status: number; answer: string }[] = [];
  constructor(readonly startedAt: number) {}

  /** Times `send` and records it under `route`; `expected` tells which statuses are the route's normal answers. */
  async timed(route: RouteClass, base: string, pathname: string, send: () => Promise<Reply>, expected: (status: number) => boolean): Promise<Reply> {
    const start = performance.now();
    const at = (Date.now() - this.startedAt) / 1000;
    const reply = await send();
    this.samples.get(route)!.push({ at, ms: performance.now() - start, status: reply.status });
    if (reply.status === 0 || reply.status >= 500) {
      if (this.failures.length < 50) this.failures.push({ class: route, at: Math.round(at), process: base, path: pathname.slice(0, 160), status: reply.status, answer: reply.text.slice(0, 400) });
    } else if (!expected(reply.status) && this.unexpected.filter((u) => u.class === route && u.status === reply.status).length < 3) {
      this.unexpected.push({ class: route, path: pathname.slice(0, 160), status: reply.status, answer: reply.text.slice(0, 300) });
    }
    return reply;
  }
}

const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : null);
const p95 = (samples: Sample[]) => round(percentile(samples.map((s) => s.ms).sort((a, b) => a - b), 95));

/** A small deterministic generator (bench:search's), one per client, so two runs send the same mix. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** A multipart body with one file field, as the admin page uploads a CSV. */
function multipart(field: string, filename: string, content: Buffer): { body: Buffer; type: string } {
  const boundary = `----coesione-soak-${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`);
  return { body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

/**
 * The partner's bad file: the columns of a different export (the comune where the month goes, a spelled-out
 * age, codes not in the vocabulary), every row wrong in several columns, full template-width rows up to
 * 20 MB: under the size and row limits, so the CMS parses and checks all of it.
 */
function badFile(): { bytes: Buffer; rows: number } {
  const row = (i: number) => `Vercelli;2025-${String(1 + (i % 12)).padStart(2, '0')};trentenne;famiglia numerosa;donna;italiana;affitto arretrato|bollette;sportello;forse;;PRATICA-${String(i).padStart(9, '0')}`;
  const lines = [HEADER];
  let bytes = HEADER.length;
  for (let i = 0; bytes + row(i).length + 2 <= BAD_FILE_BYTES; i++) {
    lines.push(row(i));
    bytes += row(i).length + 2;
  }
  return { bytes: Buffer.from(lines.join('\r\n')), rows: lines.length - 1 };
}

/** Resident memory of a process, in MB, from /proc (Linux). */
function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The actors.

/** An admin user signed in over the API; signs in again when the access token expires (30 min by default). */
class AdminSession {
  token = '';
  logins = 0;
  constructor(readonly user: { email: string; password: string }) {}

  async login(base: string): Promise<void> {
    const reply = await request(undefined, `${base}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: this.user.email, password: this.user.password }) });
    const data = json(reply)?.data;
    if (reply.status !== 200 || !(data?.token ?? data?.accessToken)) throw new Error(`login of ${this.user.email} failed: ${reply.status} ${reply.text.slice(0, 300)}`);
    this.token = data.token ?? data.accessToken;
    this.logins += 1;
  }

  /** One request with the token; on a 401 (expired), a new login and the request again. */
  async send(base: string, pathname: string, init: { method: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number }): Promise<Reply> {
    const once = () => request(undefined, `${base}${pathname}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${this.token}` } });
    const reply = await once();
    if (reply.status !== 401) return reply;
    await this.login(base);
    return once();
  }
}

interface World {
  a: CmsProcess;
  b: CmsProcess;
  meili: TestMeili;
  database: { env: Record<string, string> };
  targets: ContributionTargets;
  slugs: string[];
  municipality: string;
  editor: AdminSession;
  partner: AdminSession;
  /** The Editor's documents: created in the first round, republished with a new title after. */
  editorDocuments: { documentId: string; title: string }[];
  badFile: { bytes: Buffer; rows: number };
  rebuilds: number;
}

const SEARCH_WORDS = ['orto', 'casa', 'lavoro', 'anziani', 'volontariato', 'riuso', 'giovani', 'famiglie', 'doposcuola', 'bicicletta', 'emporio', 'caregiver', 'volontarito', 'sartoria', 'inclusione'];
const SEARCH_TYPES = ['practice', 'opportunity', 'workshop'];

/** The i-th public read: lists and details the open API serves (the site's islands, the map, reusers). */
function publicRead(i: number, world: World): string {
  const slugs = world.slugs;
  switch (i % 6) {
    case 0:
      return `/api/practices?pagination[page]=${1 + (i % Math.max(1, Math.ceil(slugs.length / 25)))}&pagination[pageSize]=25`;
    case 1:
    case 2:
      return `/api/practices?filters[slug][$eq]=${encodeURIComponent(slugs[i % slugs.length]!)}`;
    case 3:
      return '/api/opportunities?pagination[pageSize]=25&sort=deadline:asc';
    case 4:
      return '/api/need-figures?pagination[pageSize]=10&sort=quarter:desc';
    default:
      return `/api/organizations?pagination[page]=${1 + (i % 2)}&pagination[pageSize]=25`;
  }
}

/** The i-th search: a word, now and then with a type or a comune, as the form sends it. */
function searchPath(i: number): string {
  const params = new URLSearchParams({ q: SEARCH_WORDS[i % SEARCH_WORDS.length]! });
  if (i % 4 === 1) params.set('tipo', SEARCH_TYPES[i % SEARCH_TYPES.length]!);
  if (i % 5 === 2) params.set('comune', 'Vercelli');
  return `/api/cerca?${params}`;
}

/** Counters shared by the actors: which process gets the next request, which citizen sends it. */
const counters = { request: 0, citizen: 5_000_000 };
const nextBase = (world: World) => ((counters.request++ % 2 === 0 ? world.a : world.b).url);

async function client(n: number, world: World, rec: Recorder, deadline: number): Promise<void> {
  const agent = loadAgent(2);
  const random = rng(1000 + n);
  try {
    for (let k = 0; Date.now() < deadline; k++) {
      const pick = random();
      const base = nextBase(world);
      const i = n * 1_000_003 + k;
      if (pick < MIX['public read']) {
        const pathname = publicRead(i, world);
        await rec.timed('public read', base, pathname, () => request(agent, `${base}${pathname}`), (s) => s === 200);
      } else if (pick < MIX['public read'] + MIX.search) {
        const pathname = searchPath(i);
        const accept = k % 2 === 0 ? 'application/json' : 'text/html';
        await rec.timed('search', base, pathname, () => request(agent, `${base}${pathname}`, { headers: { accept, 'x-forwarded-for': citizenAddress(counters.citizen++) } }), (s) => s === 200);
      } else {
        const c = counters.citizen++;
        const body = JSON.stringify({ data: contribution(c, world.targets) });
        await rec.timed('contribution', base, '/api/submissions', () => request(agent, `${base}/api/submissions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': citizenAddress(c) }, body }), (s) => s === 201);
      }
    }
  } finally {
    agent.destroy();
  }
}

/** The slot after `k` that has not begun yet: an action that overran its slot skips those it covered, never bunches them. */
const nextSlot = (k: number, first: number, every: number) => Math.max(k + 1, Math.ceil((Date.now() - first) / every));

/** The partner's imports, one a minute from 30 s in; the one nearest the middle is the 20 MB bad file. */
async function partner(world: World, rec: Recorder, started: number, deadline: number, out: { badFile?: { status: number; seconds: number; errorCount?: number; canImport?: boolean } }): Promise<void> {
  const CM = '/coesione-needs';
  const first0 = started + 30_000;
  const bad = Math.floor(Math.floor((deadline - first0) / IMPORT_EVERY_MS) / 2);
  for (let k = 0, n = 0; ; k = nextSlot(k, first0, IMPORT_EVERY_MS), n++) {
    await sleep(Math.min(first0 + k * IMPORT_EVERY_MS, deadline) - Date.now());
    if (Date.now() >= deadline) return;
    const [first, second] = n % 2 === 0 ? [world.a.url, world.b.url] : [world.b.url, world.a.url];
    if (k >= bad && !out.badFile) {
      const form = multipart('file', 'esportazione-gestionale.csv', world.badFile.bytes);
      const t = performance.now();
      const reply = await rec.timed('bad import', first, `${CM}/import/preview`, () => world.partner.send(first, `${CM}/import/preview`, { method: 'POST', headers: { 'content-type': form.type }, body: form.body, timeoutMs: IMPORT_TIMEOUT_MS }), (s) => s === 200);
      const preview = json(reply);
      out.badFile = { status: reply.status, seconds: round((performance.now() - t) / 1000)!, errorCount: preview?.errorCount, canImport: preview?.canImport };
      continue;
    }
    // A month of 2025 in turn, its people coded by the partner's file code: it replaces that month.
    const month = `2025-${String(1 + (n % 12)).padStart(2, '0')}`;
    const file = Buffer.from(needCsv(IMPORT_ROWS, () => month, (i) => `SOAK-${n}-${i}`));
    const upload = () => multipart('file', `bisogni-${month}.csv`, file);
    const form = upload();
    const preview = await rec.timed('need import', first, `${CM}/import/preview`, () => world.partner.send(first, `${CM}/import/preview`, { method: 'POST', headers: { 'content-type': form.type }, body: form.body, timeoutMs: IMPORT_TIMEOUT_MS }), (s) => s === 200);
    const plan = json(preview)?.plan as string | undefined;
    if (preview.status !== 200 || !plan || json(preview)?.canImport !== true) continue;
    const again = upload();
    const pathname = `${CM}/import?plan=${encodeURIComponent(plan)}`;
    await rec.timed('need import', second, pathname, () => world.partner.send(second, pathname, { method: 'POST', headers: { 'content-type': again.type }, body: again.body, timeoutMs: IMPORT_TIMEOUT_MS }), (s) => s === 200);
  }
}

const PRACTICE_CM = '/content-manager/collection-types/api::practice.practice';

/** The editor's publishes, one every 10 s, alternating between the processes. */
async function editor(world: World, rec: Recorder, started: number, deadline: number, phase: Phase): Promise<void> {
  const first = started + 5_000;
  for (let k = 0, n = 0; ; k = nextSlot(k, first, PUBLISH_EVERY_MS), n++) {
    await sleep(Math.min(first + k * PUBLISH_EVERY_MS, deadline) - Date.now());
    if (Date.now() >= deadline) return;
    const base = n % 2 === 0 ? world.a.url : world.b.url;
    const slot = n % EDITOR_DOCUMENTS;
    const existing = world.editorDocuments[slot];
    const title = `Pratica della prova di durata ${slot + 1}, ${phase} ${n}`;
    const [pathname, body] = existing
      ? [`${PRACTICE_CM}/${existing.documentId}/actions/publish?locale=it`, { title }]
      : [`${PRACTICE_CM}/actions/publish?locale=it`, {
          title, slug: `prova-di-durata-${slot + 1}`, summary: 'Una buona prassi pubblicata e ripubblicata durante la prova di durata.', state: 'attiva', evidenceLevel: 'descrittiva',
          location: { address: 'Piazza Municipio 1', municipality: world.municipality, latitude: 45.3239, longitude: 8.4236 },
        }];
    const reply = await rec.timed('publish', base, pathname, () => world.editor.send(base, pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), (s) => s === 200 || s === 201);
    const documentId = json(reply)?.data?.documentId as string | undefined;
    if (reply.status < 300 && documentId) world.editorDocuments[slot] = { documentId, title };
  }
}

// ---------------------------------------------------------------------------------------------------------
// A phase.

interface MemorySample {
  at: number;
  a: number | null;
  b: number | null;
}

/** Rows left in the search outbox (entries published but not yet in Meilisearch), read from the database. */
async function outboxSize(databaseUrl: string): Promise<number> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return Number((await db.query('SELECT count(*) AS n FROM search_outbox')).rows[0].n);
  } finally {
    await db.end();
  }
}

async function runPhase(phase: Phase, world: World) {
  const started = Date.now();
  const deadline = started + MINUTES * 60_000;
  const rec = new Recorder(started);
  const outputFrom = { a: world.a.lines().length, b: world.b.lines().length };
  const rebuildsBefore = world.rebuilds;
  const memory: MemorySample[] = [];
  const sampleMemory = () => memory.push({ at: Math.round((Date.now() - started) / 1000), a: rssMb(world.a.pid), b: rssMb(world.b.pid) });
  sampleMemory();
  const sampler = setInterval(sampleMemory, MEMORY_EVERY_MS);
  const outage: { startS: number; endS: number; stoppedAt?: number; backAt?: number; drainedSecondsAfterBack?: number | null } | undefined =
    phase === 'outage' ? { startS: ((MINUTES - OUTAGE_MINUTES) * 60) / 2, endS: ((MINUTES + OUTAGE_MINUTES) * 60) / 2 } : undefined;
  const outageTask = (async () => {
    if (!outage) return;
    await sleep(started + outage.startS * 1000 - Date.now());
    await world.meili.kill();
    outage.stoppedAt = Math.round((Date.now() - started) / 1000);
    console.log(`  ${outage.stoppedAt} s: Meilisearch fermato`);
    await sleep(started + outage.endS * 1000 - Date.now());
    await world.meili.restart();
    outage.backAt = Math.round((Date.now() - started) / 1000);
    console.log(`  ${outage.backAt} s: Meilisearch di nuovo attivo`);
    // The outbox holds what was published while Meilisearch was down: how long until it is empty.
    outage.drainedSecondsAfterBack = null;
    while (Date.now() < deadline + 120_000) {
      if ((await outboxSize(world.database.env.DATABASE_URL!).catch(() => 1)) === 0) {
        outage.drainedSecondsAfterBack = Math.round((Date.now() - started) / 1000 - outage.backAt);
        return;
      }
      await sleep(1000);
    }
  })();
  const ticker = setInterval(() => {
    const done = [...rec.samples.values()].reduce((n, s) => n + s.length, 0);
    const failures = rec.failures.length;
    console.log(`  ${phase}: ${Math.round((Date.now() - started) / 60_000)}/${MINUTES} min, ${done} richieste, ${failures} 5xx o senza risposta; RSS A ${rssMb(world.a.pid)} MB, B ${rssMb(world.b.pid)} MB`);
  }, 60_000);
  const badImport: { badFile?: { status: number; seconds: number; errorCount?: number; canImport?: boolean } } = {};
  try {
    await Promise.all([
      ...Array.from({ length: CLIENTS }, (_, n) => client(n, world, rec, deadline)),
      partner(world, rec, started, deadline, badImport),
      editor(world, rec, started, deadline, phase),
      sleep(deadline - Date.now()).then(sampleMemory),
    ]);
  } finally {
    clearInterval(sampler);
    clearInterval(ticker);
  }
  const loadSeconds = (Date.now() - started) / 1000;
  await outageTask;

  // After the load: the outbox drained, and the index holding each of the Editor's documents at its last title.
  let outboxLeft = await outboxSize(world.database.env.DATABASE_URL!);
  for (const until = Date.now() + 120_000; outboxLeft > 0 && Date.now() < until; outboxLeft = await outboxSize(world.database.env.DATABASE_URL!)) await sleep(1000);
  const index = createSearchClient(world.meili.url, world.meili.masterKey).index<SearchDocument>(INDEX_UID);
  const { results } = await index.getDocuments({ fields: ['id', 'title'], limit: 100_000 });
  const indexed = new Map(results.map((d) => [d.id, d.title]));
  const staleInIndex = world.editorDocuments.filter((d) => indexed.get(documentKey('practice', d.documentId, 'it')) !== d.title).length;
  // Idle for 30 s after the load: whether what the processes grew to comes back when nothing asks.
  await sleep(30_000);
  const idle = { a: rssMb(world.a.pid), b: rssMb(world.b.pid) };

  const windowS = WINDOW_MINUTES * 60;
  const totalS = MINUTES * 60;
  const routes = Object.fromEntries(
    CLASSES.map((route) => {
      const all = rec.samples.get(route)!;
      const first = all.filter((s) => s.at < windowS);
      const last = all.filter((s) => s.at >= totalS - windowS);
      const during = outage ? all.filter((s) => s.at >= outage.startS && s.at < outage.endS) : undefined;
      return [route, {
        requests: all.length,
        '5xx': all.filter((s) => s.status >= 500).length,
        noAnswer: all.filter((s) => s.status === 0).length,
        '4xx': all.filter((s) => s.status >= 400 && s.status < 500).length,
        p50Ms: round(percentile(all.map((s) => s.ms).sort((x, y) => x - y), 50)),
        p95Ms: p95(all),
        maxMs: round(Math.max(...all.map((s) => s.ms))),
        first: { requests: first.length, p95Ms: p95(first) },
        last: { requests: last.length, p95Ms: p95(last) },
        ...(during ? { duringOutage: { requests: during.length, '5xx': during.filter((s) => s.status >= 500).length, p95Ms: p95(during) } } : {}),
      }];
    }),
  );
  const at = (s: MemorySample | undefined, key: 'a' | 'b') => s?.[key] ?? null;
  const afterFirst = memory.find((m) => m.at >= windowS);
  const memoryOf = (key: 'a' | 'b') => {
    const values = memory.map((m) => m[key]).filter((v): v is number => v !== null);
    // Least-squares slope after the first window (warm-up excluded), MB per minute.
    const tail = memory.filter((m) => m.at >= windowS && m[key] !== null);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const xs = tail.map((m) => m.at / 60);
    const ys = tail.map((m) => m[key]!);
    const slope = tail.length > 2 ? xs.reduce((s, x, i) => s + (x - mean(xs)) * (ys[i]! - mean(ys)), 0) / xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) : null;
    return { startMb: at(memory[0], key), afterFirstWindowMb: at(afterFirst, key), endMb: at(memory.at(-1), key), idle30sAfterMb: idle[key], maxMb: values.length ? Math.max(...values) : null, slopeMbPerMinuteAfterFirstWindow: slope === null ? null : round(slope) };
  };
  // What the processes logged at level error, or as a request answered 5xx, during the phase.
  const serverErrors = (['a', 'b'] as const).flatMap((key) =>
    world[key]
      .lines('stdout')
      .slice(outputFrom[key])
      .filter((line) => /"level":"error"/.test(line) || /"status":5\d\d/.test(line))
      .slice(0, 20)
      .map((line) => `${key.toUpperCase()}: ${line.slice(0, 500)}`),
  );
  return {
    phase,
    minutes: MINUTES,
    loadSeconds: round(loadSeconds),
    windowMinutes: WINDOW_MINUTES,
    routes,
    memory: { a: memoryOf('a'), b: memoryOf('b'), samples: memory },
    ...(outage ? { outage } : {}),
    badFile: badImport.badFile ?? null,
    editor: { publishes: rec.samples.get('publish')!.length, staleInIndexAfterDrain: staleInIndex, siteRebuildsAsked: world.rebuilds - rebuildsBefore },
    searchOutboxLeft: outboxLeft,
    failures: rec.failures,
    unexpected: rec.unexpected,
    serverErrors,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Set-up, the phases, the report.

async function main() {
  const t0 = Date.now();
  console.log(`Coesione bench:soak — ${CLIENTS} client, ${MINUTES} min per fase (${PHASES.join(', ')}${PHASES.includes('outage') ? `; Meilisearch fermo ${OUTAGE_MINUTES} min a metà` : ''}), 2 processi CMS, PostgreSQL`);
  const built = await ensureCmsBuilt();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-soak-'));
  cleanups.push({ name: 'la cartella temporanea', run: async () => fs.rmSync(work, { recursive: true, force: true }) });
  const cmsDir = path.join(work, 'cms');
  fs.mkdirSync(cmsDir);
  const database = await benchDatabase('postgres', work);
  cleanups.push({ name: 'PostgreSQL', run: () => database.stop() });
  const meili = await startMeili();
  cleanups.push({ name: 'Meilisearch', run: () => meili.stop() });
  // The site's rebuild hook, as npm start's: counts what the publishes ask for.
  let rebuilds = 0;
  const hook = http.createServer((req, res) => {
    if (req.method === 'POST') rebuilds++;
    res.writeHead(202).end();
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  cleanups.push({ name: 'il finto hook di ricostruzione', run: () => new Promise((resolve) => hook.close(resolve)) });
  if (interrupted) return;

  // The demo content and users on the shared database, by `npm run seed` in a process of its own, as npm start
  // does: a Strapi loaded here would leave work behind (the admin's metrics after creating the demo users)
  // that fails once it is destroyed and would end this process mid-run.
  console.log('  seed dei contenuti dimostrativi su PostgreSQL…');
  await run(process.execPath, [packageFile('tsx', 'dist/cli.mjs', ROOT), path.join(ROOT, 'scripts/src/seed-cli.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...database.env, COESIONE_DATA_DIR: cmsDir, CMS_STARTUP_LOG: 'false', STRAPI_TELEMETRY_DISABLED: 'true', MEILISEARCH_URL: '', MEILI_MASTER_KEY: '', SITE_REBUILD_HOOK_URL: '' },
    quiet: true,
  });
  if (interrupted) return;

  // Two processes as deployed (docs/operations.md): production, the seed's secrets, the database and Meilisearch by URL.
  const secrets = JSON.parse(fs.readFileSync(path.join(cmsDir, 'cms-secrets.json'), 'utf8')) as Record<string, string>;
  const env = {
    ...database.env, ...secrets, NODE_ENV: 'production', MEILISEARCH_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, TRUST_PROXY: 'true', SMTP_URL: '',
    SITE_REBUILD_HOOK_URL: `http://127.0.0.1:${(hook.address() as { port: number }).port}/`,
  };
  console.log('  avvio dei due processi CMS…');
  const a = await startCmsProcess(env, { dataDir: cmsDir });
  cleanups.push({ name: 'il CMS A', run: () => a.stop() });
  const b = await startCmsProcess(env, { dataDir: cmsDir });
  cleanups.push({ name: 'il CMS B', run: () => b.stop() });
  if (interrupted) return;
  const report = await reindexFromCms({ meiliUrl: meili.url, masterKey: meili.masterKey, cmsUrl: a.url });
  console.log(`  indice di ricerca: ${report.documents} documenti`);
  // What the workload points at, read from the public API as any reuser would.
  const practices = (await readAll(a.url, 'practice')) as { documentId: string; slug: string }[];
  const comuni = (await readAll(a.url, 'municipality')) as { documentId: string; istatCode: string }[];
  const targets: ContributionTargets = { practices: practices.map((p) => p.documentId), comuni: comuni.map((c) => c.istatCode) };
  const slugs = practices.map((p) => p.slug);
  const municipality = comuni.find((c) => c.istatCode === '002158')!.documentId;

  const world: World = {
    a, b, meili, database, targets, slugs, municipality,
    editor: new AdminSession(DEMO_USERS.editor),
    partner: new AdminSession(DEMO_USERS.partner),
    editorDocuments: [],
    badFile: badFile(),
    get rebuilds() {
      return rebuilds;
    },
  };
  await world.editor.login(a.url);
  await world.partner.login(b.url);

  const phases: Awaited<ReturnType<typeof runPhase>>[] = [];
  for (const [n, phase] of PHASES.entries()) {
    if (interrupted) return;
    if (n > 0) {
      console.log('  riavvio dei due processi CMS (memoria da capo; il database resta)…');
      await a.restart();
      await b.restart();
    }
    console.log(`  fase ${phase}: ${MINUTES} min…`);
    phases.push(await runPhase(phase as Phase, world));
  }

  for (const result of phases) {
    console.log(`\nFase ${result.phase} (${result.minutes} min; finestre: primi e ultimi ${+result.windowMinutes.toFixed(2)} min${result.outage ? `; Meilisearch fermo da ${result.outage.stoppedAt} s a ${result.outage.backAt} s` : ''})`);
    console.table(Object.fromEntries(Object.entries(result.routes).map(([route, r]) => [route, {
      richieste: r.requests,
      '5xx': r['5xx'],
      'senza risposta': r.noAnswer,
      '4xx': r['4xx'],
      'p95 primi ms': r.first.p95Ms,
      'p95 ultimi ms': r.last.p95Ms,
      ...(r.duringOutage ? { 'p95 a Meili fermo ms': r.duringOutage.p95Ms } : {}),
      'max ms': r.maxMs,
    }])));
    console.table(Object.fromEntries((['a', 'b'] as const).map((key) => [`CMS ${key.toUpperCase()} RSS`, {
      'inizio MB': result.memory[key].startMb,
      'dopo la prima finestra MB': result.memory[key].afterFirstWindowMb,
      'fine MB': result.memory[key].endMb,
      'dopo 30 s fermo MB': result.memory[key].idle30sAfterMb,
      'max MB': result.memory[key].maxMb,
      'MB/min dopo la prima finestra': result.memory[key].slopeMbPerMinuteAfterFirstWindow,
    }])));
    console.log(`  file da 20 MB con errori: ${JSON.stringify(result.badFile)}; pubblicazioni ${result.editor.publishes}, titoli non aggiornati nell'indice ${result.editor.staleInIndexAfterDrain}; outbox rimasta ${result.searchOutboxLeft}${result.outage ? `; outbox svuotata ${result.outage.drainedSecondsAfterBack} s dopo il ritorno di Meilisearch` : ''}`);
    for (const failure of result.failures.slice(0, 10)) console.log(`  ${failure.class} ${failure.status || 'senza risposta'} a ${failure.at} s su ${failure.process}${failure.path}: ${failure.answer.slice(0, 200)}`);
    for (const line of result.serverErrors.slice(0, 10)) console.log(`  log: ${line.slice(0, 300)}`);
  }
  const file = writeResults('soak', {
    minutes: MINUTES,
    clients: CLIENTS,
    outageMinutes: PHASES.includes('outage') ? OUTAGE_MINUTES : null,
    windowMinutes: WINDOW_MINUTES,
    setup: '2 × strapi start (NODE_ENV=production, JSON logs) on one PostgreSQL (durable, fsync on) and one Meilisearch, demo content and users; requests alternate between the processes; both restarted between phases, the database carries over',
    mix: {
      clients: `${CLIENTS} closed-loop clients, no pause: ${MIX['public read'] * 100}% public REST reads, ${MIX.search * 100}% GET /api/cerca (half JSON, half HTML), ${MIX.contribution * 100}% POST /api/submissions (bench:submissions's mix); searches and contributions each from their own address`,
      partner: `an import of ${IMPORT_ROWS} rows (one month of 2025) every minute, preview on one process and confirmation on the other; the one nearest the middle is a ${(world.badFile.bytes.length / 2 ** 20).toFixed(1)} MB file with errors on every row (${world.badFile.rows} rows; preview only)`,
      editor: `a publish every ${PUBLISH_EVERY_MS / 1000} s through the content manager: ${EDITOR_DOCUMENTS} practices created, then republished with a new title in turn`,
    },
    adminBuiltDuringRun: built,
    logins: { editor: world.editor.logins, partner: world.partner.logins },
    phases,
    targets: { '5xx': 0, memory: 'flat' },
    totalSeconds: (Date.now() - t0) / 1000,
  });
  console.log(`Risultati in ${path.relative(process.cwd(), file)}`);
}

try {
  await main();
} finally {
  await cleanup();
}
process.exit(interrupted ? 130 : 0);
