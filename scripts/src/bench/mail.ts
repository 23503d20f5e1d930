/**
 * `npm run bench:mail`: what e-mail subscriptions cost, on Strapi loaded in this process (SQLite, its
 * workers running as in production), with a real SMTP listener on loopback that counts what it receives.
 *
 * - **Weekly digests**: BENCH_MAIL_SUBSCRIBERS (10,000) confirmed weekly subscriptions to the opportunities,
 *   10 opportunities first published last week. Timed: the digest pass composing and queueing one digest per
 *   subscription (in the outbox, each recorded as sent), then the mail worker handing them all to SMTP.
 * - **Publish → queued**: BENCH_MAIL_FOLLOWERS (200) immediate subscriptions to the opportunities of Vercelli;
 *   BENCH_MAIL_PUBLISHES (30) opportunities published one at a time. Timed: from the publish's return to
 *   every follower's message in the outbox (p50, p95, max).
 *
 * Writes bench/results/mail.json.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { writeResults } from '../lib/bench.ts';
import { CMS_DIR } from '../lib/paths.ts';
import { startSmtp } from '../lib/smtp-sink.ts';
import { ensureCmsBuilt, loadStrapi } from '../lib/strapi.ts';
import { percentile } from './load.ts';

const SUBSCRIBERS = Number(process.env.BENCH_MAIL_SUBSCRIBERS ?? 10_000);
const FOLLOWERS = Number(process.env.BENCH_MAIL_FOLLOWERS ?? 200);
const PUBLISHES = Number(process.env.BENCH_MAIL_PUBLISHES ?? 30);
const OPPORTUNITY = 'api::opportunity.opportunity';
const DAY = 86_400_000;

const cms = createRequire(import.meta.url);
const cmsModule = <T>(relative: string): T => cms(path.join(CMS_DIR, 'dist', 'src', `${relative}.js`)) as T;
const seconds = (ms: number) => Math.round(ms) / 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  await ensureCmsBuilt();
  const smtp = await startSmtp(0, { keep: false });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-mail-'));
  Object.assign(process.env, { COESIONE_DATA_DIR: dataDir, SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_INTERVAL_MS: '200', SUBSCRIPTION_INTERVAL_MS: '10000', CMS_LOG_LEVEL: 'error' });
  const strapi: Core.Strapi = await loadStrapi();
  const db = strapi.db.connection;
  const { subscriptionsOf } = cmsModule<{ subscriptionsOf(strapi: unknown): { service: { weekly(): Promise<number> } } }>('features/subscriptions/index');
  const { service } = subscriptionsOf(strapi);
  try {
    const vercelli = (await strapi.db.query('api::municipality.municipality').create({ data: { name: 'Vercelli', slug: 'vercelli', istatCode: '002158', province: 'VC', latitude: 45.32, longitude: 8.42 } })) as { documentId: string };
    const publish = async (title: string) =>
      ((await strapi.documents(OPPORTUNITY).create({ data: { title, slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-'), summary: `${title}: un’opportunità sintetica del banco di prova.`, kind: 'lavoro', municipalities: [vercelli.documentId] }, locale: 'it', status: 'published' } as never)) as { documentId: string }).documentId;

    // Last week's news: 10 opportunities, first published on its Thursday.
    const monday = new Date();
    monday.setUTCHours(0, 0, 0, 0);
    const lastThursday = monday.getTime() - ((monday.getUTCDay() + 6) % 7) * DAY - 4 * DAY + 12 * 3_600_000;
    const lastWeek = [];
    for (let i = 1; i <= 10; i++) lastWeek.push(await publish(`Opportunità della settimana scorsa ${i}`));
    await sleep(500);
    await db('coesione_subscription_news').whereIn('document_id', lastWeek).update({ first_published_at: lastThursday });
    await db('coesione_mail_outbox').delete();
    const row = (i: number, frequency: string, filters: object) => ({
      email: `iscritto-${frequency}-${i}@example.org`, email_key: crypto.randomBytes(32).toString('hex'), nonce: crypto.randomBytes(16).toString('base64url'),
      type: 'opportunity', filters: JSON.stringify(filters), filters_key: crypto.randomBytes(32).toString('hex'), frequency, state: 'active', created_at: lastThursday - 7 * DAY, confirmed_at: lastThursday - 7 * DAY,
    });
    for (let i = 0; i < SUBSCRIBERS; i += 500) await db('coesione_subscriptions').insert(Array.from({ length: Math.min(500, SUBSCRIBERS - i) }, (_, j) => row(i + j, 'weekly', { type: 'opportunity' })));

    console.log(`bench:mail: ${SUBSCRIBERS} weekly digests…`);
    const started = Date.now();
    const queued = await service.weekly();
    const composed = Date.now() - started;
    while (smtp.count() < queued) await sleep(50);
    const handed = Date.now() - started;

    console.log(`bench:mail: publish → queued, ${PUBLISHES} publishes to ${FOLLOWERS} followers…`);
    for (let i = 0; i < FOLLOWERS; i += 500) await db('coesione_subscriptions').insert(Array.from({ length: Math.min(500, FOLLOWERS - i) }, (_, j) => ({ ...row(i + j, 'immediate', { type: 'opportunity', comune: '002158' }), confirmed_at: Date.now() - DAY })));
    const delays: number[] = [];
    for (let i = 1; i <= PUBLISHES; i++) {
      const before = Number(((await db('coesione_mail_outbox').count({ n: '*' }).first()) as { n: number | string }).n);
      const published = Date.now();
      await publish(`Opportunità appena pubblicata ${i}`);
      const after = Date.now();
      for (;;) {
        const now = Number(((await db('coesione_mail_outbox').count({ n: '*' }).first()) as { n: number | string }).n);
        if (now - before >= FOLLOWERS) break;
        if (Date.now() - published > 60_000) throw new Error(`publish ${i}: only ${now - before} of ${FOLLOWERS} messages queued after a minute`);
        await sleep(5);
      }
      delays.push(Date.now() - after);
    }
    const sorted = [...delays].sort((a, b) => a - b);

    const results = {
      database: 'sqlite',
      weeklyDigests: { subscribers: SUBSCRIBERS, queued, entriesEach: lastWeek.length, composeAndQueueSeconds: seconds(composed), composePerSecond: Math.round(queued / (composed / 1000)), handToSmtpSeconds: seconds(handed), deliveredPerSecond: Math.round(queued / (handed / 1000)) },
      publishToQueued: { followers: FOLLOWERS, publishes: PUBLISHES, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted.at(-1) },
    };
    console.table({
      'weekly digests: compose and queue': `${queued} in ${seconds(composed)} s (${results.weeklyDigests.composePerSecond}/s)`,
      'weekly digests: queued → handed to SMTP': `${queued} in ${seconds(handed)} s (${results.weeklyDigests.deliveredPerSecond}/s)`,
      'publish → queued to every follower': `p50 ${results.publishToQueued.p50Ms} ms, p95 ${results.publishToQueued.p95Ms} ms, max ${results.publishToQueued.maxMs} ms (${FOLLOWERS} followers)`,
    });
    console.log(`written ${writeResults('mail', results)}`);
  } finally {
    await strapi.destroy();
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
