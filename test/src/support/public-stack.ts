/**
 * One booted stack for the suites of the public site (public-site.test.ts): Meilisearch, a Strapi on a copy
 * of the seeded demo, the index, the site built once against both and served on loopback, and one Chromium.
 * The site, map, search and participation suites used to boot each of these for themselves (four Strapis,
 * four indexes, four site builds); they now read this one.
 *
 * What each suite needs before the build is made here, in one place (the fixtures below); after the build the
 * suites only read, except where a suite's last tests write and say so (the participation suite runs last,
 * and its pact journey rebuilds the site it then reads).
 *
 * The bindings are live: import them and read them inside hooks and tests, after the stack's `beforeAll`.
 */
import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { createSearchClient, ensureSearchKey } from '@coesione/search';
import { freePort } from '@coesione/scripts/lib/ports.ts';
import { serveStatic } from '@coesione/scripts/lib/static-server.ts';
import { launchBrowser } from './browser.ts';
import { bookSeat } from './bookings.ts';
import { cmsModule, startSeededCms, type TestCms } from './cms.ts';
import { indexDemo, synced, until } from './indexed.ts';
import { startMeili, type TestMeili } from '@coesione/scripts/lib/meili.ts';
import { buildSite } from './site.ts';

/** The demo is seeded as of this day and the site built as of BUILD_NOW: the pages' dates are fixed. */
export const SEED_TODAY = new Date('2026-11-20T10:00:00Z');
export const BUILD_NOW = '2026-11-24T10:00:00Z';

export let meili: TestMeili;
export let cms: TestCms;
export let site: { url: string; close(): Promise<void> };
export let siteDir: string;
export let browser: Browser;
/** The search-only key the site was built with. */
export let searchKey: string;
/** The environment of the stack's site build, for a suite that builds the site again (into its own folder). */
export let siteEnv: Record<string, string>;
/** The open-data catalogue's publisher, as an operator sets it (docs/configuration.md). */
export const DCAT_PUBLISHER = { name: 'Consorzio di prova dei servizi sociali (ente fittizio)', ipa: 'c_prova' };

// ── Fixtures, made before the build ───────────────────────────────────────────────────────────────────

/** site: a published pact whose proposer left personal data: none of it may reach a page. */
export const PACT_SECRET = { proposerName: 'Ermenegilda Riservatissima', proposerEmail: 'ermenegilda.riservata@example.org', proposerPhone: '+39 333 000 1111' };
/** search: words only unpublished text holds, a draft-only practice and the draft of a published one. */
export const DRAFT_WORD = 'zafferanissimo';
export const DRAFT_EDIT_WORD = 'cardamomissimo';
/** participation: the practice with three accepted ratings (5, 4, 4) and one still waiting. */
export const RATED = 'orti-sociali-caresana';
export const PRIVATE_COMMENT = 'Commento riservato alla redazione';
export const rated = { documentId: '', receipts: [] as string[] };
/**
 * bookings: a workshop of 2 seats per session whose sessions are in the future on the real clock (the
 * CMS takes bookings until a session starts; the demo's dates are relative to SEED_TODAY).
 */
export const BOOKABLE = { slug: 'laboratorio-da-prenotare', title: 'Cucire una borsa da un sacco di riso', capacity: 2, sessions: [] as string[] };
/**
 * certificates: a certificate of attendance of BOOKABLE's second session, issued before the build: its page is
 * the CMS's, proxied by the site when opened, and neither it nor its holder may be in any built file.
 */
/** subscriptions: an address following the opportunities of Vercelli before the build: in no built file, no index, no public answer. */
export const SUBSCRIBER = 'iscritta.riservata@example.org';
export const CERTIFIED = { holder: 'Carla Maria Verificata', email: 'carla.verificata@example.org', publicName: 'C. Maria Verificata', code: '' };

