import { createSpeller } from '@coesione/model';
import { describe, expect, it } from 'vitest';
import type { ContentReader, Engine } from './engines';
import { alternatives, contentEngine, meiliFilter, stem, words } from './engines';
import { resultsPage } from './html';
import { parseQuery, toParams } from './query';
import { createSiteSearch } from './service';
import { contentSpeller } from './vocabulary';

const hit = { type: 'practice' as const, url: '/buone-prassi/orto/', title: 'Orto', summary: 'Un orto', municipalityNames: [], deadline: null, nextSession: null };

describe('the search query', () => {
  it('reads the site\'s parameters', () => {
    const parsed = parseQuery({ q: '  orti   sociali ', tipo: ['practice', 'workshop'], comune: 'Vercelli', pagina: '2' });
    expect(parsed).toEqual({ ok: true, query: { q: 'orti sociali', types: ['practice', 'workshop'], comuni: ['Vercelli'], page: 2 } });
    if (parsed.ok) expect(toParams(parsed.query)).toBe('?q=orti+sociali&tipo=practice&tipo=workshop&comune=Vercelli&pagina=2');
  });

  it('refuses a query too long, an unknown type and a bad page, in Italian, one message each', () => {
    const parsed = parseQuery({ q: 'a'.repeat(201), tipo: 'submission', pagina: 'zero' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.param)).toEqual(['q', 'tipo', 'pagina']);
    expect(parsed.errors[0]?.message).toBe('La ricerca è troppo lunga: al massimo 200 caratteri (ne hai scritti 201).');
    expect(parsed.errors[1]?.message).toMatch(/^Tipo di contenuto sconosciuto: «submission»\. I tipi sono: Buone prassi, Opportunità/);
  });

  it('quotes filter values, so a comune cannot inject a filter', () => {
    expect(meiliFilter({ q: '', types: ['practice'], comuni: ['A" OR type = "x'], page: 1 })).toEqual([['type = "practice"'], ['municipalityNames = "A\\" OR type = \\"x"']]);
  });

  it('splits words on punctuation and drops one-letter ones', () => {
    expect(words("Riuso, l'orto e la BICI")).toEqual(['riuso', 'orto', 'la', 'bici']);
  });

  it('matches a word by a stem that survives an ending, a verb for its noun and a slip near the end', () => {
    for (const [typed, text] of [['biciclette', 'bicicletta'], ['ripara', 'riparazione'], ['riparazone', 'riparazione'], ['orti', 'orti']]) {
      expect(text.startsWith(stem(typed!)), `${typed} → ${stem(typed!)}`).toBe(true);
    }
    expect(stem('bici')).toBe('bici');
  });

  it('looks for a word by its synonyms too, also when it was typed with a slip', () => {
    expect(alternatives('biciclette')).toEqual(expect.arrayContaining(['bicicle', 'bici', 'cicl']));
    expect(alternatives('riparazone')).toEqual(expect.arrayContaining(['riparaz', 'ripar']));
    expect(alternatives('zafferano')).toEqual(['zaffer']);
  });
});

describe('the search service', () => {
  const warnings: string[] = [];
  const log = { warn: (m: string) => warnings.push(m) };
  const failing: Engine = async () => {
    throw new Error('fetch failed');
  };
  const found: Engine = async () => ({ hits: [hit], totalHits: 11, completeHits: 11 });

  it('answers from Meilisearch when it answers', async () => {
    const service = createSiteSearch({ primary: found, fallback: failing, limit: { limit: 10, windowMs: 1000 }, log });
    const result = await service.search({ q: 'orto' }, 'a');
    expect(result).toMatchObject({ outcome: 'results', answer: { reduced: false, totalHits: 11, totalPages: 2, page: 1 } });
  });

  it('answers reduced results from the CMS when Meilisearch fails, and logs it without the query', async () => {
    warnings.length = 0;
    const service = createSiteSearch({ primary: failing, fallback: found, limit: { limit: 10, windowMs: 1000 }, log });
    const result = await service.search({ q: 'segreto-del-cittadino' }, 'a');
    expect(result).toMatchObject({ outcome: 'results', answer: { reduced: true, hits: [hit] } });
    expect(warnings).toHaveLength(1);
    expect(warnings.join()).not.toContain('segreto');
  });

  it('limits searches per client, and tells when to come back', async () => {
    let t = 0;
    const service = createSiteSearch({ primary: found, fallback: found, limit: { limit: 3, windowMs: 60_000 }, log, now: () => t });
    for (let i = 0; i < 3; i++) expect((await service.search({ q: 'x' }, 'a')).outcome).toBe('results');
    expect(await service.search({ q: 'x' }, 'a')).toMatchObject({ outcome: 'rate-limited', limit: 3 });
    expect((await service.search({ q: 'x' }, 'b')).outcome).toBe('results');
    t = 60_001;
    expect((await service.search({ q: 'x' }, 'a')).outcome).toBe('results');
  });
});

