import { describe, expect, it } from 'vitest';
import { EDITORIAL_KEYS, keyOf, PARTNER_KEYS, PRIVATE_KEYS, PUBLIC_KEYS, TYPES, pageUrl } from './types.js';
import { normalizeReceipt } from './participation.js';
import { insideDistrict } from './district.js';

describe('the registry of content types', () => {
  it('gives every public type a REST path and a collection, every editorial type a section of its own', () => {
    for (const key of PUBLIC_KEYS) expect(TYPES[key]).toMatchObject({ rest: expect.any(String), collection: expect.any(String) });
    const sections = EDITORIAL_KEYS.map((k) => TYPES[k].section);
    expect(new Set(sections).size).toBe(sections.length);
    for (const section of sections) expect(section).toMatch(/^\/[a-z-]+\/$/);
    expect(pageUrl('practice', 'orto-condiviso')).toBe('/buone-prassi/orto-condiviso/');
  });

  it('keeps private types out of every public list, and partners to editorial types', () => {
    for (const key of PRIVATE_KEYS) {
      expect(PUBLIC_KEYS as readonly string[]).not.toContain(key);
      expect(TYPES[key]).not.toHaveProperty('rest');
    }
    for (const key of PARTNER_KEYS) expect(TYPES[key].visibility).toBe('editorial');
    expect(keyOf('api::training-material.training-material')).toBe('training-material');
    expect(keyOf('api::nothing.nothing')).toBeUndefined();
  });
});

describe('shared rules', () => {
  it('reads a receipt as people type it', () => {
    expect(normalizeReceipt(' abcd efgh jkmn ')).toBe('ABCD-EFGH-JKMN');
    expect(normalizeReceipt('0o1i-l000-0000')).toBe('0011-1000-0000');
    expect(normalizeReceipt('ABCD-EFGH-JKMU')).toBeUndefined();
    expect(normalizeReceipt(42)).toBeUndefined();
  });
  it('knows the district from Paris', () => {
    expect(insideDistrict(45.3239, 8.4236)).toBe(true);
    expect(insideDistrict(48.8566, 2.3522)).toBe(false);
  });
});
