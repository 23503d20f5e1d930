/**
 * `npm run bench:certificates`: certificates of attendance for a workshop of 4 sessions (2.5 hours each,
 * «Incontri per l'attestato» 3) that 200 people each attended 3 of, on a real `strapi start` process
 * (NODE_ENV=production) on SQLite and on PostgreSQL (BENCH_CERTIFICATES_DATABASES, default both when
 * PostgreSQL is installed). Timed: the organiser's `POST /admin/coesione/bookings/certificates/:documentId`
 * issuing the 200 (total and per certificate), the same again with nothing left to issue, then the tagged
 * PDF downloaded by its personal link as the person gets it (the link read from the message in the local
 * mailbox, through the super admin's «Posta di prova»): the first download, then BENCH_CERTIFICATE_DOWNLOADS
 * others one at a time, and the bytes of one PDF.
 *
 * The 600 bookings are made beforehand in the process that prepares the database, through the bookings
 * service (the form and its confirmation, as the site posts them, without HTTP and without their messages);
 * attendance is then set in the database, as the tests do, since marking it by code works only on a
 * session's day and the sessions must be ahead to be booked. Writes bench/results/certificates.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Core, UID } from '@strapi/strapi';
import type { MailboxList, MailboxMessage } from '@coesione/model';
import { stopChild, writeResults } from '../lib/bench.ts';
import { benchDatabase, benchDatabaseKinds, type BenchDatabaseKind } from '../lib/bench-database.ts';
import { CMS_DIR } from '../lib/paths.ts';
import { freePort, waitForUrl } from '../lib/ports.ts';
import { postgresBinDir } from '../lib/postgres.ts';
import { ensureCmsBuilt, loadStrapi, STRAPI_BIN } from '../lib/strapi.ts';
import { runLoad, type LoadResult } from './load.ts';

const PEOPLE = Number(process.env.BENCH_CERTIFICATES ?? 200);
const DOWNLOADS = Number(process.env.BENCH_CERTIFICATE_DOWNLOADS ?? 20);
const SESSIONS = 4;
const ATTENDED = 3;
const SESSION_HOURS = 2.5;
const WORKSHOP = 'api::workshop.workshop' as UID.ContentType;
const BOOKING = 'api::booking.booking' as UID.ContentType;
const ADMIN = { email: 'banco.prova@coesione.example', password: 'Banco-di-Prova-2026', firstname: 'Banco', lastname: 'di prova' };

const cms = createRequire(import.meta.url);
const cmsModule = <T>(relative: string): T => cms(path.join(CMS_DIR, 'dist', 'src', `${relative}.js`)) as T;

interface BookResult {
  outcome: string;
  token?: string;
}

/** The database, made by loading Strapi once: a super admin, the workshop, its 200 × 3 attended bookings. */
async function prepare(dataDir: string): Promise<{ workshop: string }> {
  process.env.COESIONE_DATA_DIR = dataDir;
  const strapi: Core.Strapi = await loadStrapi();
  try {
    // First: creating an admin user counts it for Strapi's metrics in the background, which must be done
    // before Strapi is destroyed (else the count waits on a closed pool and fails the process).
    const superAdmin = await strapi.service('admin::role').getSuperAdmin();
    await strapi.service('admin::user').create({ ...ADMIN, isActive: true, registrationToken: null, roles: [superAdmin.id] });
    const first = Date.now() + 30 * 86_400_000;
    const sessions = Array.from({ length: SESSIONS }, (_, i) => {
      const start = new Date(first + i * 7 * 86_400_000);
      start.setUTCHours(15, 0, 0, 0);
      return { start: start.toISOString(), end: new Date(start.getTime() + SESSION_HOURS * 3_600_000).toISOString() };
    });
    const created = (await strapi.documents(WORKSHOP).create({
      data: {
        title: 'Laboratorio degli attestati', slug: 'laboratorio-degli-attestati', summary: 'Un laboratorio per misurare gli attestati.', craft: 'altro', artisanName: 'x',
        capacity: PEOPLE, certificateSessions: ATTENDED, sessions,
      },
      locale: 'it',
      status: 'published',
    } as never)) as { documentId: string };

    // The bookings service as the form's route runs it (features/bookings/routes.ts), its messages left out:
    // the measured outbox then holds only the certificates'.
    const { createBookingService } = cmsModule<{ createBookingService(deps: object): { book(args: { body: unknown; client: string }): Promise<BookResult> } }>('features/bookings/service');
    const { bookingOptions } = cmsModule<{ bookingOptions(env: NodeJS.ProcessEnv): object }>('features/bookings/options');
    const { secret, cmsBaseUrl } = cmsModule<{ secret(name: string): string; cmsBaseUrl(strapi: unknown): string }>('platform/runtime');
    const service = createBookingService({
      // The confirmation sent back at once (no person reading it), each person from its own address.
      strapi, options: bookingOptions({ ...process.env, SUBMISSION_MIN_FILL_MS: '0' }), salt: secret('SUBMISSION_SALT'), baseUrl: () => cmsBaseUrl(strapi),
      outbox: { queue: async () => {}, deliver: async () => 0 },
    });
    const stored = (await strapi.documents(WORKSHOP).findOne({ documentId: created.documentId, locale: 'it', status: 'published', populate: { sessions: true } } as never)) as unknown as { sessions: { start: string }[] };
    for (let n = 0; n < PEOPLE; n++) {
      // Person n attends every session but one, a different one in turn.
      for (const [i, session] of stored.sessions.entries()) {
        if (i === n % SESSIONS) continue;
        const body = { workshop: created.documentId, session: new Date(session.start).toISOString(), name: `Persona D'Amico ${n}`, email: `attestato${n}@example.org`, seats: '1', consent: 'on' };
        const client = `198.18.${Math.floor(n / 250)}.${n % 250}`;
        const page = await service.book({ body, client });
        const booked = await service.book({ body: { ...body, confirmToken: page.token }, client });
        if (booked.outcome !== 'booked') throw new Error(`Booking ${n} at ${session.start}: ${JSON.stringify(booked).slice(0, 300)}`);
      }
    }
    await strapi.db.query(BOOKING).updateMany({ where: { workshopDocumentId: created.documentId }, data: { attendedAt: new Date() } });

    return { workshop: created.documentId };
  } finally {
    await strapi.destroy();
  }
}

