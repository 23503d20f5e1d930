import { ALL, NEED_CATEGORIES, NEED_SERVICES, importCodes } from '@coesione/model';
import { describe, expect, it } from 'vitest';
import { NATIONAL_COLUMNS, categoryCodesJson, categoryRows, nationalCells, serviceRows } from './need-crosswalk';

describe('the national codes beside the need figures', () => {
  it('appends a category’s SIUSS, ISTAT and Caritas codes to its figures, and nothing to «tutte» or an unknown category', () => {
    expect(NATIONAL_COLUMNS).toEqual(['area_siuss', 'area_utenza_istat', 'caritas']);
    expect(nationalCells('casa')).toEqual(['SIP', 'POV', 'CAS']);
    expect(nationalCells('disabilita')).toEqual(['SINA', 'DIS', 'HAN']);
    expect(nationalCells(ALL)).toEqual(['', '', '']);
    expect(nationalCells('categoria-nuova')).toEqual(['', '', '']);
    expect(categoryCodesJson().casa).toEqual({
      area_siuss: { codice: 'SIP', etichetta: 'Povertà, esclusione sociale e altre forme di disagio', verificato: true },
      area_utenza_istat: { codice: 'POV', etichetta: 'Povertà, disagio adulti e senza dimora', verificato: true },
      caritas: { codice: 'CAS', etichetta: 'Problematiche abitative', verificato: true },
    });
    expect(Object.keys(categoryCodesJson())).toEqual(NEED_CATEGORIES.map((c) => c.slug));
  });

  it('shows every category and service on the method page, marking guesses and the codes the import accepts', () => {
    expect(categoryRows().map((r) => r.name)).toEqual(NEED_CATEGORIES.map((c) => c.name));
    expect(serviceRows().map((r) => r.name)).toEqual(NEED_SERVICES.map((s) => s.name));
    for (const [rows, kind] of [[categoryRows(), 'categories'], [serviceRows(), 'services']] as const) {
      const shown = rows.flatMap((r) => r.columns.flat().filter((c) => c.accepted).map((c) => [c.code, r.slug]));
      expect(shown.sort(), kind).toEqual([...importCodes(kind)].sort());
    }
    const transport = serviceRows().find((r) => r.slug === 'trasporto-sociale')!;
    expect(transport.columns).toEqual([[{ code: 'E2', label: 'Trasporto sociale', unconfirmed: true, accepted: false }], []]);
  });
});
