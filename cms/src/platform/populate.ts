/**
 * The populate tree of every public type, declared once on the server (clients never send `populate`).
 * Relations and media are limited to the fields the site shows; nothing reaches admin users.
 */
import type { PublicType } from './content-types';

const taxonomy = { fields: ['name', 'slug'] };
const municipality = { fields: ['name', 'slug', 'istatCode'] };
const place = { populate: { municipality } };
const image = { fields: ['url', 'alternativeText', 'caption', 'width', 'height', 'mime', 'formats'] };
const file = { fields: ['url', 'name', 'alternativeText', 'mime', 'size', 'ext'] };
const titled = { fields: ['title', 'slug'] };
const organization = { fields: ['name', 'slug', 'kind'] };
const shared = { themes: taxonomy, targetGroups: taxonomy, municipalities: municipality, cover: image };

export type PopulateTree = Record<string, true | Record<string, unknown>>;

export const POPULATE: Record<PublicType, PopulateTree> = {
  'api::practice.practice': {
    ...shared,
    promoters: organization,
    period: true,
    location: place,
    indicators: true,
    attachments: file,
    trainingMaterials: titled,
  },
  'api::opportunity.opportunity': {
    ...shared,
    provider: organization,
    locations: place,
    contacts: true,
  },
  'api::regulation.regulation': {
    ...shared,
    relatedRegulations: titled,
    relatedBy: titled,
    attachments: file,
    trainingMaterials: titled,
  },
  'api::training-material.training-material': {
    ...shared,
    files: file,
    relatedPractices: titled,
    relatedRegulations: titled,
  },
  'api::workshop.workshop': {
    ...shared,
    organization,
    sessions: true,
    location: place,
  },
  'api::organization.organization': {
    ...shared,
    sites: place,
    contacts: true,
  },
  // Collaboration pacts: parties and their commitments, what the comune provides, the stage history
  // (role, never the person); the proposer's own data are private fields, never populated.
  'api::pact.pact': {
    ...shared,
    location: place,
    managingBody: organization,
    stageHistory: true,
    parties: { populate: { organization, commitments: true } },
    provisions: true,
    milestones: true,
    reports: { populate: { indicators: true } },
    attachments: file,
  },
  'api::municipality.municipality': {
    managingBody: organization,
  },
  'api::theme.theme': {},
  'api::target-group.target-group': {},
  'api::need-category.need-category': { themes: taxonomy },
  'api::need-service.need-service': {},
  'api::need-figure.need-figure': {},
};
