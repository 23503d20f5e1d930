/**
 * What a Partner reads beyond the entries it created: its own organisation, the collaboration pacts its
 * organisation is a party to, and the workshops its organisation organises. Both are Strapi admin conditions (evaluated per request for the
 * signed-in user), so the content manager's lists, entries and relation pickers all filter through
 * them, with no route of our own.
 *
 * Without them a Partner's «Promotori» picker read «No relations available» (its organisation was
 * created by the seed or an editor, never by the Partner: Strapi's is-creator condition hid it) and its
 * pact list read «Nessuna voce» although its organisation had signed a pact.
 */
import type { Core } from '@strapi/strapi';
import { partnerOrganization, type PartnerHost } from '../partners';
import { uidOf } from '@coesione/model';
import { OWN_ORGANIZATION, OWN_WORKSHOP, PACT_PARTY } from './route-policy';

interface ConditionUser {
  id: number;
}

/** What the conditions need of Strapi (`Core.Strapi` fits). */
export interface ConditionHost extends PartnerHost {
  db: { query(uid: string): ReturnType<PartnerHost['db']['query']> & { findMany(params: object): Promise<unknown> } };
}

/** The documentIds of the pacts where `organization` is a party, in any version (draft or published). */
export async function pactsWithParty(strapi: ConditionHost, organization: string): Promise<string[]> {
  const rows = (await strapi.db.query(uidOf('pact')).findMany({ where: { parties: { organization: { documentId: organization } } }, select: ['documentId'] })) as { documentId: string }[];
  return [...new Set(rows.map((r) => r.documentId))];
}

/**
 * The documentIds of the workshops `organization` organises (it proposed them, or they name it as organiser),
 * in any version. A list of ids, like the pacts': the admin's edit view checks the condition against the
 * entry it holds, whose relations it has not loaded, so a condition through a relation hid the form.
 */
export async function workshopsOf(strapi: ConditionHost, organization: string): Promise<string[]> {
  const rows = (await strapi.db.query(uidOf('workshop')).findMany({
    where: { $or: [{ organization: { documentId: organization } }, { proposedBy: { documentId: organization } }] },
    select: ['documentId'],
  })) as { documentId: string }[];
  return [...new Set(rows.map((r) => r.documentId))];
}

/**
 * Returning `false` drops the permission for that user (Strapi registers it only when a condition
 * holds): a Partner with no organisation, or whose organisation is party to no pact, gains nothing.
 */
export function partnerConditions(strapi: ConditionHost) {
  return [
    {
      displayName: 'È l’ente del partner',
      name: OWN_ORGANIZATION.slice('api::'.length),
      category: 'Coesione',
      handler: async (user: ConditionUser) => {
        const organization = await partnerOrganization(strapi, user.id);
        return organization ? { documentId: organization } : false;
      },
    },
    {
      displayName: 'Patto di cui l’ente del partner è parte',
      name: PACT_PARTY.slice('api::'.length),
      category: 'Coesione',
      handler: async (user: ConditionUser) => {
        const organization = await partnerOrganization(strapi, user.id);
        const pacts = organization ? await pactsWithParty(strapi, organization) : [];
        return pacts.length > 0 ? { documentId: { $in: pacts } } : false;
      },
    },
    {
      displayName: 'Laboratorio organizzato dall’ente del partner',
      name: OWN_WORKSHOP.slice('api::'.length),
      category: 'Coesione',
      handler: async (user: ConditionUser) => {
        const organization = await partnerOrganization(strapi, user.id);
        const workshops = organization ? await workshopsOf(strapi, organization) : [];
        return workshops.length > 0 ? { documentId: { $in: workshops } } : false;
      },
    },
  ];
}

interface ConditionProvider {
  has(id: string): boolean;
  registerMany(conditions: ReturnType<typeof partnerConditions>): Promise<unknown>;
}

/** Registers the conditions (bootstrap, before permissions.ts assigns them: Strapi drops unknown conditions). */
export async function registerPartnerConditions(strapi: Core.Strapi): Promise<void> {
  const provider = strapi.service('admin::permission').conditionProvider as ConditionProvider;
  const missing = partnerConditions(strapi).filter((c) => !provider.has(`api::${c.name}`));
  if (missing.length > 0) await provider.registerMany(missing);
}
