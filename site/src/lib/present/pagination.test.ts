import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, pageHref, pageNumbers } from './pagination';

describe('pageNumbers', () => {
  it('gives every page of a list to exactly one route, page 1 to the section route', () => {
    for (const count of [0, 1, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1, 3 * PAGE_SIZE, 3 * PAGE_SIZE + 7]) {
      const first = pageNumbers(count, 'first');
      const rest = pageNumbers(count, 'rest');
      expect(first.pages).toEqual([1]);
      expect(first.last).toBe(rest.last);
      expect([...first.pages, ...rest.pages]).toEqual(Array.from({ length: first.last }, (_, i) => i + 1));
      expect(first.last).toBe(Math.max(1, Math.ceil(count / PAGE_SIZE)));
    }
  });
  it('builds no numbered page for a list that fits on one', () => {
    expect(pageNumbers(PAGE_SIZE, 'rest').pages).toEqual([]);
  });
});

describe('pageHref', () => {
  it('puts page 1 at the section and the others under pagina/', () => {
    expect(pageHref('/opportunita/', 1)).toBe('/opportunita/');
    expect(pageHref('/opportunita/', 2)).toBe('/opportunita/pagina/2/');
  });
});
