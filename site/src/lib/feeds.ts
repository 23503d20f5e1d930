/** The RSS feeds: practices and opportunities, for the whole district and per theme. */
import { entriesOf } from './content';
import { toCard, urlOf } from './cards';
import { rss, type FeedItem } from './machine';
import { SECTIONS } from './sections';

export const FEED_TYPES = ['practice', 'opportunity'] as const;

export async function feedItems(themeSlug?: string): Promise<(FeedItem & { type: (typeof FEED_TYPES)[number] })[]> {
  const items = [];
  for (const type of FEED_TYPES) {
    for (const entry of await entriesOf(type)) {
      if (themeSlug && !entry.data.themes.some((t) => t.slug === themeSlug)) continue;
      const card = toCard(type, entry);
      items.push({ type, title: card.state ? `${card.title} (${card.state})` : card.title, url: urlOf(type, entry.data.slug), summary: entry.data.summary, date: entry.data.publishedAt });
    }
  }
  return items.sort((a, b) => b.date.localeCompare(a.date));
}

export function feedResponse(site: URL | undefined, title: string, description: string, path: string, items: FeedItem[]): Response {
  const absolute = (p: string) => new URL(p, site).href;
  const body = rss({ title, description, url: absolute(path.replace(/rss\.xml$/, '')), selfUrl: absolute(path), items: items.map((i) => ({ ...i, url: absolute(i.url) })) });
  return new Response(body, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
}

export const sectionFeedTitle = (type: (typeof FEED_TYPES)[number]) => `${SECTIONS[type].label} – Coesione, Distretto di Coesione Sociale di Vercelli`;
