/**
 * One content collection per public type of the registry (@coesione/model), named as the registry says,
 * read from the CMS or a snapshot and validated by the type's schema; plus the rating aggregates and the
 * workshops' outcomes.
 */
import { defineCollection, type SchemaContext } from 'astro:content';
import { EDITORIAL_KEYS, REFERENCE_KEYS, TYPES, type EditorialKey, type PublicKey, type ReferenceKey } from '@coesione/model';
import { cmsLoader } from './lib/cms/loader';
import { outcomeSchema, outcomesLoader } from './lib/cms/outcomes';
import { ratingSchema, ratingsLoader } from './lib/cms/ratings';
import { coverFields, schemas } from './lib/cms/schemas';

/** An editorial type: its cover resolved by astro:assets (`src`, see loader.ts). */
const editorial = <K extends EditorialKey>(key: K) =>
  defineCollection({
    loader: cmsLoader(key),
    schema: ({ image }: SchemaContext) => schemas[key].extend({ cover: coverFields.extend({ src: image().optional() }).nullable().optional() }),
  });
const reference = <K extends ReferenceKey>(key: K) => defineCollection({ loader: cmsLoader(key), schema: schemas[key] });

type Name<K extends PublicKey> = (typeof TYPES)[K]['collection'];
// Object.fromEntries forgets which name holds which type's schema; the registry's names give it back.
const editorialCollections = Object.fromEntries(EDITORIAL_KEYS.map((key) => [TYPES[key].collection, editorial(key)])) as {
  [K in EditorialKey as Name<K>]: ReturnType<typeof editorial<K>>;
};
const referenceCollections = Object.fromEntries(REFERENCE_KEYS.map((key) => [TYPES[key].collection, reference(key)])) as {
  [K in ReferenceKey as Name<K>]: ReturnType<typeof reference<K>>;
};

export const collections = {
  ...editorialCollections,
  ...referenceCollections,
  ratings: defineCollection({ loader: ratingsLoader(), schema: ratingSchema }),
  workshopOutcomes: defineCollection({ loader: outcomesLoader(), schema: outcomeSchema }),
};
