/**
 * `npm run bench:search`: 100,000 synthetic documents spread over the district: indexing throughput,
 * full reindex (fresh index + swap), search latency p50/p95/p99 measured at the client for text,
 * text + facets and text + _geoBoundingBox, and publish → searchable through a real CMS.
 * Prints a table and writes bench/results/search.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createSearchClient,
  ensureIndex,
  INDEX_UID,
  launchMeilisearch,
  PRIMARY_KEY,
  reindex,
  SEARCH_TYPES,
  type SearchDocument,
  wordFamilies,
} from '@coesione/search';
import { pageUrl } from '@coesione/model';
import { writeResults } from '../lib/bench.ts';
import { freePort } from '../lib/ports.ts';
import { progress } from '../lib/progress.ts';
import { loadStrapi } from '../lib/strapi.ts';
import { readComuni } from '../seed/data.ts';
import { percentile } from './load.ts';

const COUNT = Number(process.env.BENCH_DOCUMENTS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 600);
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 20);

const WORDS = ('orto sociale casa affitto lavoro tirocinio anziani disabilità giovani famiglie minori volontariato emporio solidale ' +
  'riparazione bicicletta sartoria restauro mobili riuso trasporto montagna salute budget patto collaborazione beni comuni ' +
  'formazione corso italiano doposcuola assistenza domiciliare caregiver inclusione cooperativa associazione comunità quartiere').split(' ');
const THEMES = ['abitare', 'lavoro-inclusione', 'anziani-domiciliarita', 'disabilita', 'famiglie-minori', 'poverta', 'riuso', 'beni-comuni'];
const KINDS = ['lavoro', 'tirocinio', 'formazione', 'volontariato', 'servizio', 'contributo', 'casa', 'altro'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function* synthetic(count: number, batch = 10_000): Generator<SearchDocument[]> {
  const comuni = readComuni();
  const next = rng(42);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)] as T;
  const now = Math.floor(Date.now() / 1000);
  for (let start = 0; start < count; start += batch) {
    const docs: SearchDocument[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const type = SEARCH_TYPES[i % SEARCH_TYPES.length] ?? 'practice';
      const comune = pick(comuni);
      const words = Array.from({ length: 6 }, () => pick(WORDS));
      const deadline = type === 'opportunity' ? now + Math.floor((next() - 0.3) * 120 * 86400) : null;
      docs.push({
        id: `${type}-syn${i}-it`, type, documentId: `syn${i}`, locale: 'it', slug: `sintetico-${i}`,
        url: pageUrl(type, `sintetico-${i}`),
        title: `${words.slice(0, 3).join(' ')} a ${comune.name}`,
        summary: `Scheda sintetica ${i}: ${words.join(' ')}.`,
        bodyText: Array.from({ length: 60 }, () => pick(WORDS)).join(' '),
        wordFamilies: wordFamilies(words.join(' ')),
        organizationNames: [`Ente sintetico ${i % 300}`], municipalityNames: [comune.name], municipalityCodes: [comune.istat],
        themeNames: [], themes: [pick(THEMES), pick(THEMES)], targetGroupNames: [], targetGroups: [],
        kind: type === 'opportunity' ? pick(KINDS) : null, open: deadline === null ? null : deadline >= now, deadline,
        startDate: now - Math.floor(next() * 365 * 86400), nextSession: null, date: now - Math.floor(next() * 3650 * 86400),
        publishedAt: now - Math.floor(next() * 365 * 86400), coverUrl: null,
        _geo: { lat: comune.lat + (next() - 0.5) * 0.02, lng: comune.lng + (next() - 0.5) * 0.03 },
      });
    }
    yield docs;
  }
}

async function* asAsync<T>(it: Iterable<T>): AsyncGenerator<T> {
  yield* it;
}

function summary(clientMs: number[], serverMs: number[]) {
  const c = [...clientMs].sort((a, b) => a - b);
  const s = [...serverMs].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 100) / 100;
  return { queries: c.length, p50: r(percentile(c, 50)), p95: r(percentile(c, 95)), p99: r(percentile(c, 99)), serverP95: r(percentile(s, 95)) };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-search-'));
const masterKey = 'bench-master-key-0123456789abcdef';
const meili = await launchMeilisearch({ dataDir, port: await freePort(), masterKey });
const client = createSearchClient(meili.url, masterKey);
try {
  console.log(`Coesione bench:search — ${COUNT} documenti sintetici, ${QUERIES} ricerche per tipo`);

  // 1. Indexing throughput into the live index.
  await ensureIndex(client);
  const bar = progress('Indicizzazione', COUNT);
  const t = Date.now();
  const tasks = [];
  for (const batch of synthetic(COUNT)) {
    tasks.push(client.index(INDEX_UID).addDocuments(batch, { primaryKey: PRIMARY_KEY }).waitTask({ timeout: 600_000 }));
    bar.tick(batch.length);
  }
  await Promise.all(tasks);
  const indexSeconds = (Date.now() - t) / 1000;
  bar.done(`(${Math.round(COUNT / indexSeconds)} documenti/s)`);

  // 2. Full reindex: a fresh index, filled, swapped in.
  const rbar = progress('Reindicizzazione completa', COUNT);
  const reindexReport = await reindex(client, asAsync(synthetic(COUNT)), (n) => rbar.tick(n));
  rbar.done(`(${reindexReport.seconds.toFixed(1)} s)`);

  // 3. Search latency, measured at the client (STACK.md: measure the client, not only processingTimeMs).
  const queryWords = () => {
    const next = rng(7);
    return () => `${WORDS[Math.floor(next() * WORDS.length)]} ${WORDS[Math.floor(next() * WORDS.length)]}`;
  };
  const runs: Record<string, (q: string, i: number) => Promise<number>> = {
    text: async (q) => (await client.index(INDEX_UID).search(q, { limit: 20 })).processingTimeMs,
    'text + facets': async (q, i) =>
      (await client.index(INDEX_UID).search(q, {
        limit: 20,
        filter: [`type = ${SEARCH_TYPES[i % SEARCH_TYPES.length]}`, `themes = ${THEMES[i % THEMES.length]}`],
        facets: ['type', 'themes', 'kind', 'municipalityNames', 'open'],
      })).processingTimeMs,
    'text + _geoBoundingBox': async (q, i) => {
      const lat = 45.3 + (i % 10) * 0.05;
      const lng = 8.0 + (i % 7) * 0.05;
      return (await client.index(INDEX_UID).search(q, { limit: 20, filter: `_geoBoundingBox([${lat + 0.15}, ${lng + 0.2}], [${lat}, ${lng}])` })).processingTimeMs;
    },
  };
  const latency: Record<string, ReturnType<typeof summary>> = {};
  for (const [name, run] of Object.entries(runs)) {
    const q = queryWords();
    for (let i = 0; i < 50; i++) await run(q(), i); // warm-up
    const clientMs: number[] = [];
    const serverMs: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const started = process.hrtime.bigint();
      serverMs.push(await run(q(), i));
      clientMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    latency[name] = summary(clientMs, serverMs);
  }

  // 4. Publish → searchable through the CMS (document service → outbox → worker → Meilisearch).
  const cmsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-search-cms-'));
  Object.assign(process.env, { COESIONE_DATA_DIR: cmsDir, MEILISEARCH_URL: meili.url, MEILI_MASTER_KEY: masterKey, SEARCH_SYNC_INTERVAL_MS: '100' });
  const strapi = await loadStrapi();
  const delays: number[] = [];
  try {
    for (let i = 0; i < PUBLISHES; i++) {
      const title = `Pubblicazione misurata ${i} zxqv${i}`;
      const started = Date.now();
      await strapi.documents('api::practice.practice').create({ status: 'published', data: { title, slug: `pubblicazione-misurata-${i}`, summary: 'Misura del ritardo di indicizzazione.' } } as never);
      for (;;) {
        const { hits } = await client.index(INDEX_UID).search(`zxqv${i}`, { limit: 1 });
        if (hits.length > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      delays.push(Date.now() - started);
    }
  } finally {
    await strapi.destroy();
    fs.rmSync(cmsDir, { recursive: true, force: true });
  }
  const sortedDelays = [...delays].sort((a, b) => a - b);
  const publish = { publishes: delays.length, p50Ms: percentile(sortedDelays, 50), p95Ms: percentile(sortedDelays, 95), maxMs: sortedDelays.at(-1), delaysMsInOrder: delays };

  console.table(Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, { 'p50 ms': v.p50, 'p95 ms': v.p95, 'p99 ms': v.p99, 'server p95 ms': v.serverP95 }])));
  console.table({
    'indicizzazione (documenti/s)': { valore: Math.round(COUNT / indexSeconds) },
    [`reindicizzazione di ${COUNT} (s)`]: { valore: reindexReport.seconds },
    'pubblicazione → ricercabile p50 (ms)': { valore: publish.p50Ms },
    'pubblicazione → ricercabile p95 (ms)': { valore: publish.p95Ms },
  });
  const file = writeResults('search', {
    documents: COUNT,
    meilisearch: '1.21.0 (bundled binary)',
    indexing: { seconds: indexSeconds, perSecond: Math.round(COUNT / indexSeconds) },
    reindex: reindexReport,
    latency,
    publishToSearchable: publish,
    targets: { textP95Ms: 20, geoP95Ms: 40, reindexSeconds: 60, publishToSearchableMs: 2000 },
  });
  console.log(`Risultati in ${path.relative(process.cwd(), file)}`);
} finally {
  await meili.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
