/** The items of the RSS feeds (lib/formats/feeds.ts), newest first, read from the content collections. */
import { toCard, urlOf } from '../present/cards';
import { entriesOf } from './content';
import type { FeedItem } from '../formats/machine';
import { FEED_TYPES } from '../formats/feeds';

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
