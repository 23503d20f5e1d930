import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, ALL, AMBITI, DISTRICT } from '@coesione/model';
import { aggregate, LEGAL_FLOOR, NOISE, perturb, releaseDue, windowOf } from './aggregate';
import { feasibleRanges } from '../../platform/disclosure';
import type { RecordRow } from './store';

/** The perturbation keys as the CMS makes them (service.ts), under a test secret. */
const cellKeys = (person: string, organizations: number[]): [number, number] => {
  const digest = createHmac('sha256', 'prova').update(`${person}\u0000${organizations.join(',')}`).digest();
  return [digest[0]!, digest[1]!];
};
const COMUNI = AMBITI.flatMap((a) => a.comuni);
const OPTIONS = { minCell: 5, categories: ['casa', 'lavoro'], cellKeys };

/** Records of one quarter: person i in comune i % n, followed by body 1, those with `both` also by body 2. */
const recordsOf = (people: { comune: number; both: boolean; casa: boolean }[]): RecordRow[] =>
  people.flatMap((p, i) => {
    const base = { month: '2026-10', istat: COMUNI[p.comune % COMUNI.length]!, ageBand: 'eta_30_49', personKey: `cf:persona-${i}`, categories: p.casa ? ['casa'] : ['lavoro'] };
    return [{ ...base, id: 2 * i, organization: 1 }, ...(p.both ? [{ ...base, id: 2 * i + 1, organization: 2 }] : [])];
  });

const districtTotal = (records: RecordRow[]) =>
  aggregate(records, OPTIONS)
    .find((r) => r.level === 'distretto')!
    .cells.find((c) => c.area === DISTRICT && c.category === ALL && c.ageBand === ALL)!;

const person = fc.record({ comune: fc.nat(200), both: fc.boolean(), casa: fc.boolean() });

