/**
 * The RSS feeds: practices and opportunities, for the whole district and per theme (their items are read
 * in lib/read/feed-items.ts).
 */
import { rss, type FeedItem } from './machine';
import { SECTIONS } from '../present/sections';

export const FEED_TYPES = ['practice', 'opportunity'] as const;

export function feedResponse(site: URL | undefined, title: string, description: string, path: string, items: FeedItem[]): Response {
  const absolute = (p: string) => new URL(p, site).href;
  const body = rss({ title, description, url: absolute(path.replace(/rss\.xml$/, '')), selfUrl: absolute(path), items: items.map((i) => ({ ...i, url: absolute(i.url) })) });
  return new Response(body, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
}

export const sectionFeedTitle = (type: (typeof FEED_TYPES)[number]) => `${SECTIONS[type].label} – Coesione, Distretto di Coesione Sociale di Vercelli`;
