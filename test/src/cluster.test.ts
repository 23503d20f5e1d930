/**
 * Two CMS processes on one PostgreSQL database and one Meilisearch, as behind a load balancer: this
 * test's own Strapi (A, in process) and a second one as its own OS process (B), the latter as the
 * production recipe of docs/operations.md ("Deploy") runs it (NODE_ENV=production, every secret from
 * the environment, the database by URL, Meilisearch by URL, JSON logs). PostgreSQL run only.
 *
 * - the submission limit is one limit, whichever process a request reaches;
 * - 200 publishes spread over both, with B killed and started again midway: the index ends up holding
 *   exactly the published content, each entry at its last version;
 * - a publish on each, close together: one site rebuild, not one per process;
 * - 50 bookings of 10 seats confirmed at once over both: exactly 10 confirmed, 40 on the waiting list;
 * - three weeks of a subscription's weekly digest, the pass run by both at once each week (B's at its start,
 *   B started with its clock moved to that week by support/clock-offset.mjs): one message a week.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentKey } from '@coesione/search';
import { DEMO_USERS, seed } from '@coesione/scripts/seed/seed.ts';
import { cmsModule, startCms, type TestCms } from './support/cms.ts';
import { startCmsProcess, type CmsProcess } from '@coesione/scripts/lib/cms-process.ts';
import { hiddenFields } from './support/bookings.ts';
import { send, type Answer } from './support/http.ts';
import { searchIndex, synced, until } from './support/indexed.ts';
import { startMeili, type TestMeili } from '@coesione/scripts/lib/meili.ts';

const PRACTICE = 'api::practice.practice';
const CLOCK_PRELOAD = fileURLToPath(new URL('./support/clock-offset.mjs', import.meta.url));
const CM = `/content-manager/collection-types/${PRACTICE}`;
// Wide enough that a publish on each, one after the other, falls in one quiet period on a loaded machine (three
// test files share two cores): at 1.5 s the second sometimes came after the first's rebuild.
const DEBOUNCE_MS = 4000;

let a: TestCms;
let b: CmsProcess;
let meili: TestMeili;
let hook: http.Server;
let rebuilds = 0;
let token: string;
let vercelli: string;
/** Whether B takes requests (the balancer's view: not while it restarts). */
let bUp = true;

