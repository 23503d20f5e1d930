/**
 * Reporting completeness of the need figures, as DHIS2 shows it beside every figure: which bodies were
 * expected to send their records for a quarter, which did for each month already due, and which did by the
 * due day. A quarter where half the partners are late must not read as a fall in need.
 *
 * A month's records are due on NEED_REPORT_DUE_DAY of the month after (Rome). A body is expected for a
 * quarter when it has records in the four quarters before it, or in the quarter itself. When its records of a
 * month first came in is kept across re-imports (store.ts keeps the month's first `createdAt`).
 */
import { monthsOf, romeDay, type NeedReporting } from '@coesione/model';
import type { OrganizationReporting } from './contract';

/** When a body's records of a month first came in. */
export interface Submission {
  organization: number;
  month: string;
  firstAt: Date;
}

const shiftMonth = (month: string, by: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** The day (YYYY-MM-DD) a month's records are due: `dueDay` of the month after. */
export function dueDate(month: string, dueDay: number): string {
  return `${shiftMonth(month, 1)}-${String(dueDay).padStart(2, '0')}`;
}

/** The quarter's completeness at `now`: the published counts, and each expected body's months. */
export function reportingOf(submissions: readonly Submission[], quarter: string, now: Date, dueDay: number): { summary: NeedReporting; organizations: OrganizationReporting[] } {
  const months = monthsOf(quarter);
  const today = romeDay(now);
  const due = months.map((month) => ({ month, due: dueDate(month, dueDay) })).filter((m) => m.due < today);
  const lookback = new Set(Array.from({ length: 12 }, (_, i) => shiftMonth(months[0]!, -1 - i)));
  const received = new Map<string, string>();
  const expected = new Set<number>();
  for (const s of submissions) {
    if (lookback.has(s.month) || months.includes(s.month)) expected.add(s.organization);
    if (months.includes(s.month)) received.set(`${s.organization}|${s.month}`, romeDay(s.firstAt));
  }
  const organizations = [...expected].sort((a, b) => a - b).map((organization): OrganizationReporting => {
    const own = (due.length > 0 ? due : months.map((month) => ({ month, due: '' }))).map((m) => {
      const receivedOn = received.get(`${organization}|${m.month}`) ?? null;
      return { month: m.month, receivedOn, onTime: receivedOn !== null && (m.due === '' || receivedOn <= m.due) };
    });
    // No month due yet: a body has reported when any of its records of the quarter are in.
    const reported = due.length > 0 ? own.every((m) => m.receivedOn !== null) : own.some((m) => m.receivedOn !== null);
    return { organization, reported, onTime: reported && own.every((m) => m.receivedOn === null || m.onTime), months: own };
  });
  const summary: NeedReporting = {
    expected: organizations.length,
    reported: organizations.filter((o) => o.reported).length,
    onTime: organizations.filter((o) => o.onTime).length,
    months: due.map((m) => {
      const sent = organizations.map((o) => o.months.find((x) => x.month === m.month)!).filter((x) => x.receivedOn !== null);
      return { month: m.month, due: m.due, reported: sent.length, onTime: sent.filter((x) => x.onTime).length };
    }),
  };
  return { summary, organizations };
}
