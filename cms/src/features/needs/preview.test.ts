import { describe, expect, it } from 'vitest';
import { echo, problemsOf } from './csv';
import { MAX_REPORTED_ERRORS, monthLine, previewImport } from './preview';

const base = { organization: 7, fileDigest: 'abc', total: 0, validMonths: [] as string[], problems: problemsOf([]), existing: new Map<string, number>(), validOnly: false };

describe('the preview of an import', () => {
  it('says, per month, how many records come in and how many they replace', () => {
    const p = previewImport({ ...base, total: 7, validMonths: ['2026-11', '2026-11', '2026-11', '2026-11', '2026-11', '2026-10', '2026-10'], existing: new Map([['2026-11', 9]]) });
    expect(p.months).toEqual([{ month: '2026-10', incoming: 2, existing: 0 }, { month: '2026-11', incoming: 5, existing: 9 }]);
    expect(p.lines).toEqual(['2026-10: 2 schede nuove (il mese è vuoto, nulla da sostituire)', '2026-11: 5 schede nuove al posto delle 9 già presenti']);
    expect(p.canImport).toBe(true);
    expect(p.message).toBe('Prova riuscita, nulla è stato ancora salvato: confermando importi 7 schede e sostituisci le 9 già presenti negli stessi mesi.');
  });

  it('blocks a file with errors unless only the valid rows are asked for, counting rows not errors', () => {
    const errors = problemsOf([{ row: 3, field: 'mese', message: 'x' }, { row: 3, field: 'comune', message: 'y' }]);
    const blocked = previewImport({ ...base, total: 2, validMonths: ['2026-11'], problems: errors });
    expect(blocked.canImport).toBe(false);
    expect(blocked.message).toMatch(/^Il file ha 2 errori: .* Nessun dato è stato modificato\.$/);
    const partial = previewImport({ ...base, total: 2, validMonths: ['2026-11'], problems: errors, validOnly: true });
    expect(partial.canImport).toBe(true);
    expect(partial.message).toContain('la riga con errori resta fuori');
    expect(previewImport({ ...base, total: 1, problems: errors, validOnly: true }).canImport).toBe(false);
  });

  it('reports the first errors in row order and how many there are in all', () => {
    const errors = problemsOf(Array.from({ length: 250 }, (_, i) => ({ row: 252 - i, field: 'mese', message: 'x' })));
    const p = previewImport({ ...base, total: 250, problems: errors });
    expect(p.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(p.errors[0]!.row).toBe(3);
    expect(p.errorCount).toBe(250);
  });

  it('gives a plan that changes with the file, the choice and the counts, and only with them', () => {
    const plan = (over: Partial<typeof base>) => previewImport({ ...base, total: 1, validMonths: ['2026-11'], existing: new Map([['2026-11', 9]]), ...over }).plan;
    const same = plan({});
    expect(plan({})).toBe(same);
    expect(plan({ fileDigest: 'abd' })).not.toBe(same);
    expect(plan({ validOnly: true })).not.toBe(same);
    expect(plan({ existing: new Map([['2026-11', 10]]) })).not.toBe(same);
    expect(plan({ organization: 8 })).not.toBe(same);
  });

  it('speaks of one record in the singular', () => {
    expect(monthLine({ month: '2026-11', incoming: 1, existing: 1 })).toBe('2026-11: 1 scheda nuova al posto dell’unica scheda già presente');
  });
});

describe('cells quoted back in a report', () => {
  it('never repeats what looks like a codice fiscale, also with omocodia or spaces', () => {
    for (const cell of ['RSSMRA85T10A562X', 'rssmra85t10a562x', 'RSS MRA 85T10 A562X', 'RSSMRAURTMLARSNL', 'casa RSSMRA85T10A562X']) {
      expect(echo(cell)).not.toMatch(/RSS/i);
    }
    expect(echo('Milano')).toBe('«Milano»');
  });
});
