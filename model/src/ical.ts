/**
 * iCalendar (RFC 5545) text: the site's calendars of workshops, deadlines and pacts, and a person's own
 * booking from the CMS. Times are written on Rome's wall clock with the zone's rules (VTIMEZONE).
 */
import { ZONE } from './time.js';

export interface CalendarEvent {
  uid: string;
  title: string;
  url: string;
  description: string;
  location?: string | undefined;
  /** An instant (ISO) for timed events, or a date (YYYY-MM-DD) for all-day ones. */
  start: string;
  end?: string | undefined;
}

/**
 * RFC 5545 text: commas, semicolons, backslashes and line breaks escaped (CRLF, LF and a bare CR alike), and
 * the other control characters, which a TEXT value may not hold, dropped.
 */
export const icsText = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, '');

/** Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const code = char.codePointAt(0) ?? 0;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const ROME_LOCAL = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
/** 2026-12-10T16:30:00Z → 20261210T173000 (wall clock in Rome). */
function romeLocal(iso: string): string {
  const p = Object.fromEntries(ROME_LOCAL.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}T${p.hour}${p.minute}${p.second}`;
}

const VTIMEZONE = [
  'BEGIN:VTIMEZONE', 'TZID:Europe/Rome',
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST', 'DTSTART:19700329T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:CET', 'DTSTART:19701025T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
  'END:VTIMEZONE',
];

export function icalendar(name: string, events: CalendarEvent[], stamp: Date): string {
  const dtstamp = `${stamp.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  const when = (key: 'DTSTART' | 'DTEND', value: string) =>
    value.length === 10 ? `${key};VALUE=DATE:${value.replace(/-/g, '')}` : `${key};TZID=Europe/Rome:${romeLocal(value)}`;
  const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Distretto di Coesione Sociale di Vercelli//Coesione//IT', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(name)}`, 'X-WR-TIMEZONE:Europe/Rome', ...VTIMEZONE,
    ...events.flatMap((e) => [
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${dtstamp}`,
      when('DTSTART', e.start),
      e.end ? when('DTEND', e.end) : e.start.length === 10 ? `DTEND;VALUE=DATE:${nextDay(e.start).replace(/-/g, '')}` : '',
      `SUMMARY:${icsText(e.title)}`,
      `DESCRIPTION:${icsText(e.description)}`,
      e.location ? `LOCATION:${icsText(e.location)}` : '',
      `URL:${e.url}`,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ].filter(Boolean);
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
