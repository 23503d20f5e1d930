import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feasibleRanges, minCellFrom, protect, type Table } from './disclosure';

/** A hidden cell counts as determined when the published figures leave it less room than this. */
const SLACK = 1e-6;

/**
 * One (quarter, category) sub-table as the aggregation builds it, from a cross-tab of people by comune and
 * age band: comuni -> ambito -> district, and ambito x age band with district band totals.
 */
function tableFrom(crossTab: number[][][]): Table {
  const values: Record<string, number> = {};
  const relations: Table['relations'] = [];
  const bands = crossTab[0][0].length;
  const bandTotals = new Array<number>(bands).fill(0);
  let district = 0;
  crossTab.forEach((comuni, a) => {
    const ambito = `ambito:${a}`;
    const byBand = new Array<number>(bands).fill(0);
    comuni.forEach((people, c) => {
      values[`comune:${a}.${c}`] = people.reduce((s, v) => s + v, 0);
      people.forEach((v, b) => (byBand[b] += v));
    });
    byBand.forEach((v, b) => {
      values[`ambito:${a}|eta:${b}`] = v;
      bandTotals[b] += v;
    });
    values[ambito] = byBand.reduce((s, v) => s + v, 0);
    district += values[ambito];
    relations.push({ total: ambito, members: comuni.map((_, c) => `comune:${a}.${c}`) });
    relations.push({ total: ambito, members: byBand.map((_, b) => `ambito:${a}|eta:${b}`) });
  });
  values.distretto = district;
  bandTotals.forEach((v, b) => {
    values[`distretto|eta:${b}`] = v;
    relations.push({ total: `distretto|eta:${b}`, members: crossTab.map((_, a) => `ambito:${a}|eta:${b}`) });
  });
  relations.push({ total: 'distretto', members: crossTab.map((_, a) => `ambito:${a}`) });
  relations.push({ total: 'distretto', members: bandTotals.map((_, b) => `distretto|eta:${b}`) });
  return { values, relations };
}

/** The three promises of the module, checked against an independent LP. */
function expectProtected(table: Table, minCell: number, hidden: Set<string>): void {
  for (const [id, v] of Object.entries(table.values)) {
    if (v < minCell) expect(hidden.has(id), `${id} = ${v} is published`).toBe(true);
  }
  for (const rel of table.relations) {
    const n = [rel.total, ...rel.members].filter((id) => hidden.has(id)).length;
    expect(n, `relation of ${rel.total} has one hidden cell`).not.toBe(1);
  }
  // Both readers: one who sees every hidden cell alike, and one told which are "meno di N".
  for (const labels of [undefined, minCell]) {
    for (const [id, [min, max]] of feasibleRanges(table, hidden, labels)) {
      expect(min, `${id} lower bound`).toBeLessThanOrEqual(table.values[id] + SLACK);
      expect(max, `${id} upper bound`).toBeGreaterThanOrEqual(table.values[id] - SLACK);
      expect(max - min, `${id} is determined: [${min}, ${max}] (labels: ${labels})`).toBeGreaterThan(SLACK);
    }
  }
}

const crossTabs = fc
  .record({ ambiti: fc.integer({ min: 2, max: 3 }), bands: fc.integer({ min: 2, max: 6 }) })
  .chain(({ ambiti, bands }) =>
    fc.array(
      fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 9 })), { minLength: bands, maxLength: bands }), {
        minLength: 1,
        maxLength: 5,
      }),
      { minLength: ambiti, maxLength: ambiti },
    ),
  );

