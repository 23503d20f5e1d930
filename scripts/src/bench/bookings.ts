/**
 * `npm run bench:bookings`: workshop bookings as the site's plain form posts them to real `strapi start`
 * processes (NODE_ENV=production): the form to `POST /api/bookings` (200, the confirmation page), then its
 * hidden fields sent back (201, the booked page), timed together as one booking. At 1 and 20 concurrent
 * clients, in three set-ups (BENCH_BOOKINGS_SETUPS, default all): one process on SQLite, one on PostgreSQL,
 * and two on one PostgreSQL with the bookings alternating between them and each confirmation sent to the
 * other process than its page (the confirmation token must be shared). Each booking from its own address
 * through X-Forwarded-For (TRUST_PROXY on) and with its own e-mail. Then, per set-up, a contended run: 200
 * bookings at 20 clients for a session of 10 seats, after which the database must hold exactly 10
 * confirmed and 190 waiting (the bench fails otherwise). The database holds no demo content: one workshop
 * with bookable sessions, one with 10 seats. Exact p50/p95/p99; writes bench/results/bookings.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Core, UID } from '@strapi/strapi';
import { stopChild, writeResults } from '../lib/bench.ts';
import { benchDatabase, type BenchDatabaseKind } from '../lib/bench-database.ts';
import { CMS_DIR } from '../lib/paths.ts';
import { freePort, waitForUrl } from '../lib/ports.ts';
import { postgresBinDir } from '../lib/postgres.ts';
import { ensureCmsBuilt, loadStrapi, STRAPI_BIN } from '../lib/strapi.ts';
import { citizenAddress } from './contributions.ts';
import { runLoad, type LoadResult } from './load.ts';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1000);
const CONCURRENCY = 20;
const WARM_UP = 100;
/** The contended run: more bookings than seats, all at once. */
const CONTENDED = { capacity: 10, bookings: 200 };
/** A workshop's largest capacity (its schema's max): the measured bookings are spread over enough sessions to all be confirmed. */
const MAX_CAPACITY = 1000;
const WORKSHOP = 'api::workshop.workshop' as UID.ContentType;
const BOOKING = 'api::booking.booking' as UID.ContentType;

/** Where bookings go: a published workshop's documentId and its sessions' starts, as stored. */
interface Target {
  workshop: string;
  sessions: string[];
}

/** Session starts `days` from now and on, a day apart, on the minute. */
const starts = (count: number, days: number) =>
  Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.now() + (days + i) * 86_400_000);
    d.setUTCSeconds(0, 0);
    return d.toISOString();
  });

async function createWorkshop(strapi: Core.Strapi, title: string, capacity: number, sessions: string[]): Promise<Target> {
  const created = (await strapi.documents(WORKSHOP).create({
    data: {
      title, slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-'), summary: 'Un laboratorio per misurare le prenotazioni.', craft: 'altro', artisanName: 'x', capacity,
      sessions: sessions.map((start) => ({ start })),
    },
    locale: 'it',
    status: 'published',
  } as never)) as { documentId: string };
  // The starts as stored, read back: the form names a session by its start exactly.
  const stored = (await strapi.documents(WORKSHOP).findOne({ documentId: created.documentId, locale: 'it', status: 'published', populate: { sessions: true } } as never)) as unknown as {
    sessions?: { start: string }[];
  } | null;
  const found = (stored?.sessions ?? []).map((s) => new Date(s.start).toISOString());
  if (found.length !== sessions.length) throw new Error(`Workshop "${title}": ${found.length} sessions stored, ${sessions.length} created.`);
  return { workshop: created.documentId, sessions: found };
}

/** The database, made by loading Strapi once: no demo content, a workshop to book and one with 10 seats. */
async function prepare(dataDir: string, measured: number): Promise<{ open: Target; contended: Target }> {
  process.env.COESIONE_DATA_DIR = dataDir;
  const strapi = await loadStrapi();
  try {
    const open = await createWorkshop(strapi, 'Laboratorio del banco di prova', MAX_CAPACITY, starts(Math.ceil(measured / MAX_CAPACITY), 30));
    const contended = await createWorkshop(strapi, 'Laboratorio con dieci posti', CONTENDED.capacity, starts(1, 30));
    return { open, contended };
  } finally {
    await strapi.destroy();
  }
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>' };
const unescape = (value: string) => value.replace(/&(?:amp|quot|#39|lt|gt);/g, (e) => ENTITIES[e] ?? e);

/** The confirmation page's hidden fields, what the browser sends back. */
const hiddenFields = (html: string): Record<string, string> =>
  Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, unescape(m[2]!)]));

function postForm(url: string, fields: Record<string, string>, address: string, agent: http.Agent): Promise<{ status: number; text: string }> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': address },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The text of a refusal page, for the results: its title and its first message. */
const gist = (status: number, html: string) => {
  const title = /<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? '';
  const message = /<(?:p|li)[^>]*>(.*?)<\/(?:p|li)>/s.exec(html.slice(html.indexOf('<h1>')))?.[1] ?? html.slice(0, 200);
  return `${status}: ${unescape(title)} — ${unescape(message.replace(/<[^>]+>/g, ''))}`.slice(0, 300);
};

