import { describe, expect, it } from 'vitest';
import type { SectionData } from './sections';
import { median, pactReport, reportCsvRows, reportYears } from './pact-report';

type Pact = SectionData<'pact'>;
const vercelli = { name: 'Vercelli', slug: 'vercelli', istatCode: '002158' };
const santhia = { name: 'Santhià', slug: 'santhia', istatCode: '002133' };
const green = { name: 'Ambiente', slug: 'ambiente' };
const home = { name: 'Abitare', slug: 'abitare' };

/** A pact received on `received` (Rome noon) that walked `steps` ([stage, day]). */
function pact(slug: string, received: string, steps: [Pact['stage'], string][], over: Partial<Pact> = {}): Pact {
  const at = (day: string) => `${day}T10:00:00Z`;
  const history = [{ stage: 'proposta' as const, at: at(received), note: null, role: 'proponente' as const }, ...steps.map(([stage, day]) => ({ stage, at: at(day), note: null, role: 'ufficio' as const }))];
  const answer = steps.find(([s]) => ['avviso_pubblico', 'coprogettazione', 'non_ammesso'].includes(s));
  const due = new Date(Date.parse(`${received}T12:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    slug, title: slug, summary: '', kind: 'ordinario', stage: steps.at(-1)?.[0] ?? 'proposta', stageHistory: history, receivedAt: at(received), answerDue: due,
    answeredAt: answer ? at(answer[1]) : null, municipalities: [vercelli], themes: [green], parties: [], milestones: [], location: null, ...over,
  } as unknown as Pact;
}

const NOW = new Date('2026-06-30T10:00:00Z');
const pacts = [
  // Answered in 10 days, signed 40 days after the proposal.
  pact('a', '2026-01-10', [['istruttoria', '2026-01-12'], ['coprogettazione', '2026-01-20'], ['sottoscritto', '2026-02-19']], {
    municipalities: [vercelli, santhia], themes: [green, home],
    parties: [{ name: 'Vicini', role: 'cittadini', commitments: [{ kind: 'cura', description: 'x' }, { kind: 'cura', description: 'y' }, { kind: 'formazione', description: 'z' }] }],
  } as Partial<Pact>),
  // Answered 5 days late (due 2026-03-03), signed 100 days after.
  pact('b', '2026-02-01', [['istruttoria', '2026-02-10'], ['coprogettazione', '2026-03-08'], ['sottoscritto', '2026-05-12'], ['in_attuazione', '2026-05-20']], {
    parties: [{ name: 'APS', role: 'terzo_settore', commitments: [{ kind: 'cura', description: 'w' }] }],
  } as Partial<Pact>),
  // Overdue: received 2026-05-01, due 2026-05-31, still in istruttoria on 2026-06-30.
  pact('c', '2026-05-01', [['istruttoria', '2026-05-03']], { municipalities: [santhia] }),
  // Pending: due 2026-07-20.
  pact('d', '2026-06-20', []),
  // Withdrawn before an answer: owed nothing.
  pact('e', '2026-03-01', [['ritirato', '2026-03-05']]),
  // Another year.
  pact('f', '2025-12-31', [['istruttoria', '2026-01-02']], { themes: [home] }),
];

describe('the annual report of pacts', () => {
  it('has a year for every year with a proposal', () => {
    expect(reportYears(pacts)).toEqual([2025, 2026]);
  });

  it('counts the pacts proposed in the year by stage, comune and theme', () => {
    const r = pactReport(pacts, 2026, NOW);
    expect(r.total).toBe(5);
    const table = (id: string) => Object.fromEntries(r.tables.find((t) => t.id === id)!.rows.map((row) => [row.label, row.values]));
    expect(table('fase')).toEqual({ 'Proposta ricevuta': ['1'], Istruttoria: ['1'], Sottoscritto: ['1'], 'In attuazione': ['1'], Ritirato: ['1'], Totale: ['5'] });
    expect(table('comune')).toEqual({ Vercelli: ['4'], 'Santhià': ['2'] });
    expect(table('tema')).toEqual({ Ambiente: ['5'], Abitare: ['1'] });
    expect(table('impegni')).toEqual({ Cura: ['3', '2'], Formazione: ['1', '1'] });
    expect(pactReport(pacts, 2025, NOW).total).toBe(1);
  });

  it('gives the median days from proposal to signature, and the share answered within the deadline', () => {
    const r = pactReport(pacts, 2026, NOW);
    expect(r.signed).toBe(2);
    expect(r.medianDaysToSignature).toBe(70); // (40 + 100) / 2
    // a in time; b late; c overdue; d pending and e withdrawn are not owed yet.
    expect([r.answeredInTime, r.answerOwed, r.answeredInTimeShare]).toEqual([1, 3, 33.3]);
    const answers = Object.fromEntries(r.tables.find((t) => t.id === 'risposta')!.rows.map((row) => [row.label, row.values[0]]));
    expect(answers).toMatchObject({ 'Data entro il termine': '1', 'Data in ritardo': '1', 'In ritardo, non ancora data': '1', 'Attesa, nei termini': '1', 'Quota di risposte date entro il termine': '33,3%' });
  });

  it('says «non calcolabile» rather than inventing a figure, and counts a median of one or none', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    const r = pactReport([pact('d', '2026-06-20', [])], 2026, NOW);
    expect(r.medianDaysToSignature).toBeNull();
    expect(r.answeredInTimeShare).toBeNull();
    expect(r.tables.find((t) => t.id === 'tempi')!.rows[1]!.values).toEqual(['non calcolabile']);
  });

  it('writes the CSV from the same tables as the page', () => {
    const r = pactReport(pacts, 2026, NOW);
    const rows = reportCsvRows(r);
    expect(rows[0]).toEqual(['anno', 'tabella', 'voce', 'valore', 'patti']);
    expect(rows.length - 1).toBe(r.tables.reduce((n, t) => n + t.rows.length, 0));
    expect(rows).toContainEqual(['2026', 'impegni', 'Cura', '3', '2']);
    expect(rows).toContainEqual(['2026', 'fase', 'Totale', '5', '']);
  });
});