async function makeFixtures(siteUrl: string): Promise<void> {
  const vercelli = (await cms.strapi.documents('api::municipality.municipality').findFirst({ filters: { istatCode: '002158' } }))!.documentId;
  await cms.strapi.documents('api::pact.pact').create({
    data: { title: 'Patto con dati riservati', slug: 'patto-con-dati-riservati', summary: 'Un patto di prova.', commonGood: 'Aiuola di prova', kind: 'ordinario', municipalities: [vercelli], ...PACT_SECRET, publicProposer: 'Gruppo di vicinato' },
    status: 'published',
  } as never);

  const practices = cms.strapi.documents('api::practice.practice');
  await practices.create({ data: { title: `Bozza ${DRAFT_WORD}`, slug: 'bozza-zafferano', summary: `Mai pubblicata: ${DRAFT_WORD}.` } } as never);
  const published = (await practices.findFirst({ status: 'published', filters: { slug: { $ne: RATED } } } as never)) as { documentId: string; summary: string };
  await practices.update({ documentId: published.documentId, data: { summary: `${published.summary} ${DRAFT_EDIT_WORD}` } } as never);

  const inDays = (days: number) => new Date(Math.ceil(Date.now() / 86_400_000 + days) * 86_400_000 + 16 * 3_600_000).toISOString();
  BOOKABLE.sessions = [inDays(30), inDays(37)];
  const bookable = (await cms.strapi.documents('api::workshop.workshop').create({
    data: {
      title: BOOKABLE.title, slug: BOOKABLE.slug, summary: 'Un pomeriggio per cucire una borsa della spesa da un sacco di riso, con una sarta del quartiere.', craft: 'sartoria_tessile',
      artisanName: 'Sarta di prova', capacity: BOOKABLE.capacity, certificateSessions: 1, municipalities: [vercelli], sessions: BOOKABLE.sessions.map((start) => ({ start })),
    },
    status: 'published',
  } as never)) as unknown as { documentId: string };

  // A certificate as the organiser issues it: booked through the form, marked present (here before the day:
  // marking by code has its own tests), then «Rilascia gli attestati».
  await bookSeat(cms.url, { workshop: bookable.documentId, session: BOOKABLE.sessions[1]!, name: CERTIFIED.holder, email: CERTIFIED.email });
  await cms.strapi.db.query('api::booking.booking').updateMany({ where: { name: CERTIFIED.holder }, data: { attendedAt: new Date() } });
  const { certificateService } = cmsModule<{ certificateService(deps: object): { issue(workshop: string): Promise<{ outcome: string; issued?: number }> } }>('features/bookings/certificates');
  const { secret, cmsBaseUrl } = cmsModule<{ secret(name: string): string; cmsBaseUrl(strapi: unknown): string }>('platform/runtime');
  const issued = await certificateService({ strapi: cms.strapi, salt: secret('SUBMISSION_SALT'), baseUrl: () => cmsBaseUrl(cms.strapi), siteUrl }).issue(bookable.documentId);
  if (issued.outcome !== 'issued' || issued.issued !== 1) throw new Error(`certificate not issued: ${JSON.stringify(issued)}`);
  CERTIFIED.code = ((await cms.strapi.db.query('api::certificate.certificate').findOne({ where: { holderName: CERTIFIED.holder } })) as { code: string }).code;

  // A subscriber, as the form stores one, confirmed (the confirmation from the message has its own tests).
  const { subscriptionsOf } = cmsModule<{ subscriptionsOf(strapi: unknown): { service: { subscribe(body: object, client: string): Promise<{ outcome: string }> } } }>('features/subscriptions/index');
  const subscribed = await subscriptionsOf(cms.strapi).service.subscribe({ tipo: 'opportunity', comune: '002158', frequenza: 'weekly', email: SUBSCRIBER }, 'fixture');
  if (subscribed.outcome !== 'sent') throw new Error(`subscription refused: ${JSON.stringify(subscribed)}`);
  await cms.strapi.db.connection('coesione_subscriptions').where({ email: SUBSCRIBER }).update({ state: 'active', confirmed_at: Date.now() });

  // Four ratings through the public endpoint; an editor accepts three of them.
  rated.documentId = ((await practices.findFirst({ filters: { slug: RATED }, status: 'published' } as never)) as { documentId: string }).documentId;
  for (const stars of [5, 4, 4, 1]) {
    const res = await cms.api('/api/submissions', {
      method: 'POST',
      body: { data: { kind: 'valutazione', targetType: 'practice', targetDocumentId: rated.documentId, stars, comment: PRIVATE_COMMENT, consent: true, startedAt: Date.now() - 60_000 } },
    });
    if (res.status !== 201) throw new Error(`rating refused: ${JSON.stringify(res.body)}`);
    rated.receipts.push(res.body.data.receipt);
  }
  for (const receipt of rated.receipts.slice(0, 3)) {
    const row = (await cms.strapi.db.query('api::submission.submission').findOne({ where: { receipt } })) as { documentId: string };
    await cms.strapi.documents('api::submission.submission').update({ documentId: row.documentId, data: { state: 'accettata' } } as never);
  }
}

beforeAll(async () => {
  meili = await startMeili();
  // The site's origin is known before the CMS starts: CORS (the forms, the search island's fallback) and the
  // CMS's links back to the site need it.
  const sitePort = await freePort();
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  cms = await startSeededCms(
    { users: false, today: SEED_TODAY },
    {
      MEILISEARCH_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      SEARCH_SYNC_INTERVAL_MS: '100',
      CORS_ORIGINS: siteUrl,
      SITE_URL: siteUrl,
      // The participation suite sends a dozen contributions from one address in a few seconds; the limits
      // have their own tests (submissions.test.ts).
      SUBMISSION_RATE_LIMIT: '1000',
      SUBMISSION_MIN_FILL_MS: '0',
      // Messages reach the local mailbox within a second (the subscription suite reads them there).
      MAIL_INTERVAL_MS: '200',
      SUBSCRIPTION_INTERVAL_MS: '200',
    },
  );
  await indexDemo(cms, meili);
  await makeFixtures(siteUrl);
  // Generous: a loaded machine makes Meilisearch answer 408 for a while.
  await until('the demo content to be indexed', () => synced(cms, meili), 180_000);
  searchKey = await ensureSearchKey(createSearchClient(meili.url, meili.masterKey), meili.masterKey);
  siteEnv = { CMS_URL: cms.url, SITE_URL: siteUrl, PUBLIC_MEILISEARCH_URL: meili.url, PUBLIC_SEARCH_KEY: searchKey, BUILD_NOW, DCAT_PUBLISHER_NAME: DCAT_PUBLISHER.name, DCAT_PUBLISHER_IPA: DCAT_PUBLISHER.ipa };
  siteDir = await buildSite(siteEnv);
  site = await serveStatic(siteDir, { port: sitePort });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (siteDir) fs.rmSync(siteDir, { recursive: true, force: true });
  await cms?.stop();
  await meili?.stop();
});
