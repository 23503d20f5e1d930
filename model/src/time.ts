/**
 * Calendar days and wall-clock times in Europe/Rome, the district's time: the CMS counts deadlines in it,
 * the index and the site decide in it whether an opportunity is still open.
 */
export const ZONE = 'Europe/Rome';

// Built once: constructing an Intl.DateTimeFormat costs far more than formatting with one, and a site
// build asks for Rome's day and offset for every opportunity and pact on every page that lists them.
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const OFFSET = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'shortOffset' });

/** YYYY-MM-DD of `date` as seen in Rome. */
export function romeDay(date: Date): string {
  return DAY.format(date);
}

/** The calendar day `days` after `day` (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Rome's UTC offset in minutes at `instant` (60 in winter, 120 in summer). */
function romeOffset(instant: Date): number {
  const part = OFFSET.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d+)(?::(\d+))?/.exec(part ?? '');
  if (!match) return 0;
  const hours = Number(match[1]);
  return hours * 60 + Math.sign(hours) * Number(match[2] ?? 0);
}

/** The instant at which Rome's clocks show `day` `time` (HH:MM). */
export function romeInstant(day: string, time: string): Date {
  const naive = new Date(`${day}T${time}:00Z`);
  const guess = new Date(naive.getTime() - romeOffset(naive) * 60_000);
  return new Date(naive.getTime() - romeOffset(guess) * 60_000);
}

/** The last second (Unix time) of a deadline day in Rome: open all of its deadline day, and no longer. */
export function deadlineEnd(day: string): number {
  return Math.floor(romeInstant(addDays(day, 1), '00:00').getTime() / 1000) - 1;
}

/** Whether something due on `deadline` (YYYY-MM-DD, or none) is still open at `now`. */
export const openOn = (deadline: string | null | undefined, now: Date): boolean => !deadline || deadlineEnd(deadline) * 1000 >= now.getTime();
