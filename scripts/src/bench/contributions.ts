/**
 * Citizens' contributions as the benchmarks send them (bench:submissions, bench:soak): valid bodies for
 * `POST /api/submissions`, what they point at in the seeded demo, and one client address per request.
 */
import type { Core } from '@strapi/strapi';

/** The published practices a rating may name, and the comuni a proposal may name (ISTAT codes). */
export interface ContributionTargets {
  practices: string[];
  comuni: string[];
}

/** What the demo content offers contributions to point at, read from a loaded Strapi. */
export async function contributionTargets(strapi: Core.Strapi): Promise<ContributionTargets> {
  const practices = (await strapi.documents('api::practice.practice').findMany({ status: 'published', fields: ['documentId'], limit: 1000 } as never)) as { documentId: string }[];
  const comuni = (await strapi.documents('api::municipality.municipality').findMany({ fields: ['istatCode'], limit: 1000 } as never)) as unknown as { istatCode: string }[];
  return { practices: practices.map((p) => p.documentId), comuni: comuni.map((c) => c.istatCode) };
}

/** The i-th contribution: a third each of proposals, reports and ratings, every one valid. */
export function contribution(i: number, ids: ContributionTargets): unknown {
  const startedAt = Date.now() - 30_000;
  const comune = ids.comuni[i % ids.comuni.length];
  switch (i % 3) {
    case 0:
      return { kind: 'proposta', target: 'practice', title: `Proposta numero ${i}`, description: `Una proposta per misurare il CMS (${i}).\n\nSecondo paragrafo.`, comune, consent: true, startedAt };
    case 1:
      return { kind: 'segnalazione', category: 'barriere', description: `Segnalazione numero ${i}.`, comune: '002158', latitude: 45.3239, longitude: 8.4236, email: `persona${i}@example.org`, consent: true, startedAt };
    default:
      return { kind: 'valutazione', targetType: 'practice', targetDocumentId: ids.practices[i % ids.practices.length], stars: 1 + (i % 5), comment: 'Utile.', consent: true, startedAt };
  }
}

/**
 * The i-th request's client address, for `X-Forwarded-For` (TRUST_PROXY on): every request from its own
 * address, as many citizens would, so the per-address limits are exercised but never reached.
 */
export const citizenAddress = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
