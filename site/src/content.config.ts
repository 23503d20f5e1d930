import { defineCollection, type SchemaContext } from 'astro:content';
import { cmsLoader } from './lib/cms/loader';
import { ratingSchema, ratingsLoader } from './lib/cms/ratings';
import { coverFields, schemas, type CmsType } from './lib/cms/schemas';

/** The CMS schema of a type, its cover resolved by astro:assets (`src`, see loader.ts). */
const withCover =
  (type: Exclude<CmsType, 'municipality' | 'theme' | 'target-group'>) =>
  ({ image }: SchemaContext) =>
    schemas[type].extend({ cover: coverFields.extend({ src: image().optional() }).nullable().optional() });

export const collections = {
  practices: defineCollection({ loader: cmsLoader('practice'), schema: withCover('practice') }),
  opportunities: defineCollection({ loader: cmsLoader('opportunity'), schema: withCover('opportunity') }),
  regulations: defineCollection({ loader: cmsLoader('regulation'), schema: withCover('regulation') }),
  trainingMaterials: defineCollection({ loader: cmsLoader('training-material'), schema: withCover('training-material') }),
  workshops: defineCollection({ loader: cmsLoader('workshop'), schema: withCover('workshop') }),
  organizations: defineCollection({ loader: cmsLoader('organization'), schema: withCover('organization') }),
  municipalities: defineCollection({ loader: cmsLoader('municipality'), schema: schemas.municipality }),
  themes: defineCollection({ loader: cmsLoader('theme'), schema: schemas.theme }),
  targetGroups: defineCollection({ loader: cmsLoader('target-group'), schema: schemas['target-group'] }),
  ratings: defineCollection({ loader: ratingsLoader(), schema: ratingSchema }),
};
