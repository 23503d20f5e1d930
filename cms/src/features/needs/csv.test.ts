import { NEED_CATEGORIES, NEED_SERVICES } from '@coesione/model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codesCsv, COLUMNS, MAX_REPORTED_ERRORS, partnerCsv, readNeedCsv, templateCsv, vocabularyOf, type Vocabularies } from './csv';

const limits = { maxRows: 1000, today: '2026-12-15' };
const vocab: Vocabularies = { comuni: new Map([['002158', '002158']]), categories: vocabularyOf(NEED_CATEGORIES), services: vocabularyOf(NEED_SERVICES) };
const bytes = (text: string) => new TextEncoder().encode(text);
/** The cells of a file the CMS wrote, split the simple way (right while no cell holds `;`, a quote or a line break). */
const cells = (text: string) => text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(';'));

describe('the files the CMS writes for partners', () => {
  it('gives a template that the import reads back as an empty file: its header known, its help line skipped', () => {
    const text = templateCsv();
    expect(text.startsWith('\uFEFFmese;comune;')).toBe(true);
    expect(readNeedCsv(bytes(text), vocab, limits)).toEqual({ rows: [], errors: [], errorCount: 0, badRows: 0, total: 0 });
  });

  it('writes any cell so that the import reads it back as written, once a formula is neutralised', () => {
    const unit = fc.constantFrom('a', 'Z', '1', '.', 'è', ' ', '-', '=', '+', '@', '\t', '\r', '\n', '"', ';', ',');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }).map((u) => u.join('')), (code) => {
        const row = ['2026-10', '002158', '30-49', '', '', '', 'casa', '', 'no', '', code];
        const parsed = readNeedCsv(bytes(partnerCsv([COLUMNS.map((c) => c.name), row])), vocab, limits);
        const neutralised = /^[=+\-@\t\r]/.test(code) && !/^-?\d+(\.\d+)?$/.test(code) ? `'${code}` : code;
        const expected = neutralised.trim();
        if (expected.length > 40) return expect(parsed.errors.map((e) => e.field)).toEqual(['codice_interno']);
        expect(parsed.errors).toEqual([]);
        expect(parsed.rows).toHaveLength(1);
        expect(parsed.rows[0]!.internalCode).toBe(expected || undefined);
      }),
    );
  });

  it('neutralises a code or label that a spreadsheet would run as a formula', () => {
    const formula = '=HYPERLINK("http://x.example";"clic")';
    const text = codesCsv({ categories: [{ code: '-casa', label: formula }, { code: 'lavoro', label: 'Lavoro' }], services: [] });
    expect(text).toContain(`\r\nbisogni;'-casa;"'=HYPERLINK(""http://x.example"";""clic"")";`);
    expect(cells(text).find((l) => l[1] === 'lavoro')?.slice(0, 3)).toEqual(['bisogni', 'lavoro', 'Lavoro']);
    // Numbers stay numbers: a figure is never turned into text.
    expect(partnerCsv([['2026-T3', 4, -1, '-2', '=1+1', '@x']])).toBe(`\uFEFF2026-T3;4;-1;-2;'=1+1;'@x\r\n`);
  });
});

describe('a file with many broken rows', () => {
  it('keeps the first errors in row order and counts the rest, errors and rows', () => {
    // Each row breaks at least three rules (month, comune, needs): 3,000 errors, 1,000 rows.
    const rows = Array.from({ length: 1000 }, () => ['mai', 'Atlantide', '30-49', '', '', '', '', '', 'no', '', '']);
    const parsed = readNeedCsv(bytes(partnerCsv([COLUMNS.map((c) => c.name), ...rows])), vocab, limits);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(parsed.errors.map((e) => e.row)).toEqual([...parsed.errors.map((e) => e.row)].sort((a, b) => a - b));
    expect(parsed.errors[0]!.row).toBe(2);
    expect(parsed.errorCount).toBeGreaterThanOrEqual(3000);
    expect(parsed.badRows).toBe(1000);
  });
});
