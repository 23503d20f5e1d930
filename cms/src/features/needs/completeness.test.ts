import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueDate, reportingOf, type Submission } from './completeness';

const at = (day: string) => new Date(`${day}T09:00:00Z`);

describe('reporting completeness', () => {
  it('counts the bodies expected, those that sent every month already due, and those on time', () => {
    const submissions: Submission[] = [
      // Body 1: every month of 2026-T3 by the 15th.
      { organization: 1, month: '2026-07', firstAt: at('2026-08-10') },
      { organization: 1, month: '2026-08', firstAt: at('2026-09-12') },
      { organization: 1, month: '2026-09', firstAt: at('2026-10-15') },
      // Body 2: September late.
      { organization: 2, month: '2026-07', firstAt: at('2026-08-01') },
      { organization: 2, month: '2026-08', firstAt: at('2026-09-01') },
      { organization: 2, month: '2026-09', firstAt: at('2026-10-20') },
      // Body 3: reported in 2026-T1, nothing this quarter: expected, missing.
      { organization: 3, month: '2026-02', firstAt: at('2026-03-10') },
      // Body 4: last records two years ago: not expected.
      { organization: 4, month: '2024-05', firstAt: at('2024-06-10') },
    ];
    const { summary, organizations } = reportingOf(submissions, '2026-T3', at('2026-11-02'), 15);
    expect(summary).toEqual({
      expected: 3,
      reported: 2,
      onTime: 1,
      months: [
        { month: '2026-07', due: '2026-08-15', reported: 2, onTime: 2 },
        { month: '2026-08', due: '2026-09-15', reported: 2, onTime: 2 },
        { month: '2026-09', due: '2026-10-15', reported: 2, onTime: 1 },
      ],
    });
    expect(organizations.map((o) => [o.organization, o.reported, o.onTime])).toEqual([[1, true, true], [2, true, false], [3, false, false]]);
  });

  it('counts only the months already due while the quarter is open', () => {
    const submissions: Submission[] = [
      { organization: 1, month: '2026-10', firstAt: at('2026-11-05') },
      { organization: 2, month: '2026-11', firstAt: at('2026-12-01') },
    ];
    // On 7 December only October is due (15 November): body 2 sent November early but not October.
    const early = reportingOf(submissions, '2026-T4', at('2026-12-07'), 15).summary;
    expect(early).toEqual({ expected: 2, reported: 1, onTime: 1, months: [{ month: '2026-10', due: '2026-11-15', reported: 1, onTime: 1 }] });
    // On 2 November nothing is due yet: who has sent anything.
    expect(reportingOf(submissions, '2026-T4', at('2026-11-02'), 15).summary).toEqual({ expected: 2, reported: 2, onTime: 2, months: [] });
    expect(dueDate('2026-12', 15)).toBe('2027-01-15');
  });

  it('never counts more bodies reporting than expected, nor more on time than reporting', () => {
    const submission = fc.record({
      organization: fc.integer({ min: 1, max: 8 }),
      month: fc.constantFrom('2025-10', '2026-01', '2026-04', '2026-07', '2026-08', '2026-09'),
      firstAt: fc.date({ min: new Date('2025-11-01'), max: new Date('2026-12-01'), noInvalidDate: true }),
    });
    fc.assert(
      fc.property(fc.array(submission, { maxLength: 40 }), (list) => {
        const { summary } = reportingOf(list, '2026-T3', at('2026-12-07'), 15);
        expect(summary.reported).toBeLessThanOrEqual(summary.expected);
        expect(summary.onTime).toBeLessThanOrEqual(summary.reported);
        for (const m of summary.months) expect(m.onTime).toBeLessThanOrEqual(m.reported);
        expect(summary.expected).toBe(new Set(list.map((s) => s.organization)).size);
      }),
      { numRuns: 200 },
    );
  });
});
