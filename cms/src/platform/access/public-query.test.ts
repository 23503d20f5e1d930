import { describe, expect, it } from 'vitest';
import { checkPublicQuery, publicQuery, type Model } from './public-query';

const models: Record<string, Model> = {
  'api::practice.practice': {
    options: { draftAndPublish: true },
    attributes: {
      title: { type: 'string' }, slug: { type: 'uid' }, body: { type: 'blocks' },
      proposedBy: { type: 'relation', target: 'api::organization.organization', private: true },
      themes: { type: 'relation', target: 'api::theme.theme' },
      promoters: { type: 'relation', target: 'api::organization.organization' },
      location: { type: 'component', component: 'shared.location' },
    },
  },
  'api::organization.organization': { options: { draftAndPublish: true }, attributes: { name: { type: 'string' }, slug: { type: 'uid' } } },
  'api::theme.theme': {
    attributes: { name: { type: 'string' }, slug: { type: 'uid' }, practices: { type: 'relation', target: 'api::practice.practice' } },
  },
  'api::municipality.municipality': { attributes: { name: { type: 'string' }, istatCode: { type: 'string' } } },
  'shared.location': { attributes: { address: { type: 'string' }, municipality: { type: 'relation', target: 'api::municipality.municipality' } } },
};
const getModel = (uid: string) => models[uid];
const references = new Set(['api::theme.theme', 'api::municipality.municipality']);
const practice = publicQuery('api::practice.practice', getModel, references);
const theme = publicQuery('api::theme.theme', getModel, references);
const check = (query: Record<string, unknown>, declared = practice) => () => checkPublicQuery(query, declared);

describe('the public query declaration', () => {
  it('accepts own scalar fields and one hop into a reference type', () => {
    expect([...practice.filters].sort()).toEqual(
      ['createdAt', 'documentId', 'locale', 'location.municipality.istatCode', 'location.municipality.name', 'publishedAt', 'slug', 'themes.name', 'themes.slug', 'title', 'updatedAt'].sort(),
    );
    expect(check({ filters: { slug: { $eq: 'x' } }, sort: 'title:asc', fields: ['title'], pagination: { page: '1' }, locale: 'it' })).not.toThrow();
    expect(check({ filters: { $or: [{ themes: { slug: { $in: ['a', 'b'] } } }, { title: { $containsi: 'orto' } }] } })).not.toThrow();
  });

  it.each([
    ['a reverse relation from a reference type', { filters: { practices: { title: { $eq: 'x' } } } }, theme, /filters\[practices\]\[title\]/],
    ['a relation into an editorial type', { filters: { promoters: { name: { $eq: 'x' } } } }, practice, /promoters\.name/],
    ['a private relation', { filters: { proposedBy: { slug: { $eq: 'x' } } } }, practice, /proposedBy/],
    ['a second hop', { filters: { themes: { practices: { title: { $eq: 'x' } } } } }, practice, /themes\.practices/],
    ['rich text', { filters: { body: { $contains: 'x' } } }, practice, /body/],
    ['an admin user', { filters: { createdBy: { email: { $contains: '@' } } } }, practice, /createdBy/],
    ['a hidden path inside $or', { filters: { $or: [{ slug: { $eq: 'x' } }, { promoters: { slug: { $eq: 'x' } } }] } }, practice, /promoters\.slug/],
    ['an object as an operator value', { filters: { title: { $eq: { practices: 'x' } } } }, practice, /\$eq/],
    ['a sort on a relation', { sort: 'themes.slug:asc' }, practice, /sort/],
    ['a sort object on an admin field', { sort: { createdBy: 'asc' } }, practice, /createdBy/],
    ['an unknown field', { fields: ['title', 'proposedBy'] }, practice, /proposedBy/],
    ['an unknown parameter', { _q: 'x' }, practice, /_q/],
  ])('refuses %s with a 400 naming the parameter', (_name, query, declared, message) => {
    expect(check(query, declared)).toThrow(message);
    try {
      checkPublicQuery(query, declared);
    } catch (error) {
      expect((error as { name: string }).name).toBe('ValidationError');
    }
  });
});