describe('the cell-key perturbation', () => {
  it('publishes every figure within two of the truth, never under the threshold nor from fewer than 3 people, the same for the same people', () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 0, maxLength: 120 }), (people) => {
        const records = recordsOf(people);
        const first = aggregate(records, OPTIONS);
        expect(aggregate([...records].reverse(), OPTIONS)).toEqual(first);
        const truth = new Map<string, number>();
        for (const r of aggregate(records, { ...OPTIONS, minCell: 0, cellKeys: null })) for (const c of r.cells) truth.set(`${r.level}|${c.area}|${c.category}|${c.ageBand}`, c.people!);
        for (const release of first) {
          for (const cell of release.cells) {
            const exact = truth.get(`${release.level}|${cell.area}|${cell.category}|${cell.ageBand}`)!;
            if (exact < LEGAL_FLOOR) expect(cell.people).toBeNull();
            if (cell.suppressed === 'primary') expect(exact).toBeLessThanOrEqual(6);
            if (cell.people === null) continue;
            expect(cell.people).toBeGreaterThanOrEqual(5);
            expect(Math.abs(cell.people - exact)).toBeLessThanOrEqual(2);
            if (release.level === 'comune') expect(cell.multiBody).toBeNull();
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('draws its noise from −2 to +2, symmetric, zero for 40% of keys', () => {
    const noise = Array.from({ length: 256 }, (_, key) => perturb(10, key) - 10);
    expect(noise.reduce((a, b) => a + b, 0)).toBe(0);
    expect(noise.filter((n) => n === 0).length / 256).toBeCloseTo(0.4, 1);
    expect(Math.min(...noise)).toBe(-2);
    expect(NOISE.at(-1)!.upTo).toBe(255);
  });

  it('does not pin a hidden count when one more person makes it public', () => {
    // Partner B adds one person to a comune whose figure is hidden, and the next release shows it. Were
    // suppression read on the true count, the comune had exactly 4 before. With the perturbed one it may
    // have had from 2 to 6: B learns a range, not the count.
    const before = new Set<number>();
    const ambito = AMBITI[0]!.comuni;
    // People in every other comune, of every age, so that the comune's figure is not determined by its
    // neighbours' and no empty cell forces the whole table hidden.
    const background = COMUNI.filter((istat) => istat !== ambito[0]).flatMap((istat) => AGE_BANDS.flatMap((band) => [1, 2].map((i) => ({ istat, band: band.code, key: `sfondo-${istat}-${band.code}-${i}` }))));
    for (let trial = 0; trial < 30; trial++) {
      for (let count = 2; count <= 7; count++) {
        const records = (extra: number) =>
          [...background, ...Array.from({ length: count + extra }, (_, i) => ({ istat: ambito[0]!, band: 'eta_30_49', key: `t${trial}-${i}` }))].map((p, i): RecordRow => ({
            id: i, month: '2026-10', istat: p.istat, ageBand: p.band, personKey: `cf:${p.key}`, categories: ['casa'], organization: 1,
          }));
        const cellOf = (rs: RecordRow[]) => aggregate(rs, { ...OPTIONS, categories: [] }).find((r) => r.level === 'comune')!.cells.find((c) => c.area === ambito[0] && c.category === ALL)!;
        if (cellOf(records(0)).people === null && cellOf(records(1)).people !== null) before.add(count);
      }
    }
    expect([...before].sort()).toEqual([2, 3, 4, 5, 6]);
  }, 120_000);

  it('leaves a partner who pads a comune with invented people unable to read the others’ exact count', () => {
    // Two people followed by body 1 in a comune; body 2 invents five people there, reads its own 5 beside the
    // published figure, and subtracts. Each padding (other invented codes) gives another noise: the others'
    // count it reads spreads over several values, and the true 2 is not singled out.
    const comune = AMBITI[0]!.comuni[0]!;
    const others: RecordRow[] = [1, 2].map((i) => ({ id: i, month: '2026-10', istat: comune, ageBand: 'eta_30_49', personKey: `cf:altra-${i}`, categories: ['casa'], organization: 1 }));
    const read = new Map<number, number>();
    for (let attempt = 0; attempt < 40; attempt++) {
      const padding: RecordRow[] = Array.from({ length: 5 }, (_, i) => ({ id: 100 + i, month: '2026-10', istat: comune, ageBand: 'eta_30_49', personKey: `cf:finta-${attempt}-${i}`, categories: ['casa'], organization: 2 }));
      const cell = aggregate([...others, ...padding], { ...OPTIONS, comuneQuarters: 4 }).find((r) => r.level === 'comune')!.cells.find((c) => c.area === comune && c.category === ALL)!;
      if (cell.people !== null) read.set(cell.people - 5, (read.get(cell.people - 5) ?? 0) + 1);
    }
    expect(read.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...read.values()) / [...read.values()].reduce((a, b) => a + b, 0)).toBeLessThan(0.6);
  });

  it('leaves no hidden cell pinned for a reader who knows what the labels mean', () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 20, maxLength: 150 }), (people) => {
        const records = recordsOf(people);
        const truth = aggregate(records, { ...OPTIONS, minCell: 0, cellKeys: null });
        const published = aggregate(records, OPTIONS);
        // The ambito × age-band table of «all needs»: the reader sees published figures as if exact (the
        // strongest reader: the noise only widens what they can infer), hidden ones as their labels allow.
        const values: Record<string, number> = {};
        const hidden = new Set<string>();
        const primary = new Set<string>();
        for (const level of ['ambito', 'distretto'] as const) {
          const exact = truth.find((r) => r.level === level)!.cells.filter((c) => c.category === ALL);
          const shown = published.find((r) => r.level === level)!.cells.filter((c) => c.category === ALL);
          exact.forEach((c, i) => {
            const id = `${c.area}|${c.ageBand}`;
            values[id] = c.people!;
            if (shown[i]!.people === null) hidden.add(id);
            if (shown[i]!.suppressed === 'primary') primary.add(id);
          });
        }
        const relations = [
          ...AMBITI.map((a) => ({ total: `${a.slug}|${ALL}`, members: Object.keys(values).filter((id) => id.startsWith(`${a.slug}|`) && id !== `${a.slug}|${ALL}`) })),
          ...[...new Set(Object.keys(values).map((id) => id.split('|')[1]!))].map((band) => ({ total: `${DISTRICT}|${band}`, members: AMBITI.map((a) => `${a.slug}|${band}`) })),
        ];
        for (const [id, [min, max]] of feasibleRanges({ values, relations }, hidden, 5, { primary, primaryMax: 6, otherMin: 3 })) {
          if (values[id]! > 0) expect(max, id).toBeGreaterThan(min);
        }
      }),
      { numRuns: 25, seed: 20261207 },
    );
  }, 120_000);

  it('leaves a partner unable to tell, by whether a figure changed, a person already followed from a new one', () => {
    // A partner adds one record and compares the district total before and after. Were the key of a cell
    // only its set of people, a person already counted would leave the figure unchanged every time.
    let unchangedKnown = 0;
    let unchangedFresh = 0;
    const runs = 150;
    fc.assert(
      fc.property(fc.array(person, { minLength: 40, maxLength: 80 }), fc.nat(), (people, pick) => {
        const base = recordsOf(people.map((p) => ({ ...p, both: false })));
        const before = districtTotal(base).people;
        const known = base[pick % base.length]!;
        const withKnown = [...base, { ...known, id: 100_000, organization: 2 }];
        const withFresh = [...base, { ...known, id: 100_001, organization: 2, personKey: 'cf:nuova-persona' }];
        if (districtTotal(withKnown).people === before) unchangedKnown++;
        if (districtTotal(withFresh).people === before) unchangedFresh++;
      }),
      // A fixed seed: the rates are a statistic of the runs, not a property of each one.
      { numRuns: runs, seed: 20261207 },
    );
    // The chance that a figure stays put is about a quarter either way (0.26 and 0.20 from the table).
    expect(unchangedKnown / runs).toBeGreaterThan(0.1);
    expect(unchangedKnown / runs).toBeLessThan(0.45);
    expect(unchangedFresh / runs).toBeGreaterThan(0.1);
    expect(unchangedFresh / runs).toBeLessThan(0.45);
  }, 120_000);
});

