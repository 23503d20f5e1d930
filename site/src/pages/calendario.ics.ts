/** Workshop sessions, opportunity deadlines and pacts' dates as one iCalendar feed (Europe/Rome). */
import type { APIRoute } from 'astro';
import { entriesOf } from '../lib/read/content';
import { urlOf } from '../lib/present/cards';
import { placeLine } from '../lib/present/address';
import { buildNow } from '../lib/present/format';
import { icalendar, type CalendarEvent } from '../lib/formats/machine';
import { pactEvents } from '../lib/present/pact-register';

export const GET: APIRoute = async ({ site }) => {
  const events: CalendarEvent[] = [];
  const host = new URL(site ?? 'http://localhost').host;
  for (const entry of await entriesOf('workshop')) {
    const d = entry.data;
    d.sessions.forEach((s, i) =>
      events.push({
        uid: `laboratorio-${d.documentId}-${i}@${host}`,
        // A cancelled session stays in the feed, so calendars that have it learn it is off.
        title: `${s.cancelled ? 'ANNULLATO – ' : ''}Laboratorio: ${d.title}`,
        url: new URL(urlOf('workshop', d.slug), site).href,
        description: `${d.summary}${s.note ? `\n${s.note}` : ''}`,
        location: d.location ? placeLine(d.location.address, d.location.municipality?.name) : undefined,
        start: s.start,
        end: s.end ?? undefined,
      }),
    );
  }
  for (const entry of await entriesOf('opportunity')) {
    const d = entry.data;
    if (!d.deadline) continue;
    events.push({ uid: `scadenza-${d.documentId}@${host}`, title: `Scadenza: ${d.title}`, url: new URL(urlOf('opportunity', d.slug), site).href, description: d.summary, start: d.deadline });
  }
  // Collaboration pacts (issue 13): answer deadlines while owed, notice windows, milestones.
  for (const entry of await entriesOf('pact')) events.push(...pactEvents(entry.data, site ?? 'http://localhost', host, buildNow()));
  return new Response(icalendar('Coesione: laboratori e scadenze', events, buildNow()), { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
};
