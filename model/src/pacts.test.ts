import { describe, expect, it } from 'vitest';
import { answerDue, answerStatus, nextStages, noticeOpen, PACT_KINDS, PACT_STAGES, PACT_TRANSITIONS, transition, type PactState } from './pacts.js';

const fresh = (kind: 'ordinario' | 'complesso' = 'ordinario'): PactState => ({ kind, stage: 'proposta', history: [{ stage: 'proposta', at: '2026-03-01T09:00:00.000Z', role: 'sistema' }] });

describe('the stages of a pact', () => {
  it('accepts every transition of the table, and records it', () => {
    for (const kind of PACT_KINDS) {
      for (const from of PACT_STAGES) {
        for (const to of PACT_TRANSITIONS[kind][from]) {
          const result = transition({ kind, stage: from, history: [] }, to, new Date('2026-05-04T10:00:00Z'), 'ufficio', ' nota ');
          expect(result).toEqual({ ok: true, patch: expect.objectContaining({ stage: to, history: [{ stage: to, at: '2026-05-04T10:00:00.000Z', note: 'nota', role: 'ufficio' }] }) });
        }
      }
    }
  });

  it('refuses every other move with an Italian message naming the allowed stages', () => {
    for (const kind of PACT_KINDS) {
      for (const from of PACT_STAGES) {
        for (const to of PACT_STAGES.filter((s) => !PACT_TRANSITIONS[kind][from].includes(s))) {
          const result = transition({ kind, stage: from, history: [] }, to, new Date(), 'ufficio');
          expect(result.ok).toBe(false);
        }
      }
    }
    const refused = transition(fresh(), 'sottoscritto', new Date(), 'ufficio');
    expect(refused).toEqual({ ok: false, message: 'Il patto non può passare dalla fase «Proposta ricevuta» a «Sottoscritto». Da «Proposta ricevuta» un patto ordinario può passare solo a: «Istruttoria», «Non ammesso» o «Ritirato».' });
    expect(transition({ kind: 'ordinario', stage: 'concluso', history: [] }, 'rinnovato', new Date(), 'ufficio')).toMatchObject({ ok: false, message: expect.stringContaining('conclusiva') });
    expect(transition(fresh(), 'nonsense', new Date(), 'ufficio').ok).toBe(false);
  });

  it('sends complex pacts through a public notice, and ordinary ones straight to co-progettazione', () => {
    expect(nextStages('complesso', 'istruttoria')).toContain('avviso_pubblico');
    expect(nextStages('complesso', 'istruttoria')).not.toContain('coprogettazione');
    expect(nextStages('ordinario', 'istruttoria')).toContain('coprogettazione');
    expect(nextStages('ordinario', 'istruttoria')).not.toContain('avviso_pubblico');
  });

  it('stores the answer and the notice window when the office admits a complex pact', () => {
    const result = transition({ ...fresh('complesso'), stage: 'istruttoria' }, 'avviso_pubblico', new Date('2026-03-28T23:30:00Z'), 'ufficio', 'Avviso pubblicato', 20);
    // 23:30 UTC on 28 March is already 29 March in Rome.
    expect(result).toMatchObject({ ok: true, patch: { answeredAt: '2026-03-28T23:30:00.000Z', noticeOpens: '2026-03-29', noticeCloses: '2026-04-18' } });
  });
});

describe('the answer deadline, in Rome calendar days', () => {
  it('counts from the day of receipt in Rome, across the change to summer time', () => {
    expect(answerDue('2026-03-28T23:30:00Z')).toBe('2026-04-28');
    expect(answerDue('2026-03-28T22:30:00Z')).toBe('2026-04-27');
    expect(answerDue('2026-03-15T10:00:00Z', 30)).toBe('2026-04-14');
  });
  it('counts across the change back to winter time', () => {
    expect(answerDue('2026-10-24T22:30:00Z')).toBe('2026-11-24');
    expect(answerDue('2026-10-01T10:00:00Z', 30)).toBe('2026-10-31');
  });
  it('keeps an answer due all of its last day in Rome, then shows it late', () => {
    const pact = { stage: 'istruttoria' as const, answerDue: '2026-04-14' };
    expect(answerStatus(pact, new Date('2026-04-14T21:59:00Z'))).toEqual({ state: 'pending', due: '2026-04-14', daysLeft: 0 });
    expect(answerStatus(pact, new Date('2026-04-14T22:00:00Z'))).toEqual({ state: 'overdue', due: '2026-04-14', daysLate: 1 });
    expect(answerStatus(pact, new Date('2026-04-01T08:00:00Z'))).toEqual({ state: 'pending', due: '2026-04-14', daysLeft: 13 });
    const winter = { stage: 'proposta' as const, answerDue: '2026-11-24' };
    expect(answerStatus(winter, new Date('2026-11-24T22:59:00Z')).state).toBe('pending');
    expect(answerStatus(winter, new Date('2026-11-24T23:00:00Z'))).toEqual({ state: 'overdue', due: '2026-11-24', daysLate: 1 });
    expect(answerStatus({ ...pact, stage: 'coprogettazione', answeredAt: '2026-04-20T10:00:00Z' }, new Date())).toEqual({ state: 'answered', due: '2026-04-14', on: '2026-04-20', daysLate: 6 });
    expect(answerStatus({ ...pact, stage: 'ritirato' }, new Date())).toEqual({ state: 'none' });
  });
  it('opens a notice for all of its window in Rome', () => {
    const pact = { stage: 'avviso_pubblico' as const, noticeOpens: '2026-10-05', noticeCloses: '2026-10-25' };
    expect(noticeOpen(pact, new Date('2026-10-25T22:59:00Z'))).toBe(true);
    expect(noticeOpen(pact, new Date('2026-10-25T23:00:00Z'))).toBe(false);
    expect(noticeOpen(pact, new Date('2026-10-04T21:59:00Z'))).toBe(false);
    expect(noticeOpen({ ...pact, stage: 'coprogettazione' }, new Date('2026-10-10T10:00:00Z'))).toBe(false);
  });
});
