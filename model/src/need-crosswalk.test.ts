import { describe, expect, it } from 'vitest';
import { CATEGORY_CROSSWALK, CROSSWALK_SOURCES, SERVICE_CROSSWALK, categoryCrosswalk, crosswalkEntries, importAccepted, importCodes, serviceCrosswalk } from './need-crosswalk.js';
import { NEED_CATEGORIES, NEED_SERVICES } from './needs.js';

const kinds = [
  ['categories', NEED_CATEGORIES],
  ['services', NEED_SERVICES],
] as const;

describe('the crosswalk to the national lists', () => {
  it('covers every category and every service of the district, and nothing else', () => {
    expect(Object.keys(CATEGORY_CROSSWALK).sort()).toEqual(NEED_CATEGORIES.map((c) => c.slug).sort());
    expect(Object.keys(SERVICE_CROSSWALK).sort()).toEqual(NEED_SERVICES.map((s) => s.slug).sort());
    for (const c of NEED_CATEGORIES) {
      const x = categoryCrosswalk(c.slug)!;
      expect([x.siuss.source, x.istat.source, x.caritas.source], c.slug).toEqual(['siuss-area', 'istat-area', 'caritas']);
    }
    for (const s of NEED_SERVICES) expect(serviceCrosswalk(s.slug)!.cisis.source, s.slug).toBe('cisis');
    expect(categoryCrosswalk('toString')).toBeUndefined();
    expect(serviceCrosswalk('casa')).toBeUndefined();
  });

  it('gives every entry a code, the list’s label and a known list', () => {
    for (const [kind] of kinds) {
      for (const { slug, national } of crosswalkEntries(kind)) {
        expect(national.code, slug).toMatch(/^[A-Z][A-Z0-9.]*$/);
        expect(national.label.trim(), slug).not.toBe('');
        expect(Object.keys(CROSSWALK_SOURCES), slug).toContain(national.source);
      }
    }
  });

  it('accepts on import only codes that name one district code: no duplicates, no guesses, no wider needs', () => {
    for (const [kind] of kinds) {
      const accepted = crosswalkEntries(kind).filter((e) => importAccepted(kind, e.national));
      const codes = accepted.map((e) => e.national.code.toLowerCase());
      expect(new Set(codes).size, kind).toBe(codes.length);
      const everyCode = crosswalkEntries(kind).map((e) => e.national.code.toLowerCase());
      for (const e of accepted) {
        expect(everyCode.filter((c) => c === e.national.code.toLowerCase()), e.national.code).toHaveLength(1);
        expect(e.national.status, e.national.code).not.toBe('nearest');
        expect(['same', 'narrower'], e.national.code).toContain(e.national.fit);
        expect(CROSSWALK_SOURCES[e.national.source].importable, e.national.code).toBe(true);
      }
      expect([...importCodes(kind)]).toEqual(accepted.map((e) => [e.national.code, e.slug]));
    }
    // What a partner may write today (the list the method page and the template's companion show).
    expect(Object.fromEntries(importCodes('categories'))).toEqual({ CAS: 'casa', OCC: 'lavoro', SAL: 'salute', DIP: 'dipendenze', IMM: 'documenti-e-migrazione', IST: 'minori-e-istruzione' });
    expect(Object.fromEntries(importCodes('services'))).toEqual({
      'A1.06': 'aiuto-alimentare', 'A2.01': 'aiuto-alimentare', 'A1.04': 'contributo-economico', 'A1.05': 'contributo-economico',
      'A2.09': 'accompagnamento-al-lavoro', 'A2.11': 'supporto-scolastico', 'A2.07': 'assistenza-domiciliare',
    });
  });

  it('keeps out a code two district codes share, even when one of them fits it exactly', () => {
    // Caritas's economic poverty is both «reddito» and «alimentare»; FAM is ISTAT's and Caritas's.
    expect(CATEGORY_CROSSWALK.reddito.caritas).toMatchObject({ code: 'POV', fit: 'same' });
    expect(importAccepted('categories', CATEGORY_CROSSWALK.reddito.caritas)).toBe(false);
    expect(importAccepted('categories', CATEGORY_CROSSWALK.violenza.caritas)).toBe(false);
    // ISTAT's area «Disabili» is one category's only, but an area sorts people, not needs.
    expect(importAccepted('categories', CATEGORY_CROSSWALK.disabilita.istat)).toBe(false);
    expect(importAccepted('services', SERVICE_CROSSWALK['trasporto-sociale'].cisis)).toBe(false);
  });

  it('never lets an accepted code be read as a district code or name', () => {
    for (const [kind, list] of kinds) {
      const district = new Set(list.flatMap((v) => [v.slug, v.name].map((t) => t.toLowerCase())));
      for (const code of importCodes(kind).keys()) expect(district.has(code.toLowerCase()), code).toBe(false);
    }
  });
});
