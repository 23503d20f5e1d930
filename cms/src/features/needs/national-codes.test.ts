import { CATEGORY_CROSSWALK, NEED_CATEGORIES, NEED_SERVICES, importCodes } from '@coesione/model';
import { describe, expect, it } from 'vitest';
import { codesCsv, readNeedCsv, vocabularyOf, withNationalCodes, type Vocabularies } from './csv';

const HEADER = 'mese;comune;fascia_eta;tipo_nucleo;sesso;cittadinanza;bisogni;servizi;servizio_sociale;codice_fiscale;codice_interno';
const limits = { maxRows: 1000, today: '2026-12-15' };

/** The vocabularies as the import builds them from the CMS (here, the default vocabulary). */
const vocabOf = (categories: readonly { slug: string; name: string }[], services: readonly { slug: string; name: string }[]): Vocabularies =>
  withNationalCodes({ comuni: new Map([['002158', '002158'], ['vercelli', '002158']]), categories: vocabularyOf(categories), services: vocabularyOf(services) });
const vocab = vocabOf(NEED_CATEGORIES, NEED_SERVICES);

const file = (rows: [bisogni: string, servizi: string][]) =>
  new TextEncoder().encode([HEADER, ...rows.map(([b, s], i) => `2026-10;002158;30-49;;;;${b};${s};no;;SCH-${i}`)].join('\n'));

const accepted = (kind: 'categories' | 'services') => [...importCodes(kind)];

describe('an import written with national codes', () => {
  it('gives the same coded rows as the same file written with the district’s codes', () => {
    const categories = accepted('categories');
    const services = accepted('services');
    expect(categories.length).toBeGreaterThan(0);
    expect(services.length).toBeGreaterThan(0);
    // One row per accepted code of either list, the other column cycling through the other list; then every
    // code together in one row, in lower case as a spreadsheet may hold them.
    const rows = (pick: (code: string, slug: string) => string) => [
      ...categories.map(([code, slug], i) => [pick(code, slug), pick(...services[i % services.length]!)] as [string, string]),
      ...services.map(([code, slug], i) => [pick(...categories[i % categories.length]!), pick(code, slug)] as [string, string]),
      [categories.map(([c, s]) => pick(c.toLowerCase(), s)).join('|'), services.map(([c, s]) => pick(c.toLowerCase(), s)).join(' | ')] as [string, string],
    ];
    const national = readNeedCsv(file(rows((code) => code)), vocab, limits);
    const district = readNeedCsv(file(rows((_, slug) => slug)), vocab, limits);
    expect(national.errors).toEqual([]);
    expect(national.rows).toHaveLength(categories.length + services.length + 1);
    expect(national.rows).toEqual(district.rows);
    expect(national.rows.at(-1)!.categories).toEqual([...new Set(categories.map(([, slug]) => slug))]);
  });

  it('refuses a national code that names more than one district code, or that is only a guess, saying where', () => {
    // POV: Caritas's economic poverty is «reddito» and «alimentare»; A1: the nearest CISIS item, unchecked.
    expect(CATEGORY_CROSSWALK.reddito.caritas.code).toBe('POV');
    const parsed = readNeedCsv(file([['POV', ''], ['casa', 'A1']]), vocab, limits);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors.map((e) => `${e.row}:${e.field}`)).toEqual(['2:bisogni', '3:servizi']);
    expect(parsed.errors[0]!.message).toContain('«POV» non è nel vocabolario');
  });

  it('lets the district’s own vocabulary win, and drops a code whose category the CMS no longer has', () => {
    // The office renamed a category «CAS» for another need, and removed «lavoro».
    const edited = vocabOf([{ slug: 'casa', name: 'Casa' }, { slug: 'cassa-integrazione', name: 'CAS' }, ...NEED_CATEGORIES.filter((c) => !['casa', 'lavoro'].includes(c.slug))], NEED_SERVICES);
    const parsed = readNeedCsv(file([['CAS', ''], ['OCC', '']]), edited, limits);
    expect(parsed.rows.map((r) => r.categories)).toEqual([['cassa-integrazione']]);
    expect(parsed.errors.map((e) => `${e.row}:${e.field}`)).toEqual(['3:bisogni']);
  });
});

describe('the list of allowed codes', () => {
  const lines = codesCsv({ categories: NEED_CATEGORIES.map((c) => ({ code: c.slug, label: c.name })), services: NEED_SERVICES.map((s) => ({ code: s.slug, label: s.name })) })
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(';'));
  const row = (column: string, code: string) => lines.find((l) => l[0] === column && l[1] === code)!;

  it('puts beside each category and service the national codes the import accepts, and what it is in each list', () => {
    expect(lines[0]).toEqual(['colonna', 'codice', 'etichetta', 'codici_nazionali_ammessi', 'caritas', 'area_siuss', 'area_utenza_istat', 'nomenclatore_cisis', 'prestazioni_siuss']);
    expect(lines.every((l) => l.length === lines[0]!.length)).toBe(true);
    expect(row('bisogni', 'casa')).toEqual(['bisogni', 'casa', 'Casa', 'CAS', 'CAS Problematiche abitative', 'SIP Povertà, esclusione sociale e altre forme di disagio', 'POV Povertà, disagio adulti e senza dimora', '', '']);
    expect(row('bisogni', 'reddito')[3]).toBe('');
    expect(row('servizi', 'aiuto-alimentare').slice(3)).toEqual(['A1.06|A2.01', '', '', '', 'E3 Distribuzione beni di prima necessità (da verificare)', 'A1.06 Buoni spesa o buoni pasto|A2.01 Mensa sociale']);
    expect(row('fascia_eta', 'eta_30_49')).toEqual(['fascia_eta', 'eta_30_49', '30–49', '', '', '', '', '', '']);
  });

  it('lists every accepted code once, on the row of the district code it stands for', () => {
    for (const [column, kind] of [['bisogni', 'categories'], ['servizi', 'services']] as const) {
      const listed = lines.filter((l) => l[0] === column).flatMap((l) => (l[3] ? l[3].split('|').map((code) => [code, l[1]]) : []));
      expect(listed.sort()).toEqual(accepted(kind).sort());
    }
  });
});
