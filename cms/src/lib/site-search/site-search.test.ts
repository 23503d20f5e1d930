import { describe, expect, it } from 'vitest';
import type { Engine } from './engines';
import { alternatives, meiliFilter, stem, words } from './engines';
import { parseQuery, toParams } from './query';
import { createSiteSearch } from './service';

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
  const found: Engine = async () => ({ hits: [hit], totalHits: 11 });

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
