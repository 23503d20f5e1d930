/**
 * What an organisation's page (`/enti/<slug>/`) lists besides its own data: the collaboration pacts it
 * is a party to and the practices it promotes, linked. Pure (type-only imports), tested without a build;
 * «Potrebbe interessarti anche» shows at most four related cards, so these lists are the complete ones.
 */
import { pageUrl } from '@coesione/model';
import type { SectionData } from './sections';
import { pactOrganizations } from './pact-register';

export interface WorkLink {
  title: string;
  url: string;
}

export interface OrganizationWork {
  pacts: WorkLink[];
  practices: WorkLink[];
}

const byTitle = (a: WorkLink, b: WorkLink) => a.title.localeCompare(b.title, 'it') || a.url.localeCompare(b.url);

export function organizationWork(organization: string, pacts: readonly SectionData<'pact'>[], practices: readonly SectionData<'practice'>[]): OrganizationWork {
  return {
    pacts: pacts.filter((p) => pactOrganizations(p).some((o) => o.slug === organization)).map((p) => ({ title: p.title, url: pageUrl('pact', p.slug) })).sort(byTitle),
    practices: practices.filter((p) => p.promoters.some((o) => o.slug === organization)).map((p) => ({ title: p.title, url: pageUrl('practice', p.slug) })).sort(byTitle),
  };
}
