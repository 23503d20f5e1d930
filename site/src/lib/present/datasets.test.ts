import { describe, expect, it } from 'vitest';
import { datasetCsv, datasetJson, dictionary, type Dataset } from './datasets';
import { DATASETS } from './open-data';

interface Row {
  name: string;
  tags: string[];
  size: number | null;
}
const DATASET: Dataset<Row> = {
  slug: 'prova',
  title: 'Prova',
  description: 'Un insieme di prova.',
  columns: [
    { name: 'nome', type: 'testo', meaning: 'Il nome.', value: (r) => r.name },
    { name: 'etichette', type: 'elenco', meaning: 'Le etichette.', value: (r) => r.tags },
    { name: 'misura', type: 'numero', meaning: 'La misura.', value: (r) => r.size },
  ],
};
const ROWS: Row[] = [
  { name: 'Orto, "sociale"', tags: [], size: null },
  { name: 'Ciclofficina', tags: ['riuso', 'bici'], size: 12 },
];

describe('open datasets', () => {
  it('write the same rows as CSV (lists joined, quotes doubled) and as JSON (lists as arrays, absent as null)', () => {
    expect(datasetCsv(DATASET, ROWS, 'https://example.org/')).toBe('nome,etichette,misura\r\n"Orto, ""sociale""",,\r\nCiclofficina,riuso | bici,12\r\n');
    expect(datasetJson(DATASET, ROWS, 'https://example.org/')).toEqual([
      { nome: 'Orto, "sociale"', etichette: [], misura: null },
      { nome: 'Ciclofficina', etichette: ['riuso', 'bici'], misura: 12 },
    ]);
  });

  it('describe each field with the first example that says something', () => {
    expect(dictionary(DATASET, ROWS, 'https://example.org/').map((r) => [r.name, r.example])).toEqual([
      ['nome', 'Orto, "sociale"'],
      ['etichette', 'riuso | bici'],
      ['misura', '12'],
    ]);
  });

  it('have distinct names, and distinct columns each with a meaning', () => {
    expect(new Set(DATASETS.map((d) => d.slug)).size).toBe(DATASETS.length);
    for (const d of DATASETS) {
      const names = d.columns.map((c) => c.name);
      expect(new Set(names).size, d.slug).toBe(names.length);
      for (const c of d.columns) expect(c.meaning, `${d.slug}.${c.name}`).toMatch(/\S.*\.$/);
    }
  });
});
