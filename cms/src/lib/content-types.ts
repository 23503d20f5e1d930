import type { UID } from '@strapi/strapi';

/** Editorial types: draft & publish, localized, indexed, shown on the site. */
export const CONTENT_TYPES = [
  'api::practice.practice',
  'api::opportunity.opportunity',
  'api::regulation.regulation',
  'api::training-material.training-material',
  'api::workshop.workshop',
  'api::organization.organization',
] as const satisfies readonly UID.ContentType[];

/** Reference data: always public, edited by editors. */
export const REFERENCE_TYPES = [
  'api::municipality.municipality',
  'api::theme.theme',
  'api::target-group.target-group',
] as const satisfies readonly UID.ContentType[];

/** Everything the public REST API may read (find / findOne, published only). */
export const PUBLIC_TYPES = [...CONTENT_TYPES, ...REFERENCE_TYPES] as const;
export type PublicType = (typeof PUBLIC_TYPES)[number];

/** What a Third Sector partner may propose (as drafts, its own entries only). */
export const PARTNER_TYPES = [
  'api::practice.practice',
  'api::opportunity.opportunity',
  'api::workshop.workshop',
  'api::training-material.training-material',
  'api::organization.organization',
] as const satisfies readonly UID.ContentType[];

/**
 * Private types editors manage in the admin: contributions from the public forms and the partner
 * accounts. Never in the public API, never indexed, never on the site.
 */
export const PRIVATE_TYPES = [
  'api::submission.submission',
  'api::partner-account.partner-account',
] as const satisfies readonly UID.ContentType[];
