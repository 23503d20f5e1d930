/**
 * Search documents: one per published entry and locale, built from the entry as the CMS returns it
 * with its server-side populate tree (the same shape from the document service and the REST API).
 * Only public fields are copied; nothing personal reaches the index.
 */
import { deadlineEnd, EDITORIAL_KEYS, keyOf, pageUrl, type EditorialKey } from '@coesione/model';
import type { SearchHit } from './contract';
import { wordFamilies } from './synonyms';

/** The indexed types: the registry's editorial types, each with its section on the site. */
export const SEARCH_TYPES = EDITORIAL_KEYS;
export type SearchType = EditorialKey;

export const searchTypeOf = (uid: string): SearchType | undefined => {
  const key = keyOf(uid);
  return SEARCH_TYPES.find((t) => t === key);
};

export const documentKey = (type: SearchType, documentId: string, locale: string): string => `${type}-${documentId}-${locale}`;

/** A hit's fields (contract.ts `SearchHit`: what a result shows), and those the index searches, filters and sorts by. */
export interface SearchDocument extends SearchHit {
  id: string;
  type: SearchType;
  documentId: string;
  locale: string;
  slug: string;
  bodyText: string;
  /** Every term of the synonym groups the entry's text touches (synonyms.ts `wordFamilies`), for matching. */
  wordFamilies: string[];
  organizationNames: string[];
  municipalityCodes: string[];
  themeNames: string[];
  themes: string[];
  targetGroupNames: string[];
  targetGroups: string[];
  kind: string | null;
  /** Opportunities: open on the indexing day (the search UI also filters on `deadline` at query time). */
  open: boolean | null;
  /** Unix seconds. */
  startDate: number | null;
  date: number | null;
  publishedAt: number | null;
  coverUrl: string | null;
  _geo: { lat: number; lng: number } | null;
}

type Named = { name?: string | null; slug?: string | null; istatCode?: string | null };
type Place = { latitude?: number | string | null; longitude?: number | string | null; municipality?: Named | null };
type Block = { type?: string; text?: string; children?: Block[] };

/** The CMS entry fields the mappers read; everything else is ignored. */
export interface CmsEntry {
  documentId: string;
  locale?: string | null;
  slug?: string | null;
  title?: string | null;
  name?: string | null;
  summary?: string | null;
  body?: Block[] | null;
  kind?: string | null;
  format?: string | null;
  craft?: string | null;
  publishedAt?: string | null;
  date?: string | null;
  deadline?: string | null;
  startDate?: string | null;
  period?: { start?: string | null } | null;
  sessions?: { start?: string | null }[] | null;
  themes?: Named[] | null;
  targetGroups?: Named[] | null;
  municipalities?: Named[] | null;
  promoters?: Named[] | null;
  provider?: Named | null;
  organization?: Named | null;
  location?: Place | null;
  locations?: Place[] | null;
  sites?: Place[] | null;
  cover?: { url?: string | null } | null;
}

/** The plain text of Strapi blocks. */
export function blocksToText(blocks: Block[] | null | undefined): string {
  const out: string[] = [];
  const walk = (nodes: Block[] | undefined) => {
    for (const node of nodes ?? []) {
      if (typeof node.text === 'string') out.push(node.text);
      walk(node.children);
      if (node.type && node.type !== 'text' && node.type !== 'link') out.push('\n');
    }
  };
  walk(blocks ?? undefined);
  return out.join('').replace(/\n{2,}/g, '\n').trim();
}

const seconds = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isFinite(t) ? Math.floor(t / 1000) : null;
};

const unique = (values: (string | null | undefined)[]): string[] => [...new Set(values.filter((v): v is string => Boolean(v)))];

export { deadlineEnd };

export function toSearchDocument(type: SearchType, entry: CmsEntry, now: Date = new Date()): SearchDocument {
  const locale = entry.locale ?? 'it';
  const places: Place[] = [entry.location, ...(entry.locations ?? []), ...(entry.sites ?? [])].filter((p): p is Place => Boolean(p));
  const point = places.find((p) => p.latitude != null && p.longitude != null);
  const placeMunicipalities = places.map((p) => p.municipality).filter((m): m is Named => Boolean(m));
  const municipalities = [...(entry.municipalities ?? []), ...placeMunicipalities];
  const organizations = [...(entry.promoters ?? []), entry.provider, entry.organization].filter((o): o is Named => Boolean(o));
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const upcoming = (entry.sessions ?? []).map((s) => seconds(s.start)).filter((s): s is number => s !== null && s >= nowSeconds).sort((a, b) => a - b);
  const deadline = type === 'opportunity' && entry.deadline ? deadlineEnd(entry.deadline) : null;
  const slug = entry.slug ?? entry.documentId;
  const title = entry.title ?? entry.name ?? '';
  const summary = entry.summary ?? '';
  const bodyText = blocksToText(entry.body).slice(0, 20_000);
  const themeNames = unique((entry.themes ?? []).map((t) => t.name));
  return {
    id: documentKey(type, entry.documentId, locale),
    type,
    documentId: entry.documentId,
    locale,
    slug,
    url: pageUrl(type, slug),
    title,
    summary,
    bodyText,
    wordFamilies: wordFamilies([title, summary, bodyText, ...themeNames].join('\n')),
    organizationNames: unique(organizations.map((o) => o.name)),
    municipalityNames: unique(municipalities.map((m) => m.name)),
    municipalityCodes: unique(municipalities.map((m) => m.istatCode)),
    themeNames,
    themes: unique((entry.themes ?? []).map((t) => t.slug)),
    targetGroupNames: unique((entry.targetGroups ?? []).map((t) => t.name)),
    targetGroups: unique((entry.targetGroups ?? []).map((t) => t.slug)),
    kind: entry.kind ?? entry.format ?? entry.craft ?? null,
    open: type === 'opportunity' ? deadline === null || deadline >= nowSeconds : null,
    deadline,
    startDate: seconds(entry.startDate ?? entry.period?.start),
    nextSession: upcoming[0] ?? null,
    date: seconds(entry.date ?? entry.period?.start ?? entry.startDate),
    publishedAt: seconds(entry.publishedAt),
    coverUrl: entry.cover?.url ?? null,
    _geo: point ? { lat: Number(point.latitude), lng: Number(point.longitude) } : null,
  };
}
