import { beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_TYPES } from '../../platform/content-types';
import { createFakeStrapi, type FakeStrapi } from '../../../test-support/fake-strapi';
import { registerSearchSync } from './index';
import { OUTBOX } from './outbox';

const PRACTICE = 'api::practice.practice';
const THEME = 'api::theme.theme';
const MUNICIPALITY = 'api::municipality.municipality';
const ON = { MEILISEARCH_URL: 'http://127.0.0.1:7700', MEILI_MASTER_KEY: 'test' };
const PUBLISHED = '2026-11-20T10:00:00.000Z';

let strapi: FakeStrapi;
const outbox = () => strapi.table(OUTBOX).map(({ contentType, entryId, entryLocale, operation }) => ({ contentType, entryId, entryLocale, operation }));
const row = (entryId: string, operation: 'upsert' | 'delete', entryLocale = 'it', contentType = PRACTICE) => ({ contentType, entryId, entryLocale, operation });

beforeEach(() => {
  strapi = createFakeStrapi({ locales: ['it', 'en'] });
  registerSearchSync(strapi, PUBLIC_TYPES, ON);
});

describe('the search recorder', () => {
  it('records an upsert when an entry is published, in the default locale unless the call names one', async () => {
    await strapi.run({ uid: PRACTICE, action: 'publish', params: { documentId: 'p1' } });
    await strapi.run({ uid: PRACTICE, action: 'publish', params: { documentId: 'p2', locale: 'en' } });
    expect(outbox()).toEqual([row('p1', 'upsert'), row('p2', 'upsert', 'en')]);
    expect(strapi.table(OUTBOX)[0]).toMatchObject({ attempts: 0 });
  });

  it('records one row per locale for a call on every locale', async () => {
    await strapi.run({ uid: PRACTICE, action: 'unpublish', params: { documentId: 'p1', locale: '*' } });
    expect(outbox()).toEqual([row('p1', 'delete', 'it'), row('p1', 'delete', 'en')]);
  });

  it('records a delete on unpublish and on delete', async () => {
    await strapi.run({ uid: PRACTICE, action: 'unpublish', params: { documentId: 'p1' } });
    await strapi.run({ uid: PRACTICE, action: 'delete', params: { documentId: 'p2' } });
    expect(outbox()).toEqual([row('p1', 'delete'), row('p2', 'delete')]);
  });

  it('records an upsert when a published entry is updated or created as published (the id then comes from the result)', async () => {
    await strapi.run({ uid: PRACTICE, action: 'update', params: { documentId: 'p1', status: 'published', data: { title: 'Nuovo titolo' } } });
    await strapi.run({ uid: PRACTICE, action: 'create', params: { status: 'published', data: { title: 'Nuova' } } }, () => ({ id: 9, documentId: 'new-1' }));
    expect(outbox()).toEqual([row('p1', 'upsert'), row('new-1', 'upsert')]);
  });

  it('records nothing for a draft-only change, and the write still happens', async () => {
    await strapi.run({ uid: PRACTICE, action: 'update', params: { documentId: 'p1', data: { title: 'Bozza' } } });
    await strapi.run({ uid: PRACTICE, action: 'create', params: { data: { title: 'Bozza nuova' } } });
    await strapi.run({ uid: PRACTICE, action: 'discardDraft', params: { documentId: 'p1' } });
    expect(outbox()).toEqual([]);
    expect(strapi.calls.map((c) => c.action)).toEqual(['update', 'create', 'discardDraft']);
  });

  it('records nothing for reads or for types outside the index', async () => {
    await strapi.run({ uid: PRACTICE, action: 'findMany', params: { status: 'published' } }, () => []);
    await strapi.run({ uid: 'api::submission.submission', action: 'create', params: { data: { text: 'Segnalazione' } } });
    expect(outbox()).toEqual([]);
  });

  describe('entries that show a renamed or deleted reference', () => {
    beforeEach(() => {
      strapi.table(PRACTICE).push(
        { id: 1, documentId: 'p1', locale: 'it', publishedAt: null, themes: [{ documentId: 't1' }] },
        { id: 2, documentId: 'p1', locale: 'it', publishedAt: PUBLISHED, themes: [{ documentId: 't1' }], location: { municipality: { documentId: 'm1' } } },
        { id: 3, documentId: 'p1', locale: 'en', publishedAt: PUBLISHED, themes: [{ documentId: 't1' }] },
        { id: 4, documentId: 'p2', locale: 'it', publishedAt: PUBLISHED, themes: [{ documentId: 't2' }] },
        { id: 5, documentId: 'p3', locale: 'it', publishedAt: null, themes: [{ documentId: 't1' }] },
      );
    });

    it('refreshes the published entries, in every locale, that link a renamed theme', async () => {
      await strapi.run({ uid: THEME, action: 'update', params: { documentId: 't1', data: { name: 'Riuso' } } });
      expect(outbox()).toEqual([row('p1', 'upsert', 'it'), row('p1', 'upsert', 'en')]);
    });

    it('follows links inside components (a practice’s place and its comune)', async () => {
      await strapi.run({ uid: MUNICIPALITY, action: 'update', params: { documentId: 'm1', data: { name: 'Vercelli' } } });
      expect(outbox()).toEqual([row('p1', 'upsert', 'it')]);
    });

    it('on delete, refreshes the entries that showed the theme before the links went', async () => {
      await strapi.run({ uid: THEME, action: 'delete', params: { documentId: 't1' } }, () => {
        for (const entry of strapi.table(PRACTICE)) entry.themes = [];
        return { documentId: 't1', entries: [] };
      });
      expect(outbox()).toEqual([row('p1', 'upsert', 'it'), row('p1', 'upsert', 'en')]);
    });
  });

  describe('never at the cost of the write', () => {
    it('lets the write through and logs when the outbox cannot be written', async () => {
      strapi.fail(OUTBOX, 'create', new Error('database is locked'));
      const result = await strapi.run({ uid: PRACTICE, action: 'publish', params: { documentId: 'p1' } }, () => ({ documentId: 'p1', entries: [] }));
      expect(result).toEqual({ documentId: 'p1', entries: [] });
      expect(strapi.calls).toHaveLength(1);
      expect(strapi.logs.error).toEqual([expect.stringMatching(/could not record publish of api::practice.practice p1: database is locked/)]);
    });

    it('deletes even when the entries that show it cannot be looked up', async () => {
      strapi.fail(PRACTICE, 'findMany');
      await strapi.run({ uid: THEME, action: 'delete', params: { documentId: 't1' } });
      expect(strapi.calls.map((c) => c.action)).toEqual(['delete']);
      expect(strapi.logs.error).toEqual([expect.stringMatching(/could not record delete of api::theme.theme t1/)]);
    });

    it('records nothing for a write that failed, and lets its error through', async () => {
      const refused = strapi.run({ uid: PRACTICE, action: 'publish', params: { documentId: 'p1' } }, () => {
        throw new Error('slug already taken');
      });
      await expect(refused).rejects.toThrow('slug already taken');
      expect(outbox()).toEqual([]);
    });
  });

  it('is not registered when Meilisearch is not configured', async () => {
    const off = createFakeStrapi();
    registerSearchSync(off, PUBLIC_TYPES, {});
    await off.run({ uid: PRACTICE, action: 'publish', params: { documentId: 'p1' } });
    expect(off.table(OUTBOX)).toEqual([]);
  });
});
