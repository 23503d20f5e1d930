/**
 * The catalogue of «Il mio profilo di opportunità» as the CMS reads it: the published entries of each type, the comuni
 * and the themes, reduced by @coesione/model's profileCatalogue, the function the site's build calls on its
 * collections. Only the fields that function reads are asked for, all of them public ones.
 */
import { PROFILE_TYPES, profileCatalogue, uidOf, type ProfileCatalogue, type ProfileComuneSource, type ProfileSource, type ProfileTheme, type ProfileType } from '@coesione/model';

/** What the catalogue needs of Strapi: published documents through the document service. */
export interface ContentReader {
  documents(uid: never): { findMany(params: object): Promise<unknown> };
}

const tags = { themes: { fields: ['slug'] }, targetGroups: { fields: ['slug'] }, municipalities: { fields: ['istatCode'] } };

/** Per type, the fields and relations profileEntry reads (model/src/profile.ts, ProfileSource). */
const READS: Record<ProfileType, { fields: string[]; populate: Record<string, unknown> }> = {
  opportunity: { fields: ['title', 'slug', 'summary', 'kind', 'deadline'], populate: { ...tags, locations: true } },
  workshop: { fields: ['title', 'slug', 'summary', 'audience'], populate: { ...tags, sessions: true, location: true } },
  'training-material': { fields: ['title', 'slug', 'summary', 'audience'], populate: tags },
  practice: { fields: ['title', 'slug', 'summary', 'state'], populate: { ...tags, location: true } },
  regulation: { fields: ['title', 'slug', 'summary', 'validity'], populate: tags },
  organization: { fields: ['name', 'slug', 'summary'], populate: { ...tags, sites: true } },
};

/** As many as the site's build reads: all of them. */
const ALL = 100_000;

export async function publishedCatalogue(strapi: ContentReader): Promise<ProfileCatalogue> {
  const entries: Partial<Record<ProfileType, ProfileSource[]>> = {};
  for (const type of PROFILE_TYPES) {
    entries[type] = (await strapi.documents(uidOf(type) as never).findMany({ status: 'published', ...READS[type], limit: ALL })) as ProfileSource[];
  }
  const comuni = (await strapi.documents(uidOf('municipality') as never).findMany({ fields: ['name', 'istatCode', 'latitude', 'longitude'], limit: ALL })) as ProfileComuneSource[];
  const themes = (await strapi.documents(uidOf('theme') as never).findMany({ fields: ['name', 'slug'], limit: ALL })) as ProfileTheme[];
  return profileCatalogue({ comuni, themes, entries });
}

export interface CachedCatalogueOptions {
  /** Published content is read again, at the next request, after this long: about a site rebuild's time. */
  maxAgeMs?: number;
  now?: () => number;
}

/** The catalogue, read at the first request and again at most every minute. */
export function cachedCatalogue(read: () => Promise<ProfileCatalogue>, { maxAgeMs = 60_000, now = Date.now }: CachedCatalogueOptions = {}): () => Promise<ProfileCatalogue> {
  let cached: { at: number; catalogue: Promise<ProfileCatalogue> } | undefined;
  return () => {
    if (!cached || now() - cached.at > maxAgeMs) {
      const catalogue = read();
      cached = { at: now(), catalogue };
      catalogue.catch(() => {
        if (cached?.catalogue === catalogue) cached = undefined; // read again at the next request
      });
    }
    return cached.catalogue;
  };
}
