/**
 * Machine-readable outputs of the site: schema.org JSON-LD, RSS 2.0, iCalendar (RFC 5545) and the
 * sitemap. Plain functions over the page data, tested without a build.
 */
import { TYPES } from '@coesione/model';
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
          eventStatus: s.cancelled ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
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

// iCalendar is written in one place for the site and the CMS (a booking's own event): @coesione/model.
export { icalendar, icsText, type CalendarEvent } from '@coesione/model';

export function sitemap(urls: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${xml(u)}</loc></url>`).join('')}</urlset>\n`;
}

export function sitemapIndex(urls: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<sitemap><loc>${xml(u)}</loc></sitemap>`).join('')}</sitemapindex>\n`;
}
