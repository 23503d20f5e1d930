import { describe, expect, it } from 'vitest';
import { blocksToText, deadlineEnd, searchTypeOf, toSearchDocument } from './documents';
import { wordFamilies } from './synonyms';
import { synonymMap, SYNONYM_GROUPS } from './synonyms';

const opportunity = {
  documentId: 'abc123',
  locale: 'it',
  slug: 'tirocini-sartoria',
  title: 'Tirocini nella sartoria sociale',
  summary: 'Sei tirocini di inclusione.',
  body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Primo paragrafo.' }] }, { type: 'list', children: [{ type: 'list-item', children: [{ type: 'text', text: 'una voce' }] }] }],
  kind: 'tirocinio',
  deadline: '2026-12-15',
  publishedAt: '2026-11-01T09:00:00.000Z',
  provider: { name: 'Filo e Trama Impresa Sociale', slug: 'filo-e-trama' },
  themes: [{ name: 'Lavoro e inclusione', slug: 'lavoro-inclusione' }],
  targetGroups: [{ name: 'Persone disoccupate', slug: 'persone-disoccupate' }],
  municipalities: [{ name: 'Gattinara', slug: 'gattinara', istatCode: '002061' }],
  locations: [{ latitude: '45.6167', longitude: '8.3667', municipality: { name: 'Gattinara', istatCode: '002061' } }],
  cover: { url: '/uploads/cover.jpg' },
  // Never copied, whatever the CMS sends:
  createdBy: { email: 'redazione@coesione.example' },
};

describe('toSearchDocument', () => {
  it('maps an opportunity to a flat, public-only document', () => {
    const doc = toSearchDocument('opportunity', opportunity, new Date('2026-11-24T12:00:00Z'));
    expect(doc).toMatchObject({
      id: 'opportunity-abc123-it',
      url: '/opportunita/tirocini-sartoria/',
      bodyText: 'Primo paragrafo.\nuna voce',
      organizationNames: ['Filo e Trama Impresa Sociale'],
      municipalityNames: ['Gattinara'],
      municipalityCodes: ['002061'],
      themes: ['lavoro-inclusione'],
      kind: 'tirocinio',
      open: true,
      _geo: { lat: 45.6167, lng: 8.3667 },
    });
    expect(JSON.stringify(doc)).not.toContain('redazione@');
  });

  it('closes an opportunity after the last second of its deadline day in Rome', () => {
    const at = (iso: string) => toSearchDocument('opportunity', opportunity, new Date(iso)).open;
    expect(at('2026-12-15T22:59:59Z')).toBe(true); // 23:59:59 in Rome (winter)
    expect(at('2026-12-15T23:00:00Z')).toBe(false); // midnight in Rome
    expect(new Date(deadlineEnd('2026-07-10') * 1000).toISOString()).toBe('2026-07-10T21:59:59.000Z'); // summer time
  });

  it('keeps an opportunity without deadline open and gives other types no open state', () => {
    expect(toSearchDocument('opportunity', { ...opportunity, deadline: null }).open).toBe(true);
    expect(toSearchDocument('practice', { documentId: 'p1', title: 'x' }).open).toBeNull();
  });

  it('takes the next upcoming workshop session', () => {
    const doc = toSearchDocument('workshop', { documentId: 'w1', sessions: [{ start: '2026-11-01T10:00:00Z' }, { start: '2027-01-10T10:00:00Z' }, { start: '2026-12-05T10:00:00Z' }] }, new Date('2026-11-24T00:00:00Z'));
    expect(new Date((doc.nextSession ?? 0) * 1000).toISOString()).toBe('2026-12-05T10:00:00.000Z');
  });

  it('names only the public types', () => {
    expect(searchTypeOf('api::practice.practice')).toBe('practice');
    expect(searchTypeOf('api::search-outbox.search-outbox')).toBeUndefined();
    expect(searchTypeOf('plugin::users-permissions.user')).toBeUndefined();
    expect(blocksToText(null)).toBe('');
  });
});

describe('synonyms', () => {
  it('has at least 40 groups and maps every term to the rest of its group', () => {
    expect(SYNONYM_GROUPS.length).toBeGreaterThanOrEqual(40);
    const map = synonymMap();
    expect(map['terza età']).toEqual(expect.arrayContaining(['anziani', 'over 65']));
    expect(map.anziani).not.toContain('anziani');
  });
});

describe('wordFamilies', () => {
  it('adds every term of the groups a text touches, so a typo reaching one term finds the others', () => {
    const families = wordFamilies('Si impara a riparare la propria bicicletta in ciclofficina.');
    expect(families).toEqual(expect.arrayContaining(['riparazione', 'riparare', 'bicicletta', 'biciclette', 'bici']));
    expect(families).not.toContain('sartoria');
  });
  it('matches a term of several words only when they follow each other, and lists single words only', () => {
    expect(wordFamilies('Per la terza età')).toEqual(expect.arrayContaining(['anziani', 'senior']));
    expect(wordFamilies('Per la terza età')).not.toContain('terza età');
    expect(wordFamilies('La terza volta in età adulta')).not.toContain('anziani');
  });
});
