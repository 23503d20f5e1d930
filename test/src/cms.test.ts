/**
 * The CMS as the public, an editor and a partner meet it: a real Strapi on a temporary SQLite file,
 * seeded with the demo content, reached over HTTP on a loopback port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, seed, SEEDED_TYPES, type SeedReport } from '@coesione/scripts/seed/seed.ts';
import { startCms, type TestCms } from './support/cms.ts';

let cms: TestCms;
let firstSeed: SeedReport;

const PRACTICE = 'api::practice.practice';

/** A valid practice in Vercelli, for tests that create their own entries. */
async function practiceData(slug: string) {
  const vercelli = await cms.strapi.documents('api::municipality.municipality').findFirst({ filters: { istatCode: '002158' } });
  return {
    title: `Prova ${slug}`,
    slug,
    summary: 'Una buona prassi creata da un test.',
    state: 'attiva' as const,
    evidenceLevel: 'descrittiva' as const,
    location: { address: 'Piazza Municipio 1', municipality: vercelli!.documentId, latitude: 45.3239, longitude: 8.4236 },
  };
}

async function adminToken(email: string, password: string): Promise<string> {
  const res = await cms.api('/admin/login', { method: 'POST', body: { email, password } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.token ?? res.body.data.accessToken;
}

beforeAll(async () => {
  cms = await startCms();
  firstSeed = await seed(cms.strapi, { today: new Date('2026-11-20T10:00:00Z') });
});

afterAll(async () => {
  await cms?.stop();
});

describe('demo content', () => {
  it('is reachable through the public API in the promised amounts', async () => {
    const total = async (path: string) => {
      const res = await cms.api(path);
      expect(res.status).toBe(200);
      return res.body.meta.pagination.total as number;
    };
    expect(await total('/api/municipalities')).toBe(82);
    expect(await total('/api/practices')).toBeGreaterThanOrEqual(15);
    expect(await total('/api/opportunities')).toBeGreaterThanOrEqual(20);
    expect(await total('/api/regulations')).toBeGreaterThanOrEqual(12);
    expect(await total('/api/training-materials')).toBeGreaterThanOrEqual(10);
    expect(await total('/api/workshops')).toBeGreaterThanOrEqual(12);
    expect(await total('/api/organizations')).toBeGreaterThanOrEqual(14);
    expect(await total('/api/themes')).toBeGreaterThanOrEqual(10);
    expect(await total('/api/target-groups')).toBeGreaterThanOrEqual(10);
  });

  it('a second seed run adds nothing', async () => {
    const second = await seed(cms.strapi, { today: new Date('2026-11-21T10:00:00Z') });
    expect(second.created).toEqual({});
    expect(second.total).toEqual(firstSeed.total);
    for (const uid of SEEDED_TYPES) expect(second.total[uid]).toBeGreaterThan(0);
  });

  it('has some opportunities already past their deadline and workshop sessions ahead', async () => {
    const closed = await cms.api('/api/opportunities?filters[deadline][$lt]=2026-11-20');
    expect(closed.body.meta.pagination.total).toBeGreaterThanOrEqual(3);
    const workshop = (await cms.api('/api/workshops?pagination[pageSize]=1')).body.data[0];
    expect(workshop.sessions.length).toBeGreaterThan(0);
    expect(new Date(workshop.sessions[0].start).getTime()).toBeGreaterThan(new Date('2026-11-20').getTime());
  });

  it('locates every place inside the province of Vercelli', async () => {
    const res = await cms.api('/api/practices?pagination[pageSize]=100');
    for (const practice of res.body.data) {
      expect(practice.location.latitude).toBeGreaterThan(45.1);
      expect(practice.location.latitude).toBeLessThan(46.0);
      expect(practice.location.longitude).toBeGreaterThan(7.8);
      expect(practice.location.longitude).toBeLessThan(8.6);
      expect(practice.location.municipality.istatCode).toMatch(/^002\d{3}$/);
    }
  });

  it('populates on the server: relations come with the fields the pages need, never admin users', async () => {
    const res = await cms.api('/api/practices?pagination[pageSize]=1&populate[createdBy]=*');
    expect(res.status).toBe(200);
    const [practice] = res.body.data;
    expect(practice.themes[0]).toMatchObject({ name: expect.any(String), slug: expect.any(String) });
    expect(practice.promoters[0]).toMatchObject({ name: expect.any(String), kind: expect.any(String) });
    expect(practice.cover.url).toMatch(/^\/uploads\/.+\.jpg$/);
    expect(practice).not.toHaveProperty('createdBy');
    expect(practice).not.toHaveProperty('updatedBy');
  });

  it('pages lists by 25 by default and 100 at most', async () => {
    expect((await cms.api('/api/municipalities')).body.data).toHaveLength(25);
    const big = await cms.api('/api/municipalities?pagination[pageSize]=500');
    expect(big.body.meta.pagination.pageSize).toBe(100);
    expect(big.body.data).toHaveLength(82);
  });
});

describe('the public API', () => {
  it('never shows a draft, also when asked for drafts, and shows it once published', async () => {
    const created = await cms.strapi.documents(PRACTICE).create({ data: await practiceData('bozza-riservata') });
    const list = async (query = '') => (await cms.api(`/api/practices?filters[slug][$eq]=bozza-riservata${query}`)).body.data;
    expect(await list()).toHaveLength(0);
    expect(await list('&status=draft')).toHaveLength(0);
    expect((await cms.api(`/api/practices/${created.documentId}?status=draft`)).status).toBe(404);

    await cms.strapi.documents(PRACTICE).publish({ documentId: created.documentId });
    expect(await list()).toHaveLength(1);
    expect((await cms.api(`/api/practices/${created.documentId}`)).body.data.title).toBe('Prova bozza-riservata');

    // An edit stays private until published again.
    await cms.strapi.documents(PRACTICE).update({ documentId: created.documentId, data: { title: 'Titolo non ancora pubblicato' } });
    expect((await list('&status=draft'))[0].title).toBe('Prova bozza-riservata');
  });

  it('drops an unpublished entry', async () => {
    const created = await cms.strapi.documents(PRACTICE).create({ data: await practiceData('da-ritirare'), status: 'published' });
    expect((await cms.api(`/api/practices/${created.documentId}`)).status).toBe(200);
    await cms.strapi.documents(PRACTICE).unpublish({ documentId: created.documentId });
    expect((await cms.api(`/api/practices/${created.documentId}`)).status).toBe(404);
    expect((await cms.api('/api/practices?filters[slug][$eq]=da-ritirare')).body.data).toHaveLength(0);
  });

  it.each([
    ['filter', 'filters[createdBy][email][$contains]=a'],
    ['filter on password', 'filters[updatedBy][password][$startsWith]=$'],
    ['nested filter', 'filters[promoters][createdBy][email][$null]=false'],
    ['sort', 'sort=createdBy.email'],
  ])('refuses a %s on admin users (%s)', async (_name, query) => {
    const res = await cms.api(`/api/practices?${query}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain('@coesione.example');
  });

  it('offers no write route, no sign-up and no upload listing', async () => {
    expect((await cms.api('/api/practices', { method: 'POST', body: { data: { title: 'x' } } })).status).toBeGreaterThanOrEqual(403);
    expect((await cms.api('/api/auth/local/register', { method: 'POST', body: { username: 'x', email: 'x@example.org', password: 'Password123' } })).status).toBe(403);
    expect((await cms.api('/api/upload/files')).status).toBe(403);
    expect((await cms.api('/api/users')).status).toBe(403);
  });
});

describe('validation', () => {
  it.each([
    ['a latitude out of range', { latitude: 123, longitude: 8.4 }, /latitudine 123 non è valida/],
    ['a longitude out of range', { latitude: 45.3, longitude: -200 }, /longitudine -200 non è valida/],
    ['a point outside Italy', { latitude: 48.8566, longitude: 2.3522 }, /fuori dall'Italia/],
    ['swapped coordinates', { latitude: 8.4236, longitude: 45.3239 }, /invertito latitudine e longitudine/],
  ])('refuses %s with a clear message', async (_name, point, message) => {
    const data = await practiceData(`coordinate-${Math.random().toString(36).slice(2)}`);
    await expect(cms.strapi.documents(PRACTICE).create({ data: { ...data, location: { ...data.location, ...point } } })).rejects.toThrow(message);
    expect(await cms.strapi.documents(PRACTICE).count({ filters: { slug: data.slug } })).toBe(0);
  });

  it('refuses an unknown enumeration value', async () => {
    const data = await practiceData('stato-sconosciuto');
    await expect(cms.strapi.documents(PRACTICE).create({ data: { ...data, state: 'inventato' as never } })).rejects.toThrow(/state must be one of the following values: attiva, conclusa, sperimentale/);
  });

  it('refuses a missing required field', async () => {
    const { summary: _omitted, ...data } = await practiceData('senza-sintesi');
    await expect(cms.strapi.documents(PRACTICE).create({ data: data as never, status: 'published' })).rejects.toThrow('Il campo «summary» è obbligatorio per pubblicare.');
  });

  it('refuses a summary over 300 characters', async () => {
    const data = await practiceData('sintesi-lunga');
    await expect(cms.strapi.documents(PRACTICE).create({ data: { ...data, summary: 'x'.repeat(301) } })).rejects.toThrow(/summary must be at most 300 characters/);
  });
});

describe('the Partner role (Ente del Terzo Settore)', () => {
  const CM = '/content-manager/collection-types/api::practice.practice';
  let partner: string;
  let other: string;
  let partnerEntry: string;

  beforeAll(async () => {
    partner = await adminToken(DEMO_USERS.partner.email, DEMO_USERS.partner.password);
    const role = await cms.strapi.service('admin::role').findOne({ code: 'coesione-partner' });
    await cms.strapi.service('admin::user').create({
      email: 'altro.ente@coesione.example', firstname: 'Altro', lastname: 'Ente', password: 'Altro-Ente-2026',
      isActive: true, registrationToken: null, roles: [role.id],
    });
    other = await adminToken('altro.ente@coesione.example', 'Altro-Ente-2026');
  });

  it('creates a draft of its own', async () => {
    const res = await cms.api(`${CM}?locale=it`, { method: 'POST', token: partner, body: await practiceData('proposta-del-partner') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    partnerEntry = res.body.data.documentId;
    expect(res.body.data.publishedAt).toBeNull();
    expect((await cms.api(`/api/practices/${partnerEntry}`)).status).toBe(404);
  });

  it('cannot publish, not even its own entry', async () => {
    const res = await cms.api(`${CM}/${partnerEntry}/actions/publish?locale=it`, { method: 'POST', token: partner, body: {} });
    expect(res.status).toBe(403);
    expect((await cms.api(`/api/practices/${partnerEntry}`)).status).toBe(404);
  });

  it('cannot delete its entry', async () => {
    expect((await cms.api(`${CM}/${partnerEntry}?locale=it`, { method: 'DELETE', token: partner })).status).toBe(403);
  });

  it("cannot read or change another partner's entry", async () => {
    expect((await cms.api(`${CM}/${partnerEntry}?locale=it`, { token: other })).status).toBe(403);
    const update = await cms.api(`${CM}/${partnerEntry}?locale=it`, { method: 'PUT', token: other, body: { title: 'Modificato da altri' } });
    expect(update.status).toBe(403);
    const list = await cms.api(`${CM}?locale=it`, { token: other });
    expect(list.body.results.map((r: { documentId: string }) => r.documentId)).not.toContain(partnerEntry);
  });

  it('cannot touch types outside its remit', async () => {
    const regs = await cms.api('/content-manager/collection-types/api::regulation.regulation?locale=it', { token: partner });
    expect(regs.status).toBe(403);
    const theme = await cms.api('/content-manager/collection-types/api::theme.theme?locale=it', { method: 'POST', token: partner, body: { name: 'Tema abusivo', slug: 'tema-abusivo' } });
    expect(theme.status).toBe(403);
  });

  it('gets the location guard message through the admin API', async () => {
    const data = await practiceData('partner-fuori-italia');
    const res = await cms.api(`${CM}?locale=it`, { method: 'POST', token: partner, body: { ...data, location: { ...data.location, latitude: 40.7128, longitude: -74.006 } } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/fuori dall'Italia/);
  });

  it('lets an editor publish what a partner proposed', async () => {
    const editor = await adminToken(DEMO_USERS.editor.email, DEMO_USERS.editor.password);
    const res = await cms.api(`${CM}/${partnerEntry}/actions/publish?locale=it`, { method: 'POST', token: editor, body: {} });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await cms.api(`/api/practices/${partnerEntry}`)).status).toBe(200);
  });
});
