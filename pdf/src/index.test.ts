import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type Block, PdfInputError, taggedPdf, toWinAnsi } from './index.js';
import { inspectPdf } from './inspect.js';

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

const blocks: Block[] = [
  { kind: 'heading', level: 1, text: 'Patto di collaborazione per l’orto di via Roma' },
  { kind: 'paragraph', text: 'Tra il Comune di Vercelli e l’associazione «Orti in città», che si impegnano a curare il bene comune.' },
  { kind: 'heading', level: 2, text: 'Impegni delle parti' },
  { kind: 'list', items: ['Cura settimanale delle aiuole', 'Una giornata aperta al quartiere ogni stagione'] },
  { kind: 'heading', level: 3, text: 'Tappe' },
  { kind: 'table', header: ['Tappa', 'Entro', 'Stato'], rows: [['Avvio dei lavori', '1 marzo 2026', 'Completata'], ['Prima verifica', '1 giugno 2026', 'Non iniziata']] },
  { kind: 'paragraph', text: 'Letto, approvato e sottoscritto.' },
];

describe('taggedPdf', () => {
  it('writes a tagged PDF 1.7: structure tree, marked, Italian, its title shown by the viewer', async () => {
    const pdf = await taggedPdf({ title: 'Patto per l’orto di via Roma', subject: 'Patto di collaborazione', blocks, footer: 'Distretto di Coesione Sociale di Vercelli' });
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/Lang \(it-IT\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);

    const report = await inspectPdf(pdf);
    expect(report).toMatchObject({ version: '1.7', title: 'Patto per l’orto di via Roma', lang: 'it-IT', marked: true, displayDocTitle: true, structTreeRoot: true });
    expect(report.roles[0]).toBe('Document');
    for (const role of ['H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD']) expect(report.roles).toContain(role);
    expect(report.roles.filter((r) => r === 'TH')).toHaveLength(3);
    expect(report.roles.filter((r) => r === 'TD')).toHaveLength(6);
    expect(report.roles.filter((r) => r === 'LI')).toHaveLength(2);
  });

  it('keeps the XMP metadata well-formed whatever the title and subject hold, and the title intact', async () => {
    const title = 'Patto <<Orti>> & «cura» </rdf:li><dc:rights>x</dc:rights>';
    const pdf = await taggedPdf({ title, subject: 'Riassunto con <tag> e "virgolette" & simboli\u000b', author: 'A & B', keywords: 'a<b', blocks });
    const raw = pdf.toString('latin1');
    const xmp = raw.slice(raw.indexOf('<?xpacket begin'), raw.indexOf('<?xpacket end'));
    expect(xmp.length).toBeGreaterThan(100);
    expect(XMLValidator.validate(`${xmp}<?xpacket end="w"?>`)).toBe(true);
    expect(xmp).not.toContain('<dc:rights>');
    expect((await inspectPdf(pdf)).title).toBe(title);
  });

  it('heads each row of a fact sheet with a TH of its own', async () => {
    const report = await inspectPdf(await taggedPdf({ title: 'Scheda', blocks: [{ kind: 'table', header: ['Voce', 'Contenuto'], rowHeaders: true, rows: [['Bene comune', 'Giardino'], ['Fase', 'Istruttoria']] }] }));
    expect(report.roles.filter((r) => r === 'TH')).toHaveLength(4);
    expect(report.roles.filter((r) => r === 'TD')).toHaveLength(2);
    expect(report.text.replace(/\s+/g, ' ')).toBe('Voce Contenuto Bene comune Giardino Fase Istruttoria');
  });

  it('puts every word inside the structure, in reading order, and the footer among the artifacts', async () => {
    const report = await inspectPdf(await taggedPdf({ title: 'Ordine', blocks, footer: 'Distretto di Coesione Sociale di Vercelli' }));
    const text = flat(report.text);
    const order = ['Patto di collaborazione per l’orto di via Roma', 'Tra il Comune di Vercelli e l’associazione «Orti in città»', 'Impegni delle parti', 'Cura settimanale delle aiuole', 'Una giornata aperta', 'Tappe', 'Tappa', 'Entro', 'Stato', 'Avvio dei lavori', 'Prima verifica', 'Non iniziata', 'Letto, approvato e sottoscritto.'];
    const positions = order.map((piece) => text.indexOf(piece));
    expect(positions.every((p) => p >= 0), `missing in: ${text}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).not.toContain('Pagina');
    expect(report.artifacts).toContain('Distretto di Coesione Sociale di Vercelli');
    expect(report.artifacts).toContain('Pagina 1 di 1');
    expect(report.unmarked).toBe('');
  });

  it('numbers the pages of a long document, each footer an artifact, and keeps the tree whole across pages', async () => {
    const long: Block[] = Array.from({ length: 60 }, (_, i) => ({ kind: 'paragraph', text: `Articolo ${i + 1}. ${'Le parti collaborano con lealtà e trasparenza. '.repeat(6)}` }));
    const report = await inspectPdf(await taggedPdf({ title: 'Regolamento', blocks: [{ kind: 'heading', level: 1, text: 'Regolamento' }, ...long] }));
    expect(report.pages).toBeGreaterThan(2);
    expect(report.artifacts).toContain(`Pagina ${report.pages} di ${report.pages}`);
    expect(flat(report.text)).toContain('Articolo 60.');
    expect(report.unmarked).toBe('');
  });

  it('keeps Italian accents and typographic marks, and spells out what WinAnsi cannot write', async () => {
    const report = await inspectPdf(await taggedPdf({ title: 'Perché “così” – è l’ente', blocks: [{ kind: 'paragraph', text: 'Età ≥ 18 anni… costo 5 € — più “qualità”' }] }));
    expect(report.title).toBe('Perché “così” – è l’ente');
    expect(flat(report.text)).toBe('Età >= 18 anni… costo 5 € — più “qualità”');
    expect(toWinAnsi('a\u202fb\u200bc 😀')).toBe('a bc ?');
  });

  it('writes the same bytes for the same input, and dates it from the input', async () => {
    const a = await taggedPdf({ title: 'Stesso', blocks });
    const b = await taggedPdf({ title: 'Stesso', blocks });
    expect(Buffer.compare(a, b)).toBe(0);
    const dated = await taggedPdf({ title: 'Stesso', blocks, date: new Date('2026-03-14T10:00:00Z') });
    expect(dated.toString('latin1')).toContain('D:20260314100000Z');
    expect(Buffer.compare(a, dated)).not.toBe(0);
  });

  it('refuses input it cannot tag properly, with an error naming the problem', async () => {
    await expect(taggedPdf({ title: ' ', blocks })).rejects.toThrow(PdfInputError);
    await expect(taggedPdf({ title: 'Vuoto', blocks: [] })).rejects.toThrow(/no blocks/);
    await expect(taggedPdf({ title: 'Tabella', blocks: [{ kind: 'table', header: ['a', 'b'], rows: [['1']] }] })).rejects.toThrow(/row 0 has 1 cells, the header has 2/);
  });
});
