import { describe, expect, it } from 'vitest';
import { PROFILE_VOCABULARY } from '@coesione/model';
import { readSeedData } from './data.ts';

// «Il mio profilo di opportunità» names target groups and themes by slug (model/src/profile.ts): a slug the district's
// vocabularies do not have would quietly match nothing.
describe('the vocabularies «Il mio profilo di opportunità» names', () => {
  it('are all in the demo’s target groups and themes', () => {
    const data = readSeedData();
    expect(PROFILE_VOCABULARY.targets.filter((slug) => !data.targetGroups.some((t) => t.slug === slug))).toEqual([]);
    expect(PROFILE_VOCABULARY.themes.filter((slug) => !data.themes.some((t) => t.slug === slug))).toEqual([]);
  });
});
