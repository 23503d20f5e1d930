import { describe, expect, it } from 'vitest';
import { HIT_FIELDS, quote } from './contract';

describe('the search contract', () => {
  it('retrieves a hit\'s fields, in the order the results were always asked for', () => {
    expect(HIT_FIELDS).toEqual(['type', 'url', 'title', 'summary', 'municipalityNames', 'deadline', 'nextSession']);
  });

  it('quotes and escapes a filter value', () => {
    expect(quote('a "b" \\c')).toBe('"a \\"b\\" \\\\c"');
  });
});