type BookingsResult = LoadResult & { confirmed: number; waiting: number; failures?: string[] };

/**
 * `requests` bookings of `target`, the n-th to session n % sessions: each the form, then its confirmation,
 * the form to process n and the confirmation to the next one (the same with one process).
 */
async function book(bases: string[], target: Target, options: { requests: number; concurrency: number }, offset: number): Promise<BookingsResult> {
  let confirmed = 0;
  let waiting = 0;
  /** What came back instead of 200 then 201, to say why in the results. */
  const failures: string[] = [];
  const one = async (n: number, agent: http.Agent): Promise<boolean> => {
    const i = offset + n;
    const address = citizenAddress(i);
    try {
      const form = {
        workshop: target.workshop, session: target.sessions[i % target.sessions.length]!,
        name: `Persona D'Amico ${i}`, email: `prenota${i}@example.org`, seats: '1', consent: 'on',
      };
      const page = await postForm(`${bases[n % bases.length]}/api/bookings`, form, address, agent);
      if (page.status !== 200 || !page.text.includes('name="confirmToken"')) {
        failures.push(`form: ${gist(page.status, page.text)}`);
        return false;
      }
      const booked = await postForm(`${bases[(n + 1) % bases.length]}/api/bookings`, hiddenFields(page.text), address, agent);
      if (booked.status !== 201) {
        failures.push(`confirmation: ${gist(booked.status, booked.text)}`);
        return false;
      }
      if (booked.text.includes('<h1>Prenotazione confermata</h1>')) confirmed++;
      else waiting++;
      return true;
    } catch (error) {
      failures.push(`no answer: ${(error as Error).message}`);
      return false;
    }
  };
  const result = await runLoad(one, options);
  return { ...result, confirmed, waiting, ...(failures.length > 0 ? { failures: failures.slice(0, 5) } : {}) };
}

const SETUPS: Record<string, { database: BenchDatabaseKind; processes: number }> = {
  sqlite: { database: 'sqlite', processes: 1 },
  postgres: { database: 'postgres', processes: 1 },
  'postgres-x2': { database: 'postgres', processes: 2 },
};

/** The bookings of a workshop by state, and the seats its counter says are taken, read from the database. */
async function stored(strapi: Core.Strapi, target: Target) {
  const count = (state: string) => strapi.db.query(BOOKING).count({ where: { workshopDocumentId: target.workshop, state } });
  const rows = (await strapi.db.connection('coesione_session_seats').where('session_key', 'like', `${target.workshop}@%`).select('taken')) as { taken: number }[];
  return {
    confirmed: Number(await count('confirmed')),
    waiting: Number(await count('waiting')),
    all: Number(await strapi.db.query(BOOKING).count({ where: { workshopDocumentId: target.workshop } })),
    seatsTaken: rows.reduce((n, r) => n + Number(r.taken), 0),
  };
}

