import ICAL from 'ical.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { icalendar, icsText, jsonLdText, rss, sitemap, xml } from './machine';

describe('icalendar', () => {
  const long = 'Laboratorio di riparazione: orli, cerniere, toppe, bottoni e piccoli rammendi per la famiglia; porta i tuoi capi';
  const text = icalendar('Coesione', [
    { uid: 'a@coesione', title: long, url: 'https://coesione.example/laboratori/x/', description: 'Riga uno\nriga due, con virgola', location: 'Via Roma 1, Gattinara', start: '2026-12-10T16:30:00Z', end: '2026-12-10T18:30:00Z' },
    { uid: 'b@coesione', title: 'Scadenza: bando', url: 'https://coesione.example/opportunita/y/', description: 'x', start: '2026-12-15' },
  ], new Date('2026-11-24T10:00:00Z'));

  it('is valid RFC 5545 as a real parser reads it, in Europe/Rome', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const vevents = calendar.getAllSubcomponents('vevent');
    const events = vevents.map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    expect(events[0]?.summary).toBe(long);
    expect(events[0]?.description).toBe('Riga uno\nriga due, con virgola');
    expect(vevents[0]?.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Rome');
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Rome');
    expect(events[0]?.startDate.toString()).toBe('2026-12-10T17:30:00');
    expect(events[1]?.startDate.isDate).toBe(true);
  });

  it('uses CRLF and folds lines at 75 octets', () => {
    expect(text).toContain('\r\n');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});

describe('rss and sitemap', () => {
  const parser = new XMLParser({ ignoreAttributes: false });
  it('escapes what it must and parses as RSS 2.0 with items', () => {
    const feed = parser.parse(rss({ title: 'Buone prassi & altro', description: 'd', url: 'https://x/', selfUrl: 'https://x/rss.xml', items: [{ title: 'A <b>', url: 'https://x/a/', summary: 's & t', date: '2026-11-01T00:00:00Z' }] }));
    expect(feed.rss['@_version']).toBe('2.0');
    expect(feed.rss.channel.title).toBe('Buone prassi & altro');
    expect(feed.rss.channel.item.title).toBe('A <b>');
  });
  it('lists URLs in a sitemap', () => {
    expect(parser.parse(sitemap(['https://x/a/', 'https://x/b/'])).urlset.url).toHaveLength(2);
  });
});

it('keeps JSON-LD from closing its script element', () => {
  expect(jsonLdText({ name: '</script><script>alert(1)</script>' })).not.toContain('</script>');
});

describe('text from the CMS in machine formats', () => {
  it('keeps a feed well-formed when a summary holds a control character or a lone surrogate', () => {
    const feed = rss({ title: 'T', description: 'd', url: 'https://x/', selfUrl: 'https://x/rss.xml', items: [{ title: 'A\u000Bb', url: 'https://x/a/', summary: 'riga\u0001 e \uD800 fine', date: '2026-11-01T00:00:00Z' }] });
    expect(XMLValidator.validate(feed)).toBe(true);
    expect(xml('a\u000Bb < c')).toBe('ab &lt; c');
  });

  it('escapes a bare carriage return in calendar text, and drops other controls', () => {
    expect(icsText('uno\rdue\r\ntre\nquattro')).toBe('uno\\ndue\\ntre\\nquattro');
    expect(icsText('a\u0007b\tc; d, e\\')).toBe('ab\tc\\; d\\, e\\\\');
  });
});
