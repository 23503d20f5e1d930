/**
 * Access control as an attacker meets it (access.test.ts, access-matrix.test.ts): a real Strapi on a copy
 * of the seeded demo, reached over HTTP by the public, two Partners (A and B, each linked to its own
 * organisation) and an Editor. The policy comes from the CMS's build.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_USERS } from '@coesione/scripts/seed/seed.ts';
import { cmsModule, startSeededCms, type TestCms } from './cms.ts';
import { send, type Answer } from './http.ts';

// The policy the running CMS enforces, from its build (the CMS is CommonJS: no import across packages).
export type Access = 'allow' | 'deny' | 'own' | 'content';
export type ContentAction = 'read' | 'create' | 'update' | 'delete' | 'publish';
export interface RouteRule {
  public: Access;
  partner: Access;
  editor: Access;
  action?: ContentAction;
}
export type Grant = Partial<Record<ContentAction, { own?: readonly string[]; all?: readonly string[] }>>;
export const { ruleFor, CONTENT_ACCESS } = cmsModule<{ ruleFor(method: string, path: string): RouteRule | undefined; CONTENT_ACCESS: Record<'partner' | 'editor', Grant> }>('platform/access/route-policy');
export const { PUBLIC_TYPES } = cmsModule<{ PUBLIC_TYPES: readonly string[] }>('platform/content-types');

export let cms: TestCms;
export const PRACTICE = 'api::practice.practice';
export const PACT = 'api::pact.pact';
export const CM = '/content-manager/collection-types';
export const PARTNER_B = { email: 'ente.b@coesione.example', password: 'Ente-B-Prova-2026' };

/** One request; `ip` is the address the (trusted, appending) proxy saw. */
export function call(method: string, path: string, init: { token?: string; body?: unknown; ip?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const form = init.body instanceof FormData;
  return send(`${cms.url}${path}`, {
    method,
    headers: {
      'x-forwarded-for': init.ip ?? '198.51.100.1',
      ...(init.body === undefined || form ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : form ? (init.body as FormData) : JSON.stringify(init.body),
    redirect: 'manual',
  });
}

export async function login(email: string, password: string, ip: string): Promise<string> {
  const res = await call('POST', '/admin/login', { body: { email, password }, ip });
  expect(res.status, res.text).toBe(200);
  return res.json.data.token ?? res.json.data.accessToken;
}

export const tokens: { partnerA: string; partnerB: string; editor: string } = { partnerA: '', partnerB: '', editor: '' };
export let vercelli: string;
export let orgA: string;
export let orgB: string;

export const practiceBody = (slug: string) => ({
  title: `Prova ${slug}`, slug, summary: 'Una scheda di prova.', state: 'attiva', evidenceLevel: 'descrittiva',
  location: { address: 'Piazza Municipio 1', municipality: vercelli, latitude: 45.3239, longitude: 8.4236 },
});

let counter = 0;
/** A draft practice (or pact) created through the admin API by `token`'s user. */
export async function draftBy(token: string, model: string = PRACTICE): Promise<string> {
  const slug = `matrice-${++counter}`;
  const body = model === PACT ? { title: `Prova ${slug}`, slug, summary: 'Un patto di prova.', commonGood: 'Aiuola di prova', kind: 'ordinario' } : practiceBody(slug);
  const res = await call('POST', `${CM}/${model}?locale=it`, { token, body });
  expect(res.status, res.text).toBe(201);
  return res.json.data.documentId;
}

export async function uploadBy(token: string): Promise<number> {
  const form = new FormData();
  form.append('files', new Blob([`file ${++counter}`], { type: 'text/plain' }), `prova-${counter}.txt`);
  const res = await call('POST', '/upload', { token, body: form });
  expect(res.status, res.text).toBe(201);
  return res.json[0].id;
}

export const proposedBy = async (documentId: string) =>
  ((await cms.strapi.documents(PRACTICE).findOne({ documentId, populate: { proposedBy: { fields: ['documentId'] } } } as never)) as unknown as { proposedBy: { documentId: string } | null } | null)?.proposedBy?.documentId;

/** Boots the seeded CMS with Partner B beside the demo's Partner A, and signs the three callers in. */
export function useAccessFixture(): void {
  beforeAll(async () => {
    cms = await startSeededCms({ today: new Date('2026-11-20T10:00:00Z') }, { TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '1' });
    vercelli = (await cms.strapi.documents('api::municipality.municipality').findFirst({ filters: { istatCode: '002158' } }))!.documentId;
    const orgs = cms.strapi.documents('api::organization.organization');
    orgA = (await orgs.findFirst({ filters: { slug: 'aps-bottega-del-riuso' } } as never))!.documentId;
    orgB = (await orgs.findFirst({ filters: { slug: 'odv-voci-amiche' } } as never))!.documentId;
    const role = await cms.strapi.service('admin::role').findOne({ code: 'coesione-partner' });
    await cms.strapi.service('admin::user').create({ ...PARTNER_B, firstname: 'Ente', lastname: 'B', isActive: true, registrationToken: null, roles: [role.id] });
    await cms.strapi.documents('api::partner-account.partner-account').create({ data: { email: PARTNER_B.email, organization: orgB } } as never);
    tokens.partnerA = await login(DEMO_USERS.partner.email, DEMO_USERS.partner.password, '198.51.100.2');
    tokens.partnerB = await login(PARTNER_B.email, PARTNER_B.password, '198.51.100.3');
    tokens.editor = await login(DEMO_USERS.editor.email, DEMO_USERS.editor.password, '198.51.100.4');
  });

  afterAll(async () => {
    await cms?.stop();
  });
}
