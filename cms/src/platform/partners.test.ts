import { errors } from '@strapi/utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { PARTNER_ACCOUNT, registerPartnerLink } from './partners';
import { PARTNER_ROLE } from './roles';
import { createFakeStrapi, type FakeStrapi } from '../../test-support/fake-strapi';

const PRACTICE = 'api::practice.practice';
const PARTNER = 7;
const UNLINKED_PARTNER = 8;
const EDITOR = 3;

let strapi: FakeStrapi;

beforeEach(() => {
  strapi = createFakeStrapi();
  strapi.table('admin::user').push(
    { id: PARTNER, email: 'ente@example.org', roles: [{ code: PARTNER_ROLE.code }] },
    { id: UNLINKED_PARTNER, email: 'nuovo@example.org', roles: [{ code: PARTNER_ROLE.code }] },
    { id: EDITOR, email: 'redazione@example.org', roles: [{ code: 'strapi-editor' }] },
  );
  // The editors typed the address with capitals: e-mails match whatever their case.
  strapi.table(PARTNER_ACCOUNT).push({ id: 1, email: 'Ente@Example.org', organization: { documentId: 'org-ente' } });
  registerPartnerLink(strapi);
});

const written = () => strapi.calls.map((c) => c.params.data as { proposedBy?: unknown });

describe('the partner link', () => {
  it.each([
    ['create', { createdBy: PARTNER }],
    ['clone', { createdBy: PARTNER }],
    ['update', { updatedBy: PARTNER }],
  ])("a Partner's %s carries its organisation, whatever it sent", async (action, author) => {
    await strapi.run({ uid: PRACTICE, action, params: { documentId: 'p1', data: { title: 'Orto condiviso', proposedBy: 'org-altro', ...author } } });
    expect(written()).toEqual([{ title: 'Orto condiviso', proposedBy: 'org-ente', ...author }]);
  });

  it('sets the organisation even when the Partner sent none', async () => {
    await strapi.run({ uid: 'api::workshop.workshop', action: 'create', params: { data: { title: 'Laboratorio', createdBy: String(PARTNER) } } });
    expect(written()).toEqual([{ title: 'Laboratorio', createdBy: String(PARTNER), proposedBy: 'org-ente' }]);
  });

  it('refuses, in Italian, a Partner whose account is linked to no organisation, and writes nothing', async () => {
    const refused = strapi.run({ uid: PRACTICE, action: 'create', params: { data: { title: 'Orto', createdBy: UNLINKED_PARTNER } } });
    await expect(refused).rejects.toBeInstanceOf(errors.ForbiddenError);
    await expect(refused).rejects.toThrow('Il tuo account non è ancora collegato a un ente: chiedi alla redazione di aggiungere il tuo indirizzo in «Account partner».');
    expect(strapi.calls).toEqual([]);
    expect(strapi.logs.warn).toEqual([expect.stringMatching(/#8 has no organisation/)]);
  });

  it("leaves an editor's write as it was", async () => {
    const data = { title: 'Scheda della redazione', proposedBy: 'org-altro', createdBy: EDITOR };
    await strapi.run({ uid: PRACTICE, action: 'create', params: { data: { ...data } } });
    expect(written()).toEqual([data]);
  });

  it('leaves types without a proposer alone, and writes with no acting user (seed, scripts)', async () => {
    await strapi.run({ uid: 'api::regulation.regulation', action: 'create', params: { data: { title: 'Legge', createdBy: PARTNER } } });
    await strapi.run({ uid: PRACTICE, action: 'update', params: { documentId: 'p1', data: { title: 'Dal seed' } } });
    expect(written()).toEqual([{ title: 'Legge', createdBy: PARTNER }, { title: 'Dal seed' }]);
  });
});

describe('the account binding', () => {
  const accountRow = () => strapi.table(PARTNER_ACCOUNT)[0] as { adminUserId?: number };
  const create = (userId: number) => strapi.run({ uid: PRACTICE, action: 'create', params: { data: { title: 'Orto', createdBy: userId } } });

  it('binds the account to the first Partner seen with its e-mail, and from then on ignores the e-mail', async () => {
    await create(PARTNER);
    expect(accountRow().adminUserId).toBe(PARTNER);
    expect(strapi.logs.info).toEqual([expect.stringMatching(/Audit account partner: .* #1 bound to admin user #7/)]);
    // The super admin corrects the address: the Partner still speaks for its organisation.
    (strapi.table('admin::user')[0] as { email: string }).email = 'ente.nuovo@example.org';
    await create(PARTNER);
    expect(written().map((d) => d.proposedBy)).toEqual(['org-ente', 'org-ente']);
  });

  it('refuses another Partner who holds that e-mail while the bound user exists, and writes nothing', async () => {
    await create(PARTNER);
    (strapi.table('admin::user')[0] as { email: string }).email = 'altro@example.org';
    (strapi.table('admin::user')[1] as { email: string }).email = 'ente@example.org';
    strapi.calls.length = 0;
    await expect(create(UNLINKED_PARTNER)).rejects.toBeInstanceOf(errors.ForbiddenError);
    expect(strapi.calls).toEqual([]);
    expect(accountRow().adminUserId).toBe(PARTNER);
    expect(strapi.logs.warn).toContainEqual(expect.stringMatching(/#8 has the e-mail of an «Account partner» bound to admin user #7/));
  });

  it('passes an account bound to a deleted user to the new holder of the e-mail', async () => {
    accountRow().adminUserId = 99;
    await create(PARTNER);
    expect(accountRow().adminUserId).toBe(PARTNER);
    expect(written()[0]!.proposedBy).toBe('org-ente');
  });
});
