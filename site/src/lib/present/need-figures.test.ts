import { describe, expect, it } from 'vitest';
import { emergingNeeds, figureText, haversineKm, NeedFigures, needsWithoutSupply, ratePer1000, reportingText, trendOf, type Release } from './need-figures';
import { digestCsv, digestOf } from './need-digest-rows';

const cell = (area: string, category: string, people: number | null, ageBand = 'tutte') => ({ area, category, ageBand, people, multiBody: null });
const releases: Release[] = [
  { quarter: '2025-T3', level: 'ambito', minCell: 5, cells: [cell('cisas-santhia', 'casa', 40), cell('casa-gattinara', 'casa', 40), cell('ex-ussl-45-vercelli', 'casa', null), cell('unione-montana-valsesia', 'casa', 8)] },
  { quarter: '2026-T3', level: 'ambito', minCell: 5, cells: [cell('cisas-santhia', 'casa', 50), cell('casa-gattinara', 'casa', 49), cell('ex-ussl-45-vercelli', 'casa', 60), cell('unione-montana-valsesia', 'casa', 16)] },
  { quarter: '2026-T3', level: 'comune', minCell: 5, cells: [cell('002158', 'casa', 12), cell('002133', 'casa', null), cell('002002', 'casa', 7)] },
];
const figures = new NeedFigures(releases);

describe('need figures', () => {
  it('reads a suppressed cell as «meno di N», never 0, and an absent one as no data', () => {
    expect(figureText(figures.figure('comune', '2026-T3', '002133', 'casa'))).toBe('meno di 5');
    expect(figureText(figures.figure('comune', '2026-T3', '002158', 'casa'))).toBe('12');
    expect(figureText(figures.figure('comune', '2026-T3', '002004', 'casa'))).toBe('nessun dato');
    expect(ratePer1000(null, 1000)).toBeNull();
    expect(ratePer1000(12, 46_308)).toBe(0.3);
  });

  it('calls a need emerging at +25% and +10 people on the year before, both published', () => {
    // Santhià +25% but +10: yes; Gattinara +22.5%: no; Vercelli suppressed a year before: no; Valsesia +100% but +8: no.
    expect(emergingNeeds(figures, '2026-T3').map((e) => [e.ambito, e.before, e.now])).toEqual([['cisas-santhia', 40, 50]]);
  });

  it('draws a trend with a gap where a quarter is suppressed and says it in words', () => {
    const trend = trendOf(figures.series('ambito', 'ex-ussl-45-vercelli', 'casa'));
    expect(trend.points).toHaveLength(1);
    expect(trend.summary).toContain('sotto la soglia');
    const both = trendOf(figures.series('ambito', 'cisas-santhia', 'casa'));
    expect(both.paths).toHaveLength(1);
    expect(both.summary).toMatch(/^Da 40 persone nel 3º trimestre 2025 a 50 nel 3º trimestre 2026 \(\+25%\)/);
  });

  it('measures distances by haversine and finds needs with no open opportunity within 15 km', () => {
    const vercelli = { lat: 45.3202, lng: 8.4185 };
    const santhia = { lat: 45.367, lng: 8.1736 };
    expect(haversineKm(vercelli, santhia)).toBeGreaterThan(19);
    expect(haversineKm(vercelli, santhia)).toBeLessThan(20.5);
    const comuni = [
      { istat: '002158', name: 'Vercelli', slug: 'vercelli', ...vercelli },
      { istat: '002133', name: 'Santhià', slug: 'santhia', ...santhia },
      { istat: '002002', name: 'Alagna Valsesia', slug: 'alagna-valsesia', lat: 45.854, lng: 7.938 },
    ];
    const items = [
      { type: 'opportunity' as const, url: '/o/', title: 'O', istat: '002158', themes: ['abitare'], open: true },
      { type: 'opportunity' as const, url: '/c/', title: 'C', istat: '002002', themes: ['abitare'], open: false },
    ];
    // Vercelli has one; Santhià is suppressed (never listed); Alagna's only one is closed.
    expect(needsWithoutSupply(figures, '2026-T3', 'casa', ['abitare'], comuni, items).map((g) => g.istat)).toEqual(['002002']);
  });

  it('writes the digest CSV with the suppressed figure empty and flagged, and quotes like RFC 4180', () => {
    const d = digestOf(figures, 'comune', '002133', 'Santhià', '2026-T3', [{ slug: 'casa', name: 'Casa, abitare' }], 8000);
    const [header, row] = digestCsv(d).trimEnd().split('\r\n');
    expect(header?.split(',')).toContain('soppresso');
    expect(row).toBe('2026-T3,definitivo,comune,002133,Santhià,casa,"Casa, abitare",tutte,Tutte le età,,sì,5,,,,dati sintetici dimostrativi,,,,1');
    // A provisional quarter is labelled, and not compared with the final one a year before.
    const provisional = new NeedFigures(releases.map((r) => (r.quarter === '2026-T3' ? { ...r, frozen: false } : r)));
    const ambito = digestOf(provisional, 'ambito', 'cisas-santhia', 'Santhià', '2026-T3', [{ slug: 'casa', name: 'Casa, abitare' }], 8000);
    expect(ambito.provisional).toBe(true);
    expect(digestOf(figures, 'ambito', 'cisas-santhia', 'Santhià', '2026-T3', [{ slug: 'casa', name: 'Casa, abitare' }], 8000).rows[0]!.change).toBe('+25%');
    expect(ambito.rows[0]!.change).toBe('–');
    expect(digestCsv(ambito).split('\r\n')[1]).toMatch(/^2026-T3,provvisorio,ambito,/);
  });

  it('says how complete a quarter is, in words, and carries it into the digest CSV', () => {
    const reporting = { expected: 15, reported: 12, onTime: 11, months: [{ month: '2026-07', due: '2026-08-15', reported: 14, onTime: 13 }, { month: '2026-08', due: '2026-09-15', reported: 13, onTime: 12 }, { month: '2026-09', due: '2026-10-15', reported: 12, onTime: 11 }] };
    expect(reportingText(reporting)).toBe('12 enti su 15 hanno inviato i dati del trimestre, 11 entro la scadenza.');
    expect(reportingText({ ...reporting, months: reporting.months.slice(0, 2) })).toBe('12 enti su 15 hanno inviato i dati di luglio e agosto (i mesi già scaduti), 11 entro la scadenza.');
    expect(reportingText({ expected: 3, reported: 1, onTime: 1, months: [] })).toBe('Nessun mese del trimestre è ancora scaduto per l’invio dei dati: finora ha inviato dati 1 ente su 3 attesi.');
    expect(reportingText(undefined)).toBeUndefined();
    const reported = new NeedFigures(releases.map((r) => (r.quarter === '2026-T3' ? { ...r, reporting } : r)));
    const d = digestOf(reported, 'comune', '002133', 'Santhià', '2026-T3', [{ slug: 'casa', name: 'Casa, abitare' }], 8000);
    expect(digestCsv(d).trimEnd().split('\r\n')[1]).toMatch(/,dati sintetici dimostrativi,15,12,11,1$/);
  });
});