describe('protect', () => {
  it('leaves no hidden cell recomputable in random comune/ambito/age-band tables', () => {
    fc.assert(
      fc.property(crossTabs, fc.integer({ min: 3, max: 6 }), (crossTab, minCell) => {
        const table = tableFrom(crossTab);
        expectProtected(table, minCell, protect(table, minCell));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same cells whatever the order of the ids', () => {
    fc.assert(
      fc.property(crossTabs, (crossTab) => {
        const table = tableFrom(crossTab);
        const reversed: Table = {
          values: Object.fromEntries(Object.entries(table.values).reverse()),
          relations: [...table.relations].reverse().map((r) => ({ total: r.total, members: [...r.members].reverse() })),
        };
        expect([...protect(reversed, 5)].sort()).toEqual([...protect(table, 5)].sort());
      }),
      { numRuns: 50 },
    );
  });

  it('hides every cell of an all-zero table, and none of them is pinned', () => {
    const table = tableFrom([[[0, 0], [0, 0]], [[0, 0]]]);
    const hidden = protect(table, 5);
    expect(hidden.size).toBe(Object.keys(table.values).length);
    expectProtected(table, 5, hidden);
  });

  it('pairs one small comune with the cheapest neighbour and publishes the rest', () => {
    const table: Table = {
      values: { a: 2, b: 10, c: 20, ambito: 32 },
      relations: [{ total: 'ambito', members: ['a', 'b', 'c'] }],
    };
    const hidden = protect(table, 5);
    expect([...hidden].sort()).toEqual(['a', 'b']);
    expect(feasibleRanges(table, hidden)).toEqual(
      new Map([
        ['a', [0, 12]],
        ['b', [0, 12]],
      ]),
    );
  });

  it('does not let two hidden zeros beside a published total read as 0', () => {
    const table: Table = {
      values: { z1: 0, z2: 0, p: 7, q: 9, ambito: 16 },
      relations: [{ total: 'ambito', members: ['z1', 'z2', 'p', 'q'] }],
    };
    const hidden = protect(table, 5);
    expect([...hidden].sort()).toEqual(['p', 'z1', 'z2']);
    expectProtected(table, 5, hidden);
  });

  it('does not let two cells shown as "meno di 5" be read off their total', () => {
    // a + b = 8 with both under 5 would give a = b = 4: a third cell must open the relation.
    const table: Table = {
      values: { a: 4, b: 4, c: 20, ambito: 28 },
      relations: [{ total: 'ambito', members: ['a', 'b', 'c'] }],
    };
    const hidden = protect(table, 5);
    expect([...hidden].sort()).toEqual(['a', 'b', 'c']);
    expect(feasibleRanges(table, new Set(['a', 'b']), 5).get('a')).toEqual([4, 4]);
    expectProtected(table, 5, hidden);
  });

  it('follows a chain from an age band in one ambito into the other ambito', () => {
    // ambito A: comuni 2 + 9, bands 4 + 7; ambito B: comuni 20 + 30, bands 25 + 25.
    const table = tableFrom([
      [
        [2, 0],
        [2, 7],
      ],
      [
        [10, 10],
        [15, 15],
      ],
    ]);
    const hidden = protect(table, 5);
    // The young band of A hides the old band of A (its row) and the young band of B (its column);
    // B's young band in turn needs B's old band.
    expect(hidden.has('ambito:1|eta:0')).toBe(true);
    expect(hidden.has('ambito:1|eta:1')).toBe(true);
    expectProtected(table, 5, hidden);
  });

  it('refuses an inconsistent table with a precise error', () => {
    expect(() => protect({ values: { a: 1, b: 2, t: 4 }, relations: [{ total: 't', members: ['a', 'b'] }] }, 5)).toThrow(
      'Relation 0 (total "t"): its members sum to 3, but the total is 4.',
    );
    expect(() => protect({ values: { a: 1.5 }, relations: [] }, 5)).toThrow('every cell must be a non-negative integer');
    expect(() => protect({ values: { a: 1 }, relations: [{ total: 'x', members: ['a'] }] }, 5)).toThrow('"x", which is not in values');
  });
});

describe('minCellFrom', () => {
  it('defaults to 5 and accepts 3', () => {
    expect(minCellFrom(undefined)).toBe(5);
    expect(minCellFrom('3')).toBe(3);
    expect(minCellFrom(' 10 ')).toBe(10);
  });

  it('refuses a value under the Sistan floor and anything not a whole number', () => {
    expect(() => minCellFrom('2')).toThrow(/NEED_MIN_CELL is 2, under 3: the Sistan code of conduct/);
    expect(() => minCellFrom('0')).toThrow(/under 3/);
    expect(() => minCellFrom('4.5')).toThrow('NEED_MIN_CELL must be a whole number of people, at least 3; got "4.5".');
    expect(() => minCellFrom('-7')).toThrow(/whole number/);
    expect(() => minCellFrom('cinque')).toThrow(/whole number/);
  });
});
