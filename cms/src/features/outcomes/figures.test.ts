import { describe, expect, it } from 'vitest';
import { feasibleRanges } from '../../platform/disclosure';
import { outcomeReport, type CycleRow } from './figures';

const workshop = (n: number) => ({ documentId: `w${n}`, slug: `laboratorio-${n}`, title: `Laboratorio ${n}` });
const VERCELLI = { istatCode: '002158', name: 'Vercelli', slug: 'vercelli' };
const cycle = (n: number, counts: Partial<CycleRow>, start = '2026-01-10', end = '2026-03-20'): CycleRow => ({
  workshop: workshop(n), comune: null, cycleStart: start, cycleEnd: end,
  participants: 0, fragileParticipants: 0, placements: 0, newVolunteers: 0, newArtisans: 0, itemsRepaired: 0, kgReused: 0,
  ...counts,
});

describe('outcome figures', () => {
  it('sums each workshop’s cycles and the district, with the span they cover', () => {
    const report = outcomeReport([
      cycle(1, { participants: 12, itemsRepaired: 40, kgReused: 85.25 }, '2026-01-10', '2026-03-20'),
      cycle(1, { participants: 9, itemsRepaired: 31, kgReused: 60 }, '2026-04-01', '2026-06-15'),
      cycle(2, { participants: 15, itemsRepaired: 22, kgReused: 12.5 }),
    ], 5);
    const one = report.workshops.find((w) => w.workshop?.documentId === 'w1')!;
    expect(one.cycles).toBe(2);
    expect([one.from, one.to]).toEqual(['2026-01-10', '2026-06-15']);
    expect(one.figures.participants).toEqual({ value: 21 });
    expect(one.figures.kgReused).toEqual({ value: 145.3 });
    expect(report.district?.figures.participants).toEqual({ value: 36 });
    expect(report.district?.figures.itemsRepaired).toEqual({ value: 93 });
  });

  it('hides every figure about people under the threshold, and one more so that it cannot be subtracted out', () => {
    const report = outcomeReport([cycle(1, { participants: 12, placements: 3 }), cycle(2, { participants: 15, placements: 6 }), cycle(3, { participants: 20, placements: 9 })], 5);
    const placements = Object.fromEntries(report.workshops.map((w) => [w.workshop!.documentId, w.figures.placements]));
    expect(placements.w1).toEqual({ value: null, hidden: 'small' });
    // With the district total published, w1 = total − w2 − w3: one of those is hidden too.
    const hiddenOthers = [placements.w2, placements.w3].filter((f) => f!.value === null);
    expect(hiddenOthers).toHaveLength(1);
    expect(hiddenOthers[0]).toEqual({ value: null, hidden: 'secondary' });
    // A zero is under the threshold as well (no figure under it about people), but items and kilos are not about people.
    expect(report.workshops[0]!.figures.newArtisans).toEqual({ value: null, hidden: 'small' });
    expect(report.workshops[0]!.figures.itemsRepaired).toEqual({ value: 0 });
  });

  it('leaves no hidden figure that a reader could work out exactly', () => {
    const rows = [cycle(1, { participants: 4 }), cycle(2, { participants: 30 }), cycle(3, { participants: 7 }), cycle(4, { participants: 2 })];
    const report = outcomeReport(rows, 5);
    const values: Record<string, number> = { district: 43, w1: 4, w2: 30, w3: 7, w4: 2 };
    const hidden = new Set(Object.keys(values).filter((id) => (id === 'district' ? report.district : report.workshops.find((w) => w.workshop?.documentId === id))!.figures.participants.value === null));
    expect(hidden.has('w1') && hidden.has('w4')).toBe(true);
    for (const [id, [lo, hi]] of feasibleRanges({ values, relations: [{ total: 'district', members: ['w1', 'w2', 'w3', 'w4'] }] }, hidden, 5)) {
      if (hidden.has(id)) expect(hi, id).toBeGreaterThan(lo);
    }
  });

  it('sums each comune’s workshops, and hides what a comune’s figure would give away', () => {
    const rows = [
      cycle(1, { participants: 12, placements: 6, comune: VERCELLI }),
      cycle(2, { participants: 9, placements: 2, comune: VERCELLI }),
      cycle(3, { participants: 15, placements: 7 }),
    ];
    const report = outcomeReport(rows, 5);
    expect(report.comuni).toHaveLength(1);
    expect(report.comuni[0]!.comune).toEqual(VERCELLI);
    expect(report.comuni[0]!.figures.participants).toEqual({ value: 21 });
    // Vercelli's 8 placements minus w1's 6 would give w2's 2: one of them is hidden besides w2.
    const placements = (id: string) => report.workshops.find((w) => w.workshop?.documentId === id)!.figures.placements;
    expect(placements('w2')).toEqual({ value: null, hidden: 'small' });
    const vercelli = report.comuni[0]!.figures.placements;
    expect(placements('w1').value === null || vercelli.value === null).toBe(true);
  });

  it('gives a partner that knows its own hidden figures nothing about another body’s', () => {
    // w1 is the partner's (3 placements, hidden), w2 another body's (2, hidden), w3 published.
    const rows = [cycle(1, { placements: 3, comune: VERCELLI }), cycle(2, { placements: 2, comune: VERCELLI }), cycle(3, { placements: 9 })];
    const report = outcomeReport(rows, 5);
    expect(report.district!.figures.placements.value).toBeNull();
    expect(report.comuni[0]!.figures.placements.value).toBeNull();
    const values: Record<string, number> = { district: 14, 'comune:002158': 5, w1: 3, w2: 2, w3: 9 };
    const hidden = new Set(['district', 'comune:002158', 'w1', 'w2']);
    // The partner reads w1 as known: w2 must still have a range.
    const ranges = feasibleRanges({ values, relations: [{ total: 'district', members: ['w1', 'w2', 'w3'] }, { total: 'comune:002158', members: ['w1', 'w2'] }] }, new Set([...hidden].filter((id) => id !== 'w1')), 5);
    const [lo, hi] = ranges.get('w2')!;
    expect(hi).toBeGreaterThan(lo);
  });

  it('publishes nothing when no cycle is reported', () => {
    expect(outcomeReport([], 5)).toEqual({ district: null, comuni: [], workshops: [] });
  });
});
