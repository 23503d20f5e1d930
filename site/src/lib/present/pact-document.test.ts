import type { Block } from '@coesione/pdf';
import { describe, expect, it } from 'vitest';
import type { SectionData } from './sections';
import { draftLine, pactDocument, pactDocumentBlocks, type PactTemplate } from './pact-document';

const t = (text: string) => [{ type: 'text', text }];
const h = (text: string) => ({ type: 'heading', level: 2, children: t(text) });
const p = (text: string) => ({ type: 'paragraph', children: t(text) });
const ul = (...items: string[]) => ({ type: 'list', format: 'unordered', children: items.map((i) => ({ type: 'list-item', children: t(i) })) });

/** The district's template as the CMS holds it (an excerpt of scripts/seed-data/regulations.json). */
const template: PactTemplate = {
  slug: 'modello-patto-di-collaborazione',
  title: 'Modello di patto di collaborazione per la cura di un bene comune',
  body: [
    p('Il presente modello si usa per i patti semplici. Le parti tra parentesi quadre vanno completate.'),
    h('Parti del patto'),
    p('Tra il Comune di [nome del comune], rappresentato da [nome e ruolo del responsabile], e [nome del soggetto proponente], si conviene quanto segue.'),
    h('Art. 1 – Oggetto'),
    p('Il patto riguarda la cura di [descrizione del bene] situato in [indirizzo].'),
    h('Art. 3 – Impegni dei cittadini attivi'),
    ul('Svolgere le attività con cura e nel rispetto delle norme di sicurezza', 'Presentare un rendiconto delle attività entro [data]'),
    h('Art. 4 – Impegni del Comune'),
    ul('Fornire [attrezzi, materiali]', 'Garantire la copertura assicurativa dei cittadini attivi per infortuni e responsabilità civile'),
    h('Art. 5 – Durata, verifica e recesso'),
    p('Il patto ha durata di [numero] mesi dalla sottoscrizione ed è rinnovabile. A metà periodo le parti si incontrano per una verifica. Ciascuna parte può recedere con un preavviso scritto di 30 giorni.'),
    h('Firme'),
    p('Luogo e data: [luogo], [data]. Per il Comune: [firma].'),
  ],
};

const pact = (over: Partial<SectionData<'pact'>> = {}): SectionData<'pact'> =>
  ({
    documentId: 'p1',
    slug: 'orto-sociale-di-trino',
    title: 'Orto sociale alla cascina comunale di Trino',
    summary: 'Coltivazione condivisa con persone seguite dai servizi sociali; il raccolto va all’emporio solidale.',
    commonGood: 'Terreno della cascina comunale',
    kind: 'ordinario',
    stage: 'in_attuazione',
    stageHistory: [
      { stage: 'proposta', at: '2026-01-10T09:00:00Z', note: null, role: 'proponente' },
      { stage: 'istruttoria', at: '2026-01-13T09:00:00Z', note: null, role: 'ufficio' },
      { stage: 'coprogettazione', at: '2026-02-02T09:00:00Z', note: null, role: 'ufficio' },
      { stage: 'sottoscritto', at: '2026-03-14T10:00:00Z', note: 'Patto sottoscritto in Comune.', role: 'ufficio' },
      { stage: 'in_attuazione', at: '2026-03-20T10:00:00Z', note: null, role: 'ufficio' },
    ],
    receivedAt: '2026-01-10T09:00:00Z',
    publicProposer: 'Cooperativa Il Ramo Verde',
    location: { label: null, address: 'Strada della Cascina 1, Trino', latitude: 45.19, longitude: 8.29, municipality: { name: 'Trino', slug: 'trino', istatCode: '002148' } },
    municipalities: [{ name: 'Trino', slug: 'trino', istatCode: '002148' }],
    managingBody: { name: 'Comuni convenzionati ex U.S.S.L. 45', slug: 'ex-ussl-45-vercelli', kind: 'ente_gestore' },
    themes: [{ name: 'Agricoltura sociale e ambiente', slug: 'agricoltura-sociale-ambiente' }],
    targetGroups: [],
    parties: [
      { name: 'Cooperativa Il Ramo Verde', role: 'terzo_settore', commitments: [{ kind: 'cura', description: 'Coltivazione e tutoraggio dei partecipanti' }] },
      { name: 'Comune di Trino', role: 'amministrazione', commitments: [{ kind: 'risorse', description: 'Acqua per l’irrigazione' }] },
    ],
    provisions: [{ kind: 'spazi', description: 'Uso del terreno per tre anni' }],
    durationMonths: 36,
    milestones: [{ title: 'Primo raccolto', due: '2026-07-01', progress: 50, note: null }],
    reports: [],
    body: null,
    publishedAt: '2026-03-20T10:00:00Z',
    updatedAt: '2026-03-20T10:00:00Z',
    ...over,
  }) as SectionData<'pact'>;

const textOf = (blocks: Block[]): string =>
  blocks.map((b) => (b.kind === 'list' ? b.items.join('\n') : b.kind === 'table' ? [b.header, ...b.rows].map((r) => r.join(' | ')).join('\n') : b.text)).join('\n');

