/**
 * One card shape for every type, as lists, feeds and related items show an entry: its URL, title, places,
 * state line and order. Pure functions over an entry's data (lib/read/content.ts reads the entries).
 */
import type { ImageMetadata } from 'astro';
import { pageUrl } from '@coesione/model';
import { buildNow, formatDateTime, opportunityState } from './format';
import { pactCardState } from './pact-status';
import type { SectionData, SectionEntry, SectionType } from './sections';

type AnyData = SectionData;

/** A cover as pages use it: `src` is astro:assets' image (content.config.ts), absent when there is none. */
export interface CoverImage {
  src?: ImageMetadata;
  alternativeText?: string | null;
}

export interface Card {
  type: SectionType;
  slug: string;
  url: string;
  title: string;
  summary: string;
  places: string[];
  /** A short state line: "Aperta fino al …", "Prossimo incontro …", "Abrogata". */
  state?: string;
  /** A workshop whose next session takes bookings: where its live free seats are read (the session's start, ISO). */
  seats?: { workshop: string; start: string } | undefined;
  open?: boolean;
  themes: string[];
  organizations: string[];
  sortKey: string;
  cover?: CoverImage | undefined;
}

export const urlOf = (type: SectionType, slug: string): string => pageUrl(type, slug);
export const titleOf = (data: AnyData): string => ('title' in data ? data.title : data.name);

/** A workshop's sessions still to come at `now`, in the CMS's order. */
export const upcomingSessions = (data: SectionData<'workshop'>, now: Date) => data.sessions.filter((s) => new Date(s.start) >= now);

export function nextSession(data: SectionData<'workshop'>, now: Date) {
  return upcomingSessions(data, now).filter((s) => !s.cancelled).sort((a, b) => a.start.localeCompare(b.start))[0];
}

/** A session's seats: its own, else the workshop's; none means no booking from the site. */
export const seatsOf = (data: SectionData<'workshop'>, session: SectionData<'workshop'>['sessions'][number]): number => session.capacity ?? data.capacity ?? 0;

export function toCard(type: SectionType, entry: SectionEntry, now: Date = buildNow()): Card {
  const data = entry.data;
  const places = [
    ...data.municipalities.map((m) => m.name),
    ...('location' in data && data.location?.municipality ? [data.location.municipality.name] : []),
    ...('locations' in data ? data.locations.flatMap((l) => (l.municipality ? [l.municipality.name] : [])) : []),
    ...('sites' in data ? data.sites.flatMap((l) => (l.municipality ? [l.municipality.name] : [])) : []),
  ];
  const organizations = [
    ...('promoters' in data ? data.promoters.map((o) => o.slug) : []),
    ...('provider' in data && data.provider ? [data.provider.slug] : []),
    ...('organization' in data && data.organization ? [data.organization.slug] : []),
    ...(type === 'organization' ? [data.slug] : []),
  ];
  const card: Card = {
    type,
    slug: data.slug,
    url: urlOf(type, data.slug),
    title: titleOf(data),
    summary: data.summary,
    places: [...new Set(places)],
    themes: data.themes.map((t) => t.slug),
    organizations,
    sortKey: titleOf(data).toLocaleLowerCase('it'),
    cover: coverOf(data),
  };
  if ('deadline' in data) {
    const state = opportunityState(data.deadline, now);
    Object.assign(card, { state: state.label, open: state.open, sortKey: `${state.open ? 0 : 1}${state.open ? (data.deadline ?? '9999') : invert(data.deadline ?? '')}` });
  }
  if ('sessions' in data) {
    const workshop = data as SectionData<'workshop'>;
    const next = nextSession(workshop, now);
    const seats = next && seatsOf(workshop, next) > 0 ? { workshop: workshop.documentId, start: new Date(next.start).toISOString() } : undefined;
    Object.assign(card, { state: next ? `Prossimo incontro: ${formatDateTime(next.start)}` : 'Nessun incontro in programma', sortKey: next ? `0${next.start}` : `1${card.sortKey}`, seats });
  }
  if ('stageHistory' in data) {
    Object.assign(card, { state: pactCardState(data as SectionData<'pact'>, now) });
  }
  if ('validity' in data) {
    Object.assign(card, { state: data.validity === 'abrogata' ? 'Abrogata' : undefined, sortKey: invert(data.date ?? '') });
  }
  return card;
}

export interface Attachment {
  name: string;
  file: string;
  url: string;
  mime: string;
  /** Kilobytes, as Strapi gives it. */
  size: number;
  ext?: string | null;
  alternativeText?: string | null;
}

/** Attachments of an entry, linked on the site itself (pages/allegati/[file].ts). */
export const attachmentsOf = (data: object): Attachment[] =>
  ((data as { attachments?: Omit<Attachment, 'url'>[] | null }).attachments ?? []).map((a) => ({ ...a, url: `/allegati/${a.file}` }));

export const coverOf = (data: object): CoverImage | undefined => (data as { cover?: CoverImage | null }).cover ?? undefined;

/** Sorts later dates first inside an ascending sort. */
const invert = (date: string): string => date.replace(/\d/g, (d) => String(9 - Number(d)));