/** A CMS holding `entries` for the practice type and nothing else, counting its reads. */
function fakeContent(entries: object[]) {
  const reads: object[] = [];
  const strapi: ContentReader = {
    documents: (uid: never) => ({
      findMany: async (params: object) => {
        reads.push(params);
        return (uid as string) === 'api::practice.practice' ? entries : [];
      },
    }),
  };
  return { strapi, reads };
}

const bicycles = { documentId: 'b1', title: 'Ciclofficina popolare di Crescentino', summary: 'Imparare a riparare la propria bicicletta.', themes: [{ name: 'Riuso ed economia circolare', slug: 'riuso' }], municipalities: [{ name: 'Crescentino', slug: 'crescentino', istatCode: '002049' }] };
const repairs = { documentId: 'r1', title: 'Repair Café della Valsesia', summary: 'Volontari aggiustano elettrodomestici, biciclette e mobili: riparazione invece di buttare.' };
const context = { siteUrl: 'https://coesione.example', action: '/api/cerca', comuni: [] };

describe('«Forse cercavi…» on the page without JavaScript', () => {
  const log = { warn: () => undefined };
  const speller = async () => createSpeller([['riparazione', 3], ['biciclette', 2], ['orti', 4]]);
  const engine = (totalHits: number, completeHits: number): Engine => async () => ({ hits: [hit], totalHits, completeHits });
  const search = (primary: Engine, deps: object = { speller }) => createSiteSearch({ primary, fallback: primary, limit: { limit: 10, windowMs: 1000 }, log, ...deps });

  it('corrects the query when at most two results hold all its words, even among many holding one', async () => {
    const result = await search(engine(15, 0)).search({ q: 'riparazone viciclete' }, 'a');
    expect(result).toMatchObject({ outcome: 'results', answer: { totalHits: 15, suggestion: 'riparazione biciclette' } });
    expect((await search(engine(2, 2)).search({ q: 'riparazone' }, 'a'))).toMatchObject({ answer: { suggestion: 'riparazione' } });
  });

  it('suggests nothing when enough results hold every word, when every word is known, or without a vocabulary', async () => {
    expect(await search(engine(3, 3)).search({ q: 'riparazone' }, 'a')).toMatchObject({ answer: { suggestion: null } });
    expect(await search(engine(0, 0)).search({ q: 'orti biciclette' }, 'a')).toMatchObject({ answer: { suggestion: null } });
    expect(await search(engine(0, 0), {}).search({ q: 'riparazone' }, 'a')).toMatchObject({ answer: { suggestion: null } });
    const broken = search(engine(0, 0), { speller: () => Promise.reject(new Error('database locked')) });
    expect(await broken.search({ q: 'riparazone' }, 'a')).toMatchObject({ outcome: 'results', answer: { hits: [hit], suggestion: null } });
  });

  it('links the corrected query on the results page, keeping the filters, escaped', () => {
    const query = { q: 'riparazone viciclete', types: ['workshop' as const], comuni: [], page: 2 };
    const answer = { hits: [], totalHits: 0, page: 2, totalPages: 0, reduced: false, suggestion: 'riparazione <biciclette>' };
    const html = resultsPage(query, answer, context);
    expect(html).toContain('<p class="suggestion">Forse cercavi: <a href="/api/cerca?q=riparazione+%3Cbiciclette%3E&amp;tipo=workshop">riparazione &lt;biciclette&gt;</a>?</p>');
    expect(resultsPage(query, { ...answer, suggestion: null }, context)).not.toContain('Forse cercavi');
  });

  it('counts, in the reduced search, the entries holding every word apart from those holding one', async () => {
    const { strapi } = fakeContent([bicycles, repairs]);
    const answer = await contentEngine(strapi)({ q: 'riparazione crescentino', types: ['practice'], comuni: [], page: 1 });
    expect(answer).toMatchObject({ totalHits: 2, completeHits: 1 });
  });

  it('builds the vocabulary from published titles, summaries, themes and comuni, reading them again only after ten minutes', async () => {
    const { strapi, reads } = fakeContent([bicycles, repairs]);
    let t = 0;
    const get = contentSpeller(strapi, { now: () => t });
    expect((await get()).correct('crescentno riparazone')).toBe('crescentino riparazione');
    expect((await get()).correct('economa circolare')).toBe('economia circolare');
    const firstReads = reads.length;
    expect(reads[0]).toMatchObject({ status: 'published', fields: ['title', 'summary'] });
    t = 600_001;
    await get();
    expect(reads.length).toBe(2 * firstReads);
  });
});
