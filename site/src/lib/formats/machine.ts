/**
 * Machine-readable outputs of the site: schema.org JSON-LD, RSS 2.0, iCalendar (RFC 5545) and the
 * sitemap. Plain functions over the page data, tested without a build.
 */
import { TYPES, ZONE } from '@coesione/model';
import type { SectionType, SectionData } from '../present/sections';

// Organisations and opportunities refine the registry's type (Organization, Service) by their kind.
const ORG_TYPES: Record<string, string> = { comune: 'GovernmentOrganization', ente_gestore: 'GovernmentOrganization' };
const OTHER_ORG_TYPE = 'NGO'; // the Third Sector
const PUBLIC_SERVICE_KINDS = new Set(['servizio', 'contributo']);

/** schema.org for a detail page: the registry's type of the section, refined where the entry says more. */
export function jsonLd(type: SectionType, data: SectionData, url: string): Record<string, unknown> {
  const base = { '@context': 'https://schema.org', url, description: data.summary, inLanguage: 'it' };
  const place = (p: { address: string; latitude: number; longitude: number; municipality?: { name: string } | null | undefined }) => ({
    '@type': 'Place',
    address: { '@type': 'PostalAddress', streetAddress: p.address, addressLocality: p.municipality?.name, addressCountry: 'IT' },
    geo: { '@type': 'GeoCoordinates', latitude: p.latitude, longitude: p.longitude },
  });
  switch (type) {
    case 'workshop': {
      const d = data as SectionData<'workshop'>;
      return {
        ...base,
        '@type': TYPES.workshop.schemaOrg,
        name: d.title,
        organizer: d.organization ? { '@type': TYPES.organization.schemaOrg, name: d.organization.name } : undefined,
        location: d.location ? place(d.location) : undefined,
        subEvent: d.sessions.map((s) => ({
          '@type': 'Event',
          name: d.title,
          startDate: s.start,
          endDate: s.end ?? undefined,
          eventStatus: 'https://schema.org/EventScheduled',
          eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
          location: d.location ? place(d.location) : undefined,
        })),
      };
    }
    case 'regulation': {
      const d = data as SectionData<'regulation'>;
      return {
        ...base,
        '@type': TYPES.regulation.schemaOrg,
        name: d.title,
        legislationIdentifier: d.urn ?? d.number ?? undefined,
        legislationDate: d.date ?? undefined,
        legislationPassedBy: { '@type': TYPES.organization.schemaOrg, name: d.issuer },
        legislationLegalForce: d.validity === 'abrogata' ? 'https://schema.org/NotInForce' : 'https://schema.org/InForce',
        sameAs: d.sourceUrl ?? undefined,
      };
    }
    case 'organization': {
      const d = data as SectionData<'organization'>;
      return {
        ...base,
        '@type': ORG_TYPES[d.kind] ?? OTHER_ORG_TYPE,
        name: d.name,
        sameAs: d.website ?? undefined,
        location: d.sites.map(place),
        email: d.contacts.find((c) => c.email)?.email ?? undefined,
      };
    }
    case 'opportunity': {
      const d = data as SectionData<'opportunity'>;
      return {
        ...base,
        '@type': PUBLIC_SERVICE_KINDS.has(d.kind) ? 'GovernmentService' : TYPES.opportunity.schemaOrg,
        name: d.title,
        serviceType: d.kind,
        provider: d.provider ? { '@type': TYPES.organization.schemaOrg, name: d.provider.name } : undefined,
        areaServed: d.municipalities.map((m) => ({ '@type': TYPES.municipality.schemaOrg, name: m.name })),
        availableChannel: d.applyUrl ? { '@type': 'ServiceChannel', serviceUrl: d.applyUrl } : undefined,
      };
    }
    default: {
      const d = data as SectionData<'practice'>;
      return { ...base, '@type': TYPES[type].schemaOrg, name: d.title, dateModified: d.updatedAt };
    }
  }
}

/** JSON for an inline `<script type="application/ld+json">`: `<` escaped so no text can close the element. */
export const jsonLdText = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * XML text: the five markup characters escaped, and the characters XML 1.0 forbids (C0 controls but tab,
 * line feed and carriage return; lone surrogates; U+FFFE and U+FFFF) dropped: one in a summary would make
 * the whole feed ill-formed for every reader.
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const xml = (text: string): string => text.replace(XML_FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface FeedItem {
  title: string;
  url: string;
  summary: string;
  date: string;
}

export function rss(feed: { title: string; description: string; url: string; selfUrl: string; items: FeedItem[] }): string {
  const items = feed.items
    .map((i) => `<item><title>${xml(i.title)}</title><link>${xml(i.url)}</link><guid isPermaLink="true">${xml(i.url)}</guid><description>${xml(i.summary)}</description><pubDate>${new Date(i.date).toUTCString()}</pubDate></item>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>${xml(feed.title)}</title><link>${xml(feed.url)}</link><description>${xml(feed.description)}</description><language>it</language><atom:link href="${xml(feed.selfUrl)}" rel="self" type="application/rss+xml"/>${items}</channel></rss>\n`;
}

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
    const size = Buffer.byteLength(char);
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

export function sitemap(urls: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${xml(u)}</loc></url>`).join('')}</urlset>\n`;
}

export function sitemapIndex(urls: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<sitemap><loc>${xml(u)}</loc></sitemap>`).join('')}</sitemapindex>\n`;
}