describe('comune figures over four quarters', () => {
  it('counts in a comune the distinct people of the four quarters to the quarter, and in ambiti and the district those of the quarter', () => {
    expect(windowOf('2026-T2', 4)).toEqual(['2025-T3', '2025-T4', '2026-T1', '2026-T2']);
    // Eight people in Vercelli's ambito: two a quarter over four quarters, one of them again in every quarter.
    const comune = AMBITI[0]!.comuni[0]!;
    const months = ['2025-08', '2025-11', '2026-02', '2026-05'];
    const records: RecordRow[] = months.flatMap((month, q) => [
      { id: 10 * q, month, istat: comune, ageBand: 'eta_30_49', personKey: 'cf:sempre', categories: ['casa'], organization: 1 },
      ...[1, 2].map((i) => ({ id: 10 * q + i, month, istat: comune, ageBand: 'eta_30_49', personKey: `cf:${q}-${i}`, categories: ['casa'], organization: 1 })),
    ]);
    const exact = aggregate(records, { ...OPTIONS, minCell: 0, cellKeys: null, comuneQuarters: 4, quarters: ['2026-T2'] });
    const comuni = exact.find((r) => r.level === 'comune')!;
    expect(comuni.quarters).toBe(4);
    expect(comuni.cells.find((c) => c.area === comune && c.category === ALL)!.people).toBe(9);
    const ambito = exact.find((r) => r.level === 'ambito')!;
    expect(ambito.quarters).toBeUndefined();
    expect(ambito.cells.find((c) => c.area === AMBITI[0]!.slug && c.category === ALL && c.ageBand === ALL)!.people).toBe(3);
    // With the threshold, the comune's 9 is published (perturbed) where its quarter's 3 would not be.
    const released = aggregate(records, { ...OPTIONS, comuneQuarters: 4, quarters: ['2026-T2'] });
    expect(released.find((r) => r.level === 'comune')!.cells.find((c) => c.area === comune && c.category === ALL)!.people).toBeGreaterThanOrEqual(7);
    expect(aggregate(records, { ...OPTIONS, comuneQuarters: 1, quarters: ['2026-T2'] }).find((r) => r.level === 'comune')!.cells.find((c) => c.area === comune && c.category === ALL)!.people).toBeNull();
  });
});

describe('releases on fixed dates', () => {
  const released = (computedAt: string, frozen = false) => [{ quarter: '2026-T4', frozen, computedAt }, { quarter: '2026-T3', frozen: true, computedAt: '2026-11-14T02:20:00Z' }];

  it('releases once a month while a quarter is provisional, never again within the month', () => {
    expect(releaseDue([], new Date('2026-12-06T03:20:00Z'), 45)).toBe(true);
    expect(releaseDue(released('2026-12-01T02:20:00Z'), new Date('2026-12-06T03:20:00Z'), 45)).toBe(false);
    expect(releaseDue(released('2026-12-01T02:20:00Z'), new Date('2026-12-31T22:59:00Z'), 45)).toBe(false);
    // Midnight in Rome is 23:00 UTC in winter: the first of January has begun.
    expect(releaseDue(released('2026-12-01T02:20:00Z'), new Date('2026-12-31T23:30:00Z'), 45)).toBe(true);
  });

  it('releases a quarter once more on its freeze day, its final release', () => {
    // 2026-T4 closes on 31 December; with 45 days after 1 January it freezes on 15 February 2027.
    expect(releaseDue(released('2027-02-01T02:20:00Z'), new Date('2027-02-14T03:20:00Z'), 45)).toBe(false);
    expect(releaseDue(released('2027-02-01T02:20:00Z'), new Date('2027-02-15T03:20:00Z'), 45)).toBe(true);
    expect(releaseDue(released('2027-02-14T03:20:00Z', true), new Date('2027-02-20T03:20:00Z'), 45)).toBe(false);
  });
});
