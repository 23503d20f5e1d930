/** What two packages must agree on: the site's section paths and the URLs in search documents. */
import { expect, it } from 'vitest';
import { SEARCH_TYPES, SITE_SECTIONS } from '@coesione/search';
import { SECTIONS } from '../../site/src/lib/sections.ts';

it('search results link to the sections the site builds', () => {
  expect(Object.keys(SECTIONS).sort()).toEqual([...SEARCH_TYPES].sort());
  for (const type of SEARCH_TYPES) expect(SECTIONS[type].path).toBe(`/${SITE_SECTIONS[type]}/`);
});
