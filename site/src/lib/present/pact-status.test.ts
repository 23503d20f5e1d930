import { describe, expect, it } from 'vitest';
import { answerLine, pactCardState, timelineOf } from './pact-status';
import type { SectionData } from './sections';

const pact = (over: Partial<SectionData<'pact'>>) =>
  ({ stage: 'istruttoria', answerDue: '2026-04-14', answeredAt: null, stageHistory: [], ...over }) as SectionData<'pact'>;

describe('a pact’s answer, as the register writes it', () => {
  it('says by when, or how late, in Italian', () => {
    expect(answerLine(pact({}), new Date('2026-04-01T08:00:00Z'))?.text).toBe('Risposta entro il 14 aprile 2026 (mancano 13 giorni)');
    expect(answerLine(pact({}), new Date('2026-04-17T08:00:00Z'))).toEqual({ text: 'Risposta in ritardo di 3 giorni: era dovuta entro il 14 aprile 2026', late: true });
    expect(answerLine(pact({ stage: 'coprogettazione', answeredAt: '2026-04-10T09:00:00Z' }), new Date())?.text).toBe('Risposta data il 10 aprile 2026, entro i termini');
    expect(answerLine(pact({ answerDue: '2026-12-08' }), new Date('2026-12-01T08:00:00Z'))?.text).toBe('Risposta entro l’8 dicembre 2026 (mancano 7 giorni)');
    expect(pactCardState(pact({}), new Date('2026-04-15T08:00:00Z'))).toBe('Istruttoria · Risposta in ritardo di 1 giorno: era dovuta entro il 14 aprile 2026');
  });
  it('orders the timeline oldest first and names roles, not people', () => {
    const items = timelineOf(pact({ stageHistory: [{ stage: 'istruttoria', at: '2026-03-20T10:00:00Z', note: 'Presa in carico', role: 'ufficio' }, { stage: 'proposta', at: '2026-03-15T10:00:00Z', note: null, role: 'proponente' }] }));
    expect(items.map((i) => i.label)).toEqual(['Proposta ricevuta', 'Istruttoria']);
    expect(items[1]).toMatchObject({ role: 'Ufficio per l’amministrazione condivisa', note: 'Presa in carico' });
  });
});