/** One set-up: a fresh database, its servers, the two loads and the contended run, the rows stored. */
async function measure(setup: { database: BenchDatabaseKind; processes: number }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-bookings-'));
  const database = await benchDatabase(setup.database, dataDir);
  const servers: ReturnType<typeof spawn>[] = [];
  const c1 = Math.round(BOOKINGS / 4);
  try {
    Object.assign(process.env, database.env);
    const targets = await prepare(dataDir, WARM_UP + c1 + BOOKINGS);
    const bases: string[] = [];
    // One after the other: the first has made the schema before the second starts.
    for (let i = 0; i < setup.processes; i++) {
      const port = await freePort();
      servers.push(
        spawn(process.execPath, [STRAPI_BIN(), 'start'], {
          cwd: CMS_DIR,
          env: {
            // process.env holds the secrets the first Strapi generated (or found): NODE_ENV=production needs them.
            ...process.env, COESIONE_DATA_DIR: dataDir, CMS_PORT: String(port), CMS_STARTUP_LOG: 'false', STRAPI_TELEMETRY_DISABLED: 'true',
            NODE_ENV: 'production', TRUST_PROXY: 'true', SMTP_URL: '', MEILISEARCH_URL: '', MEILI_MASTER_KEY: '',
            // A bench sends its confirmations at once; each booking has its own address, the limit is only a guard.
            SUBMISSION_MIN_FILL_MS: '0', BOOKING_RATE_LIMIT: '100000',
          },
          stdio: 'ignore',
        }),
      );
      bases.push(`http://127.0.0.1:${port}`);
      await waitForUrl(`${bases[i]}/_health`, 120_000, (s) => s === 204);
    }
    await book(bases, targets.open, { requests: WARM_UP, concurrency: 4 }, 1_000_000); // warm-up
    const results: Record<string, BookingsResult> = {
      'c=1': await book(bases, targets.open, { requests: c1, concurrency: 1 }, 2_000_000),
      [`c=${CONCURRENCY}`]: await book(bases, targets.open, { requests: BOOKINGS, concurrency: CONCURRENCY }, 3_000_000),
    };
    const contendedRun = await book(bases, targets.contended, { requests: CONTENDED.bookings, concurrency: CONCURRENCY }, 4_000_000);
    await Promise.all(servers.map(stopChild));
    const strapi = await loadStrapi();
    let open: Awaited<ReturnType<typeof stored>>;
    let contended: Awaited<ReturnType<typeof stored>>;
    try {
      open = await stored(strapi, targets.open);
      contended = await stored(strapi, targets.contended);
    } finally {
      await strapi.destroy();
    }
    return {
      results,
      contended: { ...CONTENDED, concurrency: CONCURRENCY, run: contendedRun, stored: contended },
      stored: open,
      sent: WARM_UP + c1 + BOOKINGS,
    };
  } finally {
    await Promise.all(servers.map(stopChild));
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const t0 = Date.now();
const built = await ensureCmsBuilt();
const names = (process.env.BENCH_BOOKINGS_SETUPS ?? Object.keys(SETUPS).join(',')).split(',').map((n) => n.trim()).filter(Boolean);
for (const name of names) if (!SETUPS[name]) throw new Error(`Unknown set-up "${name}": use ${Object.keys(SETUPS).join(', ')}.`);
const hasPostgres = postgresBinDir() !== undefined;
const skipped = names.filter((name) => SETUPS[name]!.database === 'postgres' && !hasPostgres);
const run = names.filter((name) => !skipped.includes(name));
console.log(`Coesione bench:bookings — ${BOOKINGS} prenotazioni (modulo + conferma), ${CONCURRENCY} client concorrenti; ${run.join(', ')}`);
if (skipped.length > 0) console.log(`  PostgreSQL non è installato: salto ${skipped.join(', ')} (apt-get install postgresql, o initdb e pg_ctl nel PATH).`);
const setups: Record<string, Awaited<ReturnType<typeof measure>>> = {};
for (const name of run) {
  console.log(`  ${name}…`);
  setups[name] = await measure(SETUPS[name]!);
}
const row = (r: BookingsResult) => ({ 'p50 ms': r.p50, 'p95 ms': r.p95, 'p99 ms': r.p99, 'pren./s': r.rps, errori: r.errors, confermate: r.confirmed, 'in attesa': r.waiting });
console.table(
  Object.fromEntries(
    Object.entries(setups).flatMap(([name, { results, contended }]) => [
      ...Object.entries(results).map(([load, r]) => [`${name}, ${load}`, row(r)]),
      [`${name}, ${contended.capacity} posti, c=${contended.concurrency}`, row(contended.run)],
    ]),
  ),
);
for (const [name, { stored: open, sent, contended }] of Object.entries(setups)) {
  console.log(`  ${name}: prenotazioni salvate ${open.all} su ${sent} (confermate ${open.confirmed}, posti contati ${open.seatsTaken}); ` +
    `${contended.capacity} posti e ${contended.bookings} prenotazioni: confermate ${contended.stored.confirmed}, in attesa ${contended.stored.waiting}, posti contati ${contended.stored.seatsTaken}`);
}
const file = writeResults('bookings', {
  adminBuiltDuringRun: built,
  booking: 'the form POSTed (200, confirmation page), then its hidden fields POSTed back (201, booked page); latency from the first request to the 201',
  bookings: BOOKINGS,
  warmUp: WARM_UP,
  ...(skipped.length > 0 ? { skipped: { setups: skipped, reason: 'PostgreSQL is not installed' } } : {}),
  setups: Object.fromEntries(run.map((name) => [name, { ...SETUPS[name], ...setups[name] }])),
  totalSeconds: (Date.now() - t0) / 1000,
});
console.log(`Risultati in ${path.relative(process.cwd(), file)}`);
// Checked after the results are written, so a wrong count is on record as well as loud.
const wrong = Object.entries(setups).filter(([, s]) =>
  s.contended.stored.confirmed !== CONTENDED.capacity || s.contended.stored.waiting !== CONTENDED.bookings - CONTENDED.capacity || s.contended.stored.seatsTaken !== CONTENDED.capacity ||
  s.contended.run.confirmed !== s.contended.stored.confirmed || s.contended.run.waiting !== s.contended.stored.waiting);
const lost = Object.entries(setups).filter(([, s]) => s.stored.all !== s.sent || s.stored.confirmed !== s.sent || Object.values(s.results).some((r) => r.errors > 0));
for (const [name, s] of wrong) {
  console.error(`ERRORE ${name}: ${CONTENDED.capacity} posti, ${CONTENDED.bookings} prenotazioni → nel database ${s.contended.stored.confirmed} confermate e ${s.contended.stored.waiting} in attesa ` +
    `(posti contati ${s.contended.stored.seatsTaken}), alle pagine ${s.contended.run.confirmed} confermate e ${s.contended.run.waiting} in attesa; attese ${CONTENDED.capacity} e ${CONTENDED.bookings - CONTENDED.capacity}.`);
}
for (const [name, s] of lost) console.error(`ERRORE ${name}: ${s.stored.all} prenotazioni salvate (${s.stored.confirmed} confermate) su ${s.sent} inviate; vedi failures in ${path.relative(process.cwd(), file)}.`);
if (wrong.length > 0 || lost.length > 0) process.exitCode = 1;