describe('the pact document', () => {
  it('fills the template’s articles with the parties and each one’s commitments, and what the comune provides', () => {
    const blocks = pactDocumentBlocks(pact(), template);
    const text = textOf(blocks);
    expect(blocks[0]).toEqual({ kind: 'heading', level: 1, text: 'Orto sociale alla cascina comunale di Trino' });
    expect(blocks.filter((b) => b.kind === 'heading' && b.level === 2).map((b) => (b.kind === 'heading' ? b.text : ''))).toEqual([
      'Parti del patto', 'Art. 1 – Oggetto', 'Art. 3 – Impegni dei cittadini attivi', 'Art. 4 – Impegni del Comune', 'Art. 5 – Durata, verifica e recesso', 'Firme', 'Obiettivi e attività', 'Le fasi del patto',
    ]);
    expect(text).toContain('Tra Comune di Trino e Cooperativa Il Ramo Verde (terzo settore), di seguito «le parti», si conviene quanto segue.');
    expect(blocks).toContainEqual({ kind: 'heading', level: 3, text: 'Cooperativa Il Ramo Verde (terzo settore)' });
    expect(blocks).toContainEqual({ kind: 'list', items: ['Cura: Coltivazione e tutoraggio dei partecipanti'] });
    expect(blocks).toContainEqual({ kind: 'list', items: ['Spazi: Uso del terreno per tre anni'] });
    expect(text).toContain('Risorse: Acqua per l’irrigazione');
    expect(text).toContain('Il patto riguarda la cura di questo bene comune: Terreno della cascina comunale, in Strada della Cascina 1, Trino.');
    // The summary once (as the activities, with no body), and the themes unambiguous.
    expect(text.split('Coltivazione condivisa con persone seguite dai servizi sociali').length).toBe(2);
    expect(text).toContain('Aree tematiche: «Agricoltura sociale e ambiente».');
    // The district's standard clauses stay; every "[placeholder]" is gone.
    expect(text).toContain('Garantire la copertura assicurativa dei cittadini attivi');
    expect(text).toContain('A metà periodo le parti si incontrano per una verifica.');
    expect(text).not.toMatch(/\[|\]/);
    expect(text).not.toContain('Il presente modello');
    expect(text).toContain('Durata del patto: 36 mesi dalla sottoscrizione.');
    expect(text).toContain('Primo raccolto | 1 luglio 2026 | Completata al 50%');
    expect(text).toContain('Fase attuale | In attuazione, dal 20 marzo 2026');
    expect(text).toContain('Patto sottoscritto il 14 marzo 2026 da Cooperativa Il Ramo Verde e Comune di Trino.');
    expect(text).not.toContain('Bozza');
  });

  it('says «Bozza: patto non ancora sottoscritto» before the signature, and why a pact never was signed', () => {
    const early = pact({ stage: 'coprogettazione', stageHistory: pact().stageHistory.slice(0, 3) });
    expect(draftLine(early)).toBe('Bozza: patto non ancora sottoscritto');
    const blocks = pactDocumentBlocks(early, template);
    expect(blocks[1]).toEqual({ kind: 'paragraph', text: 'Bozza: patto non ancora sottoscritto', emphasis: true });
    expect(textOf(blocks)).toContain('Le parti che lo sottoscriveranno: Cooperativa Il Ramo Verde e Comune di Trino.');
    const refused = pact({ stage: 'non_ammesso', stageHistory: [...pact().stageHistory.slice(0, 2), { stage: 'non_ammesso', at: '2026-02-08T09:00:00Z', note: null, role: 'ufficio' }] });
    expect(draftLine(refused)).toBe('Patto non sottoscritto: non ammesso l’8 febbraio 2026');
    const withdrawnAfterSigning = pact({ stage: 'ritirato', stageHistory: [...pact().stageHistory, { stage: 'ritirato', at: '2026-05-01T09:00:00Z', note: null, role: 'proponente' }] });
    expect(draftLine(withdrawnAfterSigning)).toBeUndefined();
  });

  it('still holds every field without a template, and names the proposer only by their public name', () => {
    const proposal = pact({ stage: 'proposta', stageHistory: pact().stageHistory.slice(0, 1), parties: [], provisions: [], milestones: [], durationMonths: null });
    const text = textOf(pactDocumentBlocks(proposal, undefined));
    for (const heading of ['Parti del patto', 'Oggetto', 'Impegni dei cittadini attivi', 'Impegni dell’amministrazione', 'Durata e tappe', 'Firme']) expect(text).toContain(heading);
    expect(text).toContain('Tra il Comune di Trino e Cooperativa Il Ramo Verde (proponente)');
    expect(text).toContain('Durata del patto: da stabilire in co-progettazione.');
    expect(text).toContain('Proposto da | Cooperativa Il Ramo Verde');
  });

  it('prints the pact’s own description as its activities, and the summary once', () => {
    const described = pact({ body: [{ type: 'heading', level: 2, children: t('Il calendario') }, p('Si semina a marzo, si raccoglie a luglio.')] });
    const blocks = pactDocumentBlocks(described, template);
    expect(blocks).toContainEqual({ kind: 'heading', level: 3, text: 'Il calendario' });
    expect(blocks).toContainEqual({ kind: 'paragraph', text: 'Si semina a marzo, si raccoglie a luglio.' });
    expect(textOf(blocks).split('Coltivazione condivisa con persone seguite dai servizi sociali').length).toBe(2);
  });

  it('writes a tagged PDF, the same bytes for the same pact', async () => {
    const a = await pactDocument(pact(), template);
    const b = await pactDocument(pact(), template);
    expect(a.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(a.toString('latin1')).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(Buffer.compare(a, b)).toBe(0);
  });
});