async function json<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) } });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** One database: prepared, served by one `strapi start`, the certificates issued and downloaded. */
async function measure(kind: BenchDatabaseKind) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-certificates-'));
  const database = await benchDatabase(kind, dataDir);
  let server: ReturnType<typeof spawn> | undefined;
  try {
    Object.assign(process.env, database.env);
    const prepareStart = process.hrtime.bigint();
    const { workshop } = await prepare(dataDir);
    const prepareSeconds = seconds(prepareStart);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [STRAPI_BIN(), 'start'], {
      cwd: CMS_DIR,
      env: {
        // process.env holds the secrets the first Strapi generated (or found): NODE_ENV=production needs them.
        ...process.env, COESIONE_DATA_DIR: dataDir, CMS_PORT: String(port), CMS_STARTUP_LOG: 'false', STRAPI_TELEMETRY_DISABLED: 'true',
        NODE_ENV: 'production', SMTP_URL: '', MEILISEARCH_URL: '', MEILI_MASTER_KEY: '',
        // The mail worker's pace: the 200 messages reach the mailbox in seconds, not in the default 5 s rounds of 20.
        MAIL_INTERVAL_MS: '250',
      },
      stdio: 'ignore',
    });
    await waitForUrl(`${base}/_health`, 120_000, (s) => s === 204);
    const { data } = await json<{ data: { token?: string; accessToken?: string } }>(`${base}/admin/login`, { method: 'POST', body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }) });
    const token = data.token ?? data.accessToken ?? '';

    const issue = async () => {
      const start = process.hrtime.bigint();
      const answer = await json<{ outcome: string; issued: number; total: number }>(`${base}/admin/coesione/bookings/certificates/${workshop}`, { method: 'POST', token, body: '{}' });
      return { answer, seconds: seconds(start) };
    };
    const issued = await issue();
    if (issued.answer.issued !== PEOPLE) throw new Error(`${issued.answer.issued} certificates issued, ${PEOPLE} expected: ${JSON.stringify(issued.answer)}`);
    const again = await issue();

    // The personal links, from the messages as the people get them.
    const waitStart = Date.now();
    let list: MailboxList;
    for (;;) {
      list = await json<MailboxList>(`${base}/admin/coesione/mailbox`, { token });
      if (list.total >= PEOPLE) break;
      if (Date.now() - waitStart > 120_000) throw new Error(`${list.total} messages in the mailbox after 2 minutes, ${PEOPLE} expected.`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const mailboxSeconds = (Date.now() - waitStart) / 1000;
    const links: string[] = [];
    for (const entry of list.messages.slice(0, DOWNLOADS + 1)) {
      const message = await json<MailboxMessage>(`${base}/admin/coesione/mailbox/${entry.id}`, { token });
      const link = /(http:\/\/\S+\/api\/attestati\/scarica\/[A-Za-z0-9_.-]+)/.exec(message.text)?.[1];
      if (!link) throw new Error(`No download link in «${message.subject}».`);
      links.push(link);
    }
    let bytes = 0;
    const download = async (link: string) => {
      const res = await fetch(link);
      const pdf = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200 || res.headers.get('content-type') !== 'application/pdf' || pdf.subarray(0, 5).toString() !== '%PDF-') return false;
      bytes = pdf.length;
      return true;
    };
    const firstStart = process.hrtime.bigint();
    if (!(await download(links[0]!))) throw new Error(`The first certificate did not download as a PDF: ${links[0]}`);
    const firstMs = seconds(firstStart) * 1000;
    const downloads: LoadResult = await runLoad((i) => download(links[1 + i]!), { requests: links.length - 1, concurrency: 1 });
    return {
      prepareSeconds: round(prepareSeconds, 1),
      issue: { certificates: issued.answer.issued, seconds: round(issued.seconds, 3), perCertificateMs: round((issued.seconds * 1000) / issued.answer.issued) },
      issueAgain: { certificates: again.answer.issued, seconds: round(again.seconds, 3) },
      mailboxSeconds: round(mailboxSeconds, 1),
      pdf: { bytes, firstDownloadMs: round(firstMs), downloads },
    };
  } finally {
    if (server) await stopChild(server);
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const t0 = Date.now();
const built = await ensureCmsBuilt();
const hasPostgres = postgresBinDir() !== undefined;
const kinds = benchDatabaseKinds(process.env.BENCH_CERTIFICATES_DATABASES, hasPostgres ? ['sqlite', 'postgres'] : ['sqlite']);
if (kinds.includes('postgres') && !hasPostgres) throw new Error('PostgreSQL is not installed (apt-get install postgresql, or initdb and pg_ctl in the PATH).');
console.log(`Coesione bench:certificates — ${PEOPLE} persone, ${ATTENDED} incontri su ${SESSIONS} ciascuna; ${kinds.join(', ')}`);
if (!hasPostgres) console.log('  PostgreSQL non è installato: solo SQLite (apt-get install postgresql per entrambi).');
const results: Partial<Record<BenchDatabaseKind, Awaited<ReturnType<typeof measure>>>> = {};
for (const kind of kinds) {
  console.log(`  ${kind}…`);
  results[kind] = await measure(kind);
}
console.table(
  Object.fromEntries(
    Object.entries(results).map(([kind, r]) => [
      kind,
      {
        [`${PEOPLE} attestati, s`]: r.issue.seconds,
        'ms per attestato': r.issue.perCertificateMs,
        'di nuovo (0 nuovi), s': r.issueAgain.seconds,
        'PDF, byte': r.pdf.bytes,
        'primo scaricamento, ms': r.pdf.firstDownloadMs,
        [`scaricamento p50 / max (${r.pdf.downloads.requests}), ms`]: `${r.pdf.downloads.p50} / ${r.pdf.downloads.max}`,
      },
    ]),
  ),
);
const file = writeResults('certificates', {
  adminBuiltDuringRun: built,
  people: PEOPLE,
  workshop: { sessions: SESSIONS, sessionHours: SESSION_HOURS, certificateSessions: ATTENDED, attendedEach: ATTENDED, bookings: PEOPLE * ATTENDED },
  issue: 'POST /admin/coesione/bookings/certificates/:documentId as the super admin, on strapi start (NODE_ENV=production, no SMTP_URL, MAIL_INTERVAL_MS=250)',
  download: 'GET of the personal link read from the message in the local mailbox: the first, then the others one at a time',
  databases: results,
  totalSeconds: (Date.now() - t0) / 1000,
});
console.log(`Risultati in ${path.relative(process.cwd(), file)}`);
