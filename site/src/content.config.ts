import { defineCollection } from 'astro:content';
import { cmsLoader } from './lib/cms/loader';
import { schemas } from './lib/cms/schemas';

export const collections = {
  practices: defineCollection({ loader: cmsLoader('practice'), schema: schemas.practice }),
  opportunities: defineCollection({ loader: cmsLoader('opportunity'), schema: schemas.opportunity }),
  regulations: defineCollection({ loader: cmsLoader('regulation'), schema: schemas.regulation }),
  trainingMaterials: defineCollection({ loader: cmsLoader('training-material'), schema: schemas['training-material'] }),
  workshops: defineCollection({ loader: cmsLoader('workshop'), schema: schemas.workshop }),
  organizations: defineCollection({ loader: cmsLoader('organization'), schema: schemas.organization }),
  municipalities: defineCollection({ loader: cmsLoader('municipality'), schema: schemas.municipality }),
  themes: defineCollection({ loader: cmsLoader('theme'), schema: schemas.theme }),
  targetGroups: defineCollection({ loader: cmsLoader('target-group'), schema: schemas['target-group'] }),
};