/** A JSON request to one process; as the editor unless `anonymous`, from the balancer's `ip`. */
const call = (base: string, method: string, path: string, body?: unknown, { ip = '198.51.100.7', anonymous = false } = {}): Promise<Answer> =>
  send(`${base}${path}`, {
    method,
    headers: { 'x-forwarded-for': ip, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token && !anonymous ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  hook = http.createServer((req, res) => {
    if (req.method === 'POST') rebuilds++;
    res.end();
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/`;
  meili = await startMeili();
  const env = {
    MEILISEARCH_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    SEARCH_SYNC_INTERVAL_MS: '100',
    SEARCH_SYNC_MAX_BACKOFF_MS: '1000',
    TRUST_PROXY: 'true',
    SUBMISSION_RATE_LIMIT: '5',
    SITE_REBUILD_HOOK_URL: hookUrl,
    SITE_REBUILD_DEBOUNCE_MS: String(DEBOUNCE_MS),
  };
  a = await startCms(env);
  await seed(a.strapi, { today: new Date('2026-11-20T10:00:00Z') });
  vercelli = (await a.strapi.documents('api::municipality.municipality').findFirst({ filters: { istatCode: '002158' } }))!.documentId;
  // B after A: A has made the schema. A's generated secrets in B's environment (the client hash's salt,
  // the admin tokens' key), as every process of one deployment has the same.
  const secrets = JSON.parse(fs.readFileSync(path.join(a.dataDir, 'cms-secrets.json'), 'utf8')) as Record<string, string>;
  b = await startCmsProcess({ ...env, ...a.databaseEnv, ...secrets, NODE_ENV: 'production' }, { dataDir: a.dataDir });
  const login = await call(a.url, 'POST', '/admin/login', { email: DEMO_USERS.editor.email, password: DEMO_USERS.editor.password });
  expect(login.status, login.text).toBe(200);
  token = login.json.data.token ?? login.json.data.accessToken;
});

afterAll(async () => {
  await b?.stop();
  await a?.stop();
  await meili?.stop();
  await new Promise((resolve) => hook?.close(resolve));
});

describe('two CMS processes on one PostgreSQL', () => {
  it('enforce one submission limit: the 6th from one address is refused whichever process gets it', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 7; n++) {
      const proposal = {
        data: { kind: 'proposta', target: 'practice', title: `Proposta ${n} da un solo indirizzo`, description: 'Una proposta di prova, inviata a due CMS.', consent: true, startedAt: Date.now() - 10_000 },
      };
      statuses.push((await call(n % 2 === 0 ? a.url : b.url, 'POST', '/api/submissions', proposal, { ip: '203.0.113.9', anonymous: true })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
  });

  it('ask for one site rebuild for publishes on both, close together', async () => {
    await new Promise((r) => setTimeout(r, DEBOUNCE_MS * 2));
    rebuilds = 0;
    for (const [base, slug] of [[a.url, 'rebuild-uno'], [b.url, 'rebuild-due']] as const) {
      const res = await call(base, 'POST', `${CM}/actions/publish?locale=it`, practiceBody(slug, 1));
      expect(res.status, res.text).toBeLessThan(300);
    }
    await until('a rebuild', async () => rebuilds > 0, DEBOUNCE_MS * 10);
    await new Promise((r) => setTimeout(r, DEBOUNCE_MS * 2));
    expect(rebuilds).toBe(1);
  });

  // 200 publishes and a restart: ≈ 20 s on a quiet machine, three times that when other suites share the cores.
  it('keep the index equal to the published content through 200 publishes over both, one restarted midway', { timeout: 180_000 }, async () => {
    const DOCUMENTS = 50;
    const VERSIONS = 4;
    const ids: string[] = [];
    const publish = async (i: number, version: number) => {
      const base = bUp && (i + version) % 2 === 1 ? b.url : a.url;
      const path = version === 1 ? `${CM}/actions/publish?locale=it` : `${CM}/${ids[i]}/actions/publish?locale=it`;
      const res = await call(base, 'POST', path, version === 1 ? practiceBody(`cluster-${i}`, 1) : { title: titleOf(i, version) });
      expect(res.status, res.text).toBeLessThan(300);
      if (version === 1) ids[i] = res.json.data.documentId;
    };
    /** A round: every document's next version, four requests in flight at a time. */
    const round = async (version: number) => {
      let next = 0;
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (next < DOCUMENTS) await publish(next++, version);
      }));
    };
    await round(1);
    await round(2);
    // B dies without warning (perhaps holding the outbox lock) and comes back while A takes the work.
    bUp = false;
    await b.kill('SIGKILL');
    const restarted = b.restart().then(() => (bUp = true));
    await round(3);
    await restarted;
    await round(4);

    await until('the index to match the published content', () => synced(a, meili), 120_000);
    const { results } = await searchIndex(meili).getDocuments({ fields: ['id', 'title'], limit: 100_000 });
    const indexed = new Map(results.map((doc) => [doc.id, doc.title]));
    const stale = ids.filter((id) => indexed.get(documentKey('practice', id, 'it')) !== titleOf(ids.indexOf(id), VERSIONS));
    expect(stale, 'entries whose indexed title is not their last version').toEqual([]);
  });

  it('let one claim of a day\'s job win, however many processes try at once', async () => {
    type Coordination = { claimRun(job: string, run: string): Promise<boolean> };
    const { databaseCoordination } = cmsModule<{ databaseCoordination(knex: () => unknown, log: { warn(m: string): void }): Coordination }>('platform/coordination/index');
    // Four schedulers, as four processes' cron would be, racing for the same day on the shared database.
    const claims = await Promise.all(Array.from({ length: 4 }, () => databaseCoordination(() => a.strapi.db.connection, a.strapi.log).claimRun('needs-daily', '2026-12-02')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await databaseCoordination(() => a.strapi.db.connection, a.strapi.log).claimRun('needs-daily', '2026-12-03')).toBe(true);
  });

  it('give exactly the seats that exist to 50 people booking at once over both', async () => {
    const start = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const workshop = (await a.strapi.documents('api::workshop.workshop').create({
      data: { title: 'Officina contesa tra due processi', slug: 'officina-contesa', summary: 'Dieci posti per cinquanta persone.', craft: 'altro', artisanName: 'Mastro di prova', capacity: 10, sessions: [{ start }] },
      locale: 'it',
      status: 'published',
    } as never)) as { documentId: string };
    // Person i speaks from its own address; `other` sends its request to the other process.
    const post = (i: number, fields: Record<string, string>, other = false) =>
      send(`${(i + (other ? 1 : 0)) % 2 === 0 ? a.url : b.url}/api/bookings`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.51.101.${i}` }, body: new URLSearchParams(fields).toString() });
    const people = Array.from({ length: 50 }, (_, i) => ({ workshop: workshop.documentId, session: start, name: `Persona contesa ${i}`, email: `contesa${i}@example.org`, seats: '1', consent: 'on' }));
    // Each reads the confirmation page from one process and confirms on the other, all at the same moment.
    const pages = await Promise.all(people.map((fields, i) => post(i, fields)));
    const confirmations = pages.map((page) => hiddenFields(page.text));
    await new Promise((r) => setTimeout(r, 3100));
    const answers = await Promise.all(confirmations.map((fields, i) => post(i, fields, true)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(201));
    const rows = (await a.strapi.db.query('api::booking.booking').findMany({ where: { workshopDocumentId: workshop.documentId } })) as { state: string }[];
    expect(rows.filter((row) => row.state === 'confirmed')).toHaveLength(10);
    expect(rows.filter((row) => row.state === 'waiting')).toHaveLength(40);
    const seats = await send(`${b.url}/api/bookings/seats/${workshop.documentId}`);
    expect(seats.json.data[0].free).toBe(0);
  });

  it('queue one weekly digest a week for three weeks, none empty, none twice, both processes running the pass each week', async () => {
    const db = a.strapi.db.connection;
    const { subscriptionsOf } = cmsModule<{ subscriptionsOf(strapi: unknown): { service: { weekly(): Promise<number>; clock: () => number } } }>('features/subscriptions/index');
    const service = subscriptionsOf(a.strapi).service;
    const DAY = 86_400_000;
    const today = new Date();
    today.setUTCHours(0, 0, 0, 0);
    const monday = (weeks: number) => today.getTime() - ((today.getUTCDay() + 6) % 7) * DAY + weeks * 7 * DAY;
    // Each of the next three weeks has one piece of news: a published practice first published on its Thursday.
    const practices = (await a.strapi.documents(PRACTICE).findMany({ status: 'published', locale: 'it', fields: ['title'], limit: 3 } as never)) as { documentId: string }[];
    for (const [i, practice] of practices.entries()) await db('coesione_subscription_news').where('document_id', practice.documentId).update({ first_published_at: monday(i + 1) + 3 * DAY + 12 * 3_600_000 });
    const [row] = (await db('coesione_subscriptions').insert({ email: 'settimana.cluster@example.org', email_key: 'cluster', nonce: 'cluster', type: 'practice', filters: '{"type":"practice"}', filters_key: 'cluster', frequency: 'weekly', state: 'active', created_at: monday(1), confirmed_at: monday(1) }, ['id'])) as { id: number }[];
    const digests = async () => ((await db('coesione_mail_outbox').where('topic', `subscription:${row!.id}`).orderBy('id').select('subject')) as { subject: string }[]).map((m) => m.subject);
    const real = service.clock;
    try {
      for (const week of [1, 2, 3]) {
        // The Monday after the week, 08:00 UTC, on both: A's clock moved in the test, B started with it moved.
        const at = monday(week + 1) + 8 * 3_600_000;
        service.clock = () => at;
        bUp = false;
        const moved = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(CLOCK_PRELOAD).href}`, COESIONE_TEST_CLOCK_OFFSET_MS: String(at - Date.now()) };
        // B runs the pass as it starts; A runs it twice meanwhile.
        await Promise.all([b.restart(moved).then(() => (bUp = true)), service.weekly(), service.weekly()]);
        await until(`the digest of week ${week}`, async () => (await digests()).length >= week);
        await new Promise((r) => setTimeout(r, 2000));
        expect(await service.weekly(), `week ${week} again`).toBe(0);
        expect(await digests()).toEqual(Array.from({ length: week }, () => 'Le novità della settimana: 1 scheda (Buone prassi)'));
      }
      // A week with no news: nothing.
      service.clock = () => monday(5) + 8 * 3_600_000;
      expect(await service.weekly()).toBe(0);
      expect(await digests()).toHaveLength(3);
    } finally {
      service.clock = real;
    }
  });

  it('log B, the production process, as JSON lines with a request id each', () => {
    const lines = b.lines('stdout').filter((line) => line.trim());
    const requests = lines.map((line) => JSON.parse(line) as { msg?: string; requestId?: string }).filter((entry) => entry.msg === 'request');
    expect(requests.length).toBeGreaterThan(50);
    for (const entry of requests) expect(entry.requestId).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
  });
});

const titleOf = (i: number, version: number) => `Pratica di prova ${i}, versione ${version}`;

function practiceBody(slug: string, version: number) {
  const i = Number(slug.split('-').at(-1));
  return {
    title: Number.isNaN(i) ? `Prova ${slug}` : titleOf(i, version),
    slug,
    summary: 'Una buona prassi pubblicata da due processi del CMS.',
    state: 'attiva',
    evidenceLevel: 'descrittiva',
    location: { address: 'Piazza Municipio 1', municipality: vercelli, latitude: 45.3239, longitude: 8.4236 },
  };
}
