import { describe, expect, it } from 'vitest';
import { canonical, describe as describeFilters, matches, readFilters, type FollowedEntry, type Vocabulary } from './filters';
import { weekKey, weekStart } from './service';

const vocabulary: Vocabulary = {
  comuni: new Map([['002158', 'Vercelli'], ['002148', 'Trino']]),
  themes: new Map([['lavoro-inclusione', 'Lavoro e inclusione']]),
  targets: new Map([['giovani', 'Giovani']]),
  kinds: { opportunity: new Map([['tirocinio', 'Tirocinio']]) },
};

const entry = (over: Partial<FollowedEntry> = {}): FollowedEntry => ({
  documentId: 'd', title: 'Tirocinio in falegnameria', slug: 's', summary: 'Sei mesi in bottega, con la città.', comuni: ['002158'], themes: ['lavoro-inclusione'], targets: ['giovani'], kind: 'tirocinio', ...over,
});

describe('readFilters', () => {
  it('keeps what exists, a comune by code or by name, in canonical order', () => {
    const { filters, errors } = readFilters({ parole: '  bottega   città ', comune: 'vercelli', tipo: 'opportunity', tema: 'lavoro-inclusione', tipologia: 'tirocinio' }, vocabulary);
    expect(errors).toEqual({});
    expect(Object.keys(canonical(filters as never))).toEqual(['type', 'comune', 'theme', 'kind', 'words']);
    expect(filters).toMatchObject({ comune: '002158', words: 'bottega città' });
    expect(describeFilters(canonical(filters as never), vocabulary)).toBe('Opportunità · a Vercelli · area tematica Lavoro e inclusione · tipologia Tirocinio · con le parole «bottega città»');
  });

  it('says in Italian what names nothing', () => {
    const { errors } = readFilters({ tipo: 'regulation', comune: 'Atlantide', tema: 'x', destinatari: 'y', tipologia: 'tirocinio', parole: 'a'.repeat(81) }, vocabulary);
    expect(errors).toEqual({
      comune: 'Il comune «Atlantide» non è tra i comuni del distretto.',
      theme: 'L’area tematica «x» non esiste.',
      target: 'I destinatari «y» non esistono.',
      kind: 'La sezione Normativa e modelli non ha tipologie: togli questo filtro.',
      words: 'Le parole da cercare sono troppe: al massimo 80 caratteri.',
    });
    expect(readFilters({}, vocabulary).errors.type).toBe('Scegli la sezione da seguire.');
  });
});

describe('matches', () => {
  const filters = { type: 'opportunity' as const, comune: '002158', theme: 'lavoro-inclusione', words: 'CITTA bottega' };
  it('fits on every filter, words without accents or case, a district-wide entry in every comune', () => {
    expect(matches(entry(), filters)).toBe(true);
    expect(matches(entry({ comuni: [] }), filters)).toBe(true);
  });
  it('refuses another comune, theme, kind or missing word', () => {
    expect(matches(entry({ comuni: ['002148'] }), filters)).toBe(false);
    expect(matches(entry({ themes: [] }), filters)).toBe(false);
    expect(matches(entry({ kind: 'lavoro' }), { ...filters, kind: 'tirocinio' })).toBe(false);
    expect(matches(entry({ summary: 'Sei mesi.' }), filters)).toBe(false);
  });
});

describe('weeks', () => {
  it('starts on Monday in UTC and names the ISO week', () => {
    const sunday = Date.UTC(2026, 11, 6, 23, 0);
    expect(new Date(weekStart(sunday)).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(weekKey(weekStart(sunday))).toBe('2026-W49');
    expect(weekKey(weekStart(Date.UTC(2027, 0, 1)))).toBe('2026-W53');
  });
});
