/** Calendar dates and wall-clock times in Europe/Rome, relative to the seed day. */
const ZONE = 'Europe/Rome';

/** YYYY-MM-DD of `date` as seen in Rome. */
export function romeDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Rome's UTC offset in minutes at `instant` (60 in winter, 120 in summer). */
function romeOffset(instant: Date): number {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'shortOffset' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
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
