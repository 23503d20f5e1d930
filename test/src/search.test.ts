/**
 * Search as citizens and editors meet it: a real Meilisearch process and a real Strapi, with the
 * outbox worker keeping the index in step with what is published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchClient, ensureIndex, ensureSearchKey, INDEX_UID, SEARCH_TYPES, type SearchDocument } from '@coesione/search';
import { seed } from '@coesione/scripts/seed/seed.ts';
import { startCms, type TestCms } from './support/cms.ts';
import { send } from './support/http.ts';
import { indexedKeys, outboxSize, publishedKeys, synced, until } from './support/indexed.ts';
import { startMeili, type TestMeili } from '@coesione/scripts/lib/meili.ts';

let meili: TestMeili;
let cms: TestCms;
const PRACTICE = 'api::practice.practice';
const client = () => createSearchClient(meili.url, meili.masterKey);
const index = () => client().index<SearchDocument>(INDEX_UID);

const outbox = () => outboxSize(cms);
const isSynced = () => synced(cms, meili);

const titles = async (q: string) => (await index().search(q, { limit: 20 })).hits.map((h) => h.title);

async function newPractice(slug: string, title: string, status?: 'published') {
  const comune = await cms.strapi.documents('api::municipality.municipality').findFirst({ filters: { istatCode: '002133' } });
  return cms.strapi.documents(PRACTICE).create({
    data: {
      title, slug, summary: `Scheda di prova ${slug}.`,
      location: { address: 'Piazza Roma 1', municipality: comune!.documentId, latitude: 45.3665, longitude: 8.1721 },
    },
    ...(status ? { status } : {}),
  } as never);
}

beforeAll(async () => {
  meili = await startMeili();
  cms = await startCms({ MEILISEARCH_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, SEARCH_SYNC_INTERVAL_MS: '100', SEARCH_SYNC_MAX_BACKOFF_MS: '1000', HEALTH_CACHE_MS: '0' });
  await seed(cms.strapi, { users: false, today: new Date('2026-11-20T10:00:00Z') });
  await until('the demo content to be indexed', isSynced, 60_000);
});

afterAll(async () => {
  await cms?.stop();
  await meili?.stop();
});

describe('sync from the CMS', () => {
  it('indexes exactly the published content, never a draft or a private type', async () => {
    expect(await indexedKeys(meili)).toEqual(await publishedKeys(cms));
    const { results } = await index().getDocuments({ limit: 100000 });
    for (const doc of results) expect(SEARCH_TYPES).toContain(doc.type);
    const settings = await index().getSettings();
    expect(settings.searchableAttributes?.slice(0, 3)).toEqual(['title', 'summary', 'bodyText']);
  });

  it('publish → found; new title → found, old gone; unpublish → gone; delete → gone', async () => {
    const draft = await newPractice('lavagna-di-quartiere', 'Lavagna di quartiere per lo scambio di favori');
    await new Promise((r) => setTimeout(r, 600));
    expect(await titles('lavagna quartiere')).not.toContain('Lavagna di quartiere per lo scambio di favori');

    await cms.strapi.documents(PRACTICE).publish({ documentId: draft.documentId });
    await until('the published practice', async () => (await titles('lavagna quartiere')).includes('Lavagna di quartiere per lo scambio di favori'));

    await cms.strapi.documents(PRACTICE).update({ documentId: draft.documentId, data: { title: 'Bacheca dei vicini solidali' }, status: 'published' } as never);
    await until('the new title', async () => (await titles('bacheca vicini')).includes('Bacheca dei vicini solidali'));
    expect(await titles('lavagna quartiere')).not.toContain('Lavagna di quartiere per lo scambio di favori');

    await cms.strapi.documents(PRACTICE).unpublish({ documentId: draft.documentId });
    await until('the unpublished practice to go', async () => !(await titles('bacheca vicini')).includes('Bacheca dei vicini solidali'));

    await cms.strapi.documents(PRACTICE).publish({ documentId: draft.documentId });
    await until('the republished practice', async () => (await titles('bacheca vicini')).includes('Bacheca dei vicini solidali'));
    await cms.strapi.documents(PRACTICE).delete({ documentId: draft.documentId });
    await until('the deleted practice to go', async () => !(await titles('bacheca vicini')).includes('Bacheca dei vicini solidali'));
  });

  it('keeps an edit of a published entry out of search until it is published', async () => {
    const entry = await newPractice('banco-alimentare-di-frazione', 'Banco alimentare di frazione', 'published');
    await until('the practice', async () => (await titles('banco alimentare frazione')).includes('Banco alimentare di frazione'));
    await cms.strapi.documents(PRACTICE).update({ documentId: entry.documentId, data: { title: 'Titolo in bozza mai pubblicato' } } as never);
    // Whatever the worker still had to settle (the publish's own row, on a busy machine), once it is done
    // the index shows the published title and never the draft's.
    await until('the outbox to settle', async () => (await outbox()) === 0);
    await new Promise((r) => setTimeout(r, 600));
    expect(await outbox()).toBe(0);
    expect(await titles('titolo bozza pubblicato')).not.toContain('Titolo in bozza mai pubblicato');
    expect(await titles('banco alimentare frazione')).toContain('Banco alimentare di frazione');
  });

  it('refreshes the entries that show a theme or an organisation when it is renamed', async () => {
    const theme = await cms.strapi.documents('api::theme.theme').findFirst({ filters: { slug: 'riuso-economia-circolare' } });
    const linked = await cms.strapi.documents(PRACTICE).count({ filters: { themes: { documentId: theme!.documentId } }, status: 'published' } as never);
    const showing = async (filter: string) => (await index().search('', { filter, limit: 0 })).estimatedTotalHits;
    await cms.strapi.documents('api::theme.theme').update({ documentId: theme!.documentId, data: { name: 'Riuso, riparazione e economia circolare' } } as never);
    await until('the new theme name in the linked practices', async () => (await showing('type = practice AND themeNames = "Riuso, riparazione e economia circolare"')) === linked);
    expect(linked).toBeGreaterThan(0);

    const org = await cms.strapi.documents('api::organization.organization').findFirst({ filters: { slug: 'odv-ruote-solidali' }, status: 'published' } as never);
    await cms.strapi.documents('api::organization.organization').update({ documentId: org!.documentId, data: { name: 'ODV Ruote Solidali della Pianura' }, status: 'published' } as never);
    await until('the new organisation name in its opportunities', async () => (await showing('type = opportunity AND organizationNames = "ODV Ruote Solidali della Pianura"')) > 0);
    expect(await showing('organizationNames = "ODV Ruote Solidali"')).toBe(0);
  });

  it('loses nothing while Meilisearch is down: 20 publishes, restart, the index matches the CMS; /api/health says so meanwhile', async () => {
    // A connection of its own each time (support/http.ts): a kept-alive one the server closes as it is reused
    // fails the fetch on a busy machine.
    const health = async () => {
      const { status, text } = await send(`${cms.url}/api/health`);
      // No address, port or key of the search server, nothing of the content.
      for (const secret of [meili.url, String(new URL(meili.url).port), meili.masterKey]) expect(text).not.toContain(secret);
      return { status, body: JSON.parse(text) };
    };
    await until('the outbox to drain', async () => (await outbox()) === 0, 30_000);
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', database: { ok: true }, search: { configured: true, ok: true }, outbox: { waiting: 0, oldestSeconds: null } } });
    await meili.kill();
    const created = [];
    try {
      for (let i = 1; i <= 20; i++) {
        created.push(await newPractice(`durante-il-guasto-${i}`, `Pratica pubblicata durante il guasto numero ${i}`, 'published'));
      }
      expect(created).toHaveLength(20); // the CMS kept working
      expect(await outbox()).toBeGreaterThanOrEqual(20);
      const down = await health();
      expect(down).toMatchObject({ status: 200, body: { status: 'degraded', database: { ok: true }, search: { configured: true, ok: false } } });
      expect(down.body.outbox.waiting).toBeGreaterThanOrEqual(20);
      expect(down.body.outbox.oldestSeconds).toBeGreaterThanOrEqual(0);
    } finally {
      // Back whatever happened above, so a failure here is one failure, not one for every test after it.
      await meili.restart();
    }
    await until('the outbox to drain and the index to match', isSynced, 30_000);
    expect((await health()).body).toMatchObject({ status: 'ok', outbox: { waiting: 0 } });
    const found = await index().search('pratica pubblicata durante il guasto', { limit: 100, filter: 'type = practice' });
    const slugs = found.hits.map((h) => h.slug).filter((slug) => slug.startsWith('durante-il-guasto-'));
    expect(slugs.sort()).toEqual(created.map((c) => (c as unknown as { slug: string }).slug).sort());
  });
});

describe('the index settings', () => {
  it('gives its settings to an index left without them (a run that failed between creating it and setting it up)', async () => {
    const uid = 'content-left-bare';
    await client().createIndex(uid, { primaryKey: 'id' }).waitTask();
    expect(await client().index(uid).getSearchableAttributes()).toEqual(['*']);
    await ensureIndex(client(), uid);
    expect(await client().index(uid).getFilterableAttributes()).toEqual(expect.arrayContaining(['type', 'themes', '_geo']));
    expect(await client().index(uid).getSearchableAttributes()).toEqual(expect.arrayContaining(['title', 'summary']));
    await client().deleteIndex(uid).waitTask();
  });
});

describe('the public search key', () => {
  it('can search the public index and nothing else', async () => {
    const key = await ensureSearchKey(client(), meili.masterKey);
    expect(await ensureSearchKey(client(), meili.masterKey)).toBe(key); // idempotent
    const publicClient = createSearchClient(meili.url, key);
    expect((await publicClient.index(INDEX_UID).search('orti')).hits.length).toBeGreaterThan(0);
    await expect(publicClient.index(INDEX_UID).addDocuments([{ id: 'intruso', title: 'x' }]).waitTask()).rejects.toThrow();
    await expect(publicClient.index(INDEX_UID).deleteAllDocuments().waitTask()).rejects.toThrow();
    await expect(publicClient.index(INDEX_UID).getSettings()).rejects.toThrow();
    await expect(publicClient.index(INDEX_UID).updateSettings({ stopWords: [] }).waitTask()).rejects.toThrow();
    await expect(publicClient.getKeys()).rejects.toThrow();
    await expect(publicClient.createIndex('altro')).rejects.toThrow();
  });
});

describe('relevance over the demo content', () => {
  // [query, what it tests, slugs of which at least one must be in the top 3]
  const judged: [string, string, string[]][] = [
    ['portierato sociale', 'exact title words', ['portierato-sociale-quartiere-isola', 'educatore-portierato-sociale']],
    ['emporio solidale santhia', 'missing accent', ['emporio-solidale-santhia', 'volontari-emporio-solidale']],
    ['housing frst', 'typo', ['housing-first-vercelli', 'slide-housing-first-principi']],
    ['orti sociali', 'plural', ['orti-sociali-caresana']],
    ['orto sociale', 'singular', ['orti-sociali-caresana', 'orto-invernale-caresana', 'orto-sociale-di-trino']],
    ['trasporto sociale valsesia', 'place name', ['trasporto-sociale-alta-valsesia', 'trasporto-sociale-a-chiamata-valsesia']],
    ['budget di salute', 'phrase', ['budget-di-salute-valsesia', 'guida-budget-di-salute']],
    ['repair cafe', 'missing accent', ['repair-cafe-valsesia', 'video-repair-cafe-come-organizzarlo', 'volontari-riparatori-repair-cafe']],
    ['tirocinio', 'kind word, singular', ['tirocini-inclusione-sartoria-sociale', 'tirocini-agricoltura-sociale-caresana', 'scheda-tirocini-inclusione', 'tirocini-inclusione-agricoltura-livorno-ferraris', 'accordo-tirocini-inclusione-2015']],
    ['tirocini agricoltura', 'two words', ['tirocini-agricoltura-sociale-caresana', 'tirocini-inclusione-agricoltura-livorno-ferraris']],
    ['stage', 'synonym of tirocinio', ['tirocini-inclusione-sartoria-sociale', 'tirocini-agricoltura-sociale-caresana', 'scheda-tirocini-inclusione', 'tirocini-inclusione-agricoltura-livorno-ferraris', 'accordo-tirocini-inclusione-2015']],
    ['codice terzo settore', 'law by name', ['dlgs-117-2017-codice-terzo-settore']],
    ['legge 328', 'law by number', ['legge-328-2000']],
    ['dopo di noi', 'stop words only but one', ['legge-112-2016-dopo-di-noi', 'corso-dopo-di-noi-famiglie', 'palestra-autonomia-dopo-di-noi']],
    ['isee', 'acronym', ['scheda-isee-in-breve', 'dpcm-159-2013-isee']],
    ['patto di collaborazione', 'phrase', ['modello-patto-di-collaborazione', 'guida-patti-di-collaborazione', 'patto-giardino-via-roma-quarona', 'modulo-proposta-patto-collaborazione', 'avviso-proposte-patti-collaborazione']],
    ['terza età', 'synonym of anziani', ['telefonia-sociale-colline', 'autisti-volontari-pianura', 'volontari-telefonia-sociale', 'contributi-domiciliarita-anziani-gattinara', 'legge-33-2023-anziani', 'corso-assistenza-familiare-base']],
    ['persone con disabilità', 'phrase with accent', ['legge-104-1992', 'dlgs-62-2024-disabilita', 'legge-4-2004-accessibilita']],
    ['disabili', 'synonym of disabilità', ['legge-104-1992', 'dlgs-62-2024-disabilita', 'legge-4-2004-accessibilita']],
    ['bici', 'short form', ['ciclofficina-popolare-crescentino', 'ciclofficina-manutenzione-base-crescentino', 'bici-ricondizionate-ragazzi-cigliano']],
    ['biciclette', 'plural synonym', ['ciclofficina-popolare-crescentino', 'ciclofficina-manutenzione-base-crescentino', 'bici-ricondizionate-ragazzi-cigliano']],
    ['riparazone biciclette', 'typo in one of two words', ['ciclofficina-popolare-crescentino', 'ciclofficina-manutenzione-base-crescentino', 'bici-ricondizionate-ragazzi-cigliano']],
    ['ripara bicicletta', 'verb stem and singular', ['ciclofficina-popolare-crescentino', 'ciclofficina-manutenzione-base-crescentino', 'bici-ricondizionate-ragazzi-cigliano']],
    ['sartoria', 'craft', ['sartoria-sociale-gattinara', 'tirocini-inclusione-sartoria-sociale', 'riparazioni-sartoriali-gattinara']],
    ['restauro mobili', 'craft phrase', ['restauro-mobili-borgosesia', 'impagliatura-sedie-valduggia']],
    ['computer rigenerati', 'title words', ['computer-rigenerati-varallo']],
    ['puncetto', 'rare word', ['puncetto-valsesiano-alagna']],
    ['alagna', 'comune name', ['puncetto-valsesiano-alagna', 'corso-digitale-over-60-alta-valle', 'case-in-montagna-nuovi-residenti', 'aps-monte-rosa-insieme']],
    ['gattinara', 'comune name', ['sartoria-sociale-gattinara', 'co-progettazione-servizi-educativi-gattinara', 'casa-gattinara', 'riparazioni-sartoriali-gattinara', 'tirocini-inclusione-sartoria-sociale', 'telefonia-sociale-colline', 'contributi-domiciliarita-anziani-gattinara']],
    ['santhia', 'comune without accent', ['emporio-solidale-santhia', 'sportello-assistenti-familiari-santhia', 'cisas-santhia', 'corso-assistente-familiare-santhia', 'arredi-da-pallet-santhia', 'volontari-emporio-solidale']],
    ['affitto', 'housing', ['fondo-casa-garanzia-affitto', 'agenzia-sociale-locazione-proprietari']],
    ['alloggio', 'synonym of casa', ['housing-first-vercelli', 'fondo-casa-garanzia-affitto', 'agenzia-sociale-locazione-proprietari', 'case-in-montagna-nuovi-residenti', 'palestra-autonomia-dopo-di-noi']],
    ['corso italiano', 'language course', ['corso-italiano-l2-anno-in-corso', 'italiano-l2-famiglie-trino']],
    ['smartphone', 'single word', ['corso-digitale-over-60-alta-valle']],
    ['cooperative sociali', 'plural', ['legge-381-1991-cooperative-sociali']],
    ['impresa sociale', 'phrase', ['dlgs-112-2017-impresa-sociale', 'impresa-sociale-filo-e-trama']],
    ['accessibilita', 'missing accent', ['legge-4-2004-accessibilita', 'guida-accessibilita-comunicazione']],
    ['coprogettazione', 'joined compound', ['corso-coprogettazione-art-55', 'convenzione-tipo-coprogettazione', 'avviso-coprogettazione-pronto-intervento-sociale', 'co-progettazione-servizi-educativi-gattinara']],
    ['elettrodomestici', 'repair', ['piccoli-elettrodomestici-vercelli']],
    ['sacchi di riso', 'upcycling', ['borse-dai-sacchi-di-riso-trino']],
    ['runts', 'acronym', ['webinar-runts-iscrizione-adempimenti']],
    ['antispreco', 'law nickname', ['legge-166-2016-antispreco']],
    ['badante', 'synonym of assistente familiare', ['sportello-assistenti-familiari-santhia', 'corso-assistente-familiare-santhia', 'sportello-assistenti-familiari', 'corso-assistenza-familiare-base']],
    ['mediatore interculturale', 'job', ['mediatore-interculturale-scuole']],
    ['sussidiarieta orizzontale', 'principle, no accent', ['costituzione-art-118']],
    ['assegno di inclusione', 'measure', ['dl-48-2023-assegno-inclusione']],
  ];

  it.each(judged)('"%s" (%s)', async (query, _what, expected) => {
    const top = (await index().search(query, { limit: 3 })).hits.map((h) => h.slug);
    expect(top.some((slug) => expected.includes(slug)), `top 3 for "${query}": ${top.join(', ')}`).toBe(true);
  });
});
