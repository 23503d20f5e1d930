/**
 * Partner accounts: which organisation a Partner admin user speaks for, and the private «proposedBy»
 * link set on every entry such a user creates.
 *
 * The link between a login and an organisation is a private collection, «Account partner» (e-mail of
 * the admin user → organisation), managed by editors in the admin and bound to the login's id on first use. When a user with the Partner role
 * creates a practice, opportunity, workshop or training material, a document-service middleware sets
 * `proposedBy` to that organisation. The field is private (never in the REST API), outside the public
 * populate tree and the search documents, and not among the fields the Partner role may write.
 */
import { errors } from '@strapi/utils';
import { PROPOSED_BY_TYPES } from './proposals';
import { onlyPartner } from './roles';
import { isRecord, type MiddlewareHost } from './published-change';

export const PARTNER_ACCOUNT = 'api::partner-account.partner-account';

/** What partner accounts need of Strapi (`Core.Strapi` fits, and so does the unit tests' fake). */
export interface PartnerHost {
  db: { query(uid: string): { findOne(params: object): Promise<unknown>; update(params: { where: object; data: Record<string, unknown> }): Promise<unknown> } };
  log: { warn(message: string): void; info(message: string): void };
}

async function adminUser(strapi: PartnerHost, userId: number) {
  return (await strapi.db.query('admin::user').findOne({ where: { id: userId }, select: ['id', 'email'], populate: { roles: { select: ['code'] } } })) as {
    email: string;
    roles: { code: string }[];
  } | null;
}

/** Whether an admin user acts as a partner (the Partner role alone: `onlyPartner`). */
export async function isPartner(strapi: PartnerHost, userId: number): Promise<boolean> {
  return onlyPartner((await adminUser(strapi, userId))?.roles);
}

type Account = { id: number; adminUserId: number | null; organization: { documentId: string } | null };

async function account(strapi: PartnerHost, where: object): Promise<Account | null> {
  return (await strapi.db.query(PARTNER_ACCOUNT).findOne({
    where,
    select: ['id', 'adminUserId'],
    populate: { organization: { select: ['documentId'] } },
  })) as Account | null;
}

/**
 * The «Account partner» of a Partner admin user. The office writes the e-mail; the first time a Partner with
 * that e-mail is seen, the account is bound to the user's id and from then on found by id alone, so a changed
 * e-mail (a Partner cannot change its own; the super admin may correct it) moves no one to another
 * organisation. An e-mail bound to another user who still exists binds no one else; one bound to a deleted
 * user (ids are never reused) passes to the new holder of that e-mail, whom only the super admin can create.
 */
async function boundAccount(strapi: PartnerHost, user: { id: number; email: string }): Promise<Account | null> {
  const bound = await account(strapi, { adminUserId: user.id });
  if (bound) return bound;
  const byEmail = await account(strapi, { email: { $eqi: user.email } });
  if (!byEmail) return null;
  if (byEmail.adminUserId != null && byEmail.adminUserId !== user.id && (await adminUser(strapi, byEmail.adminUserId))) {
    strapi.log.warn(`Partner admin user #${user.id} has the e-mail of an «Account partner» bound to admin user #${byEmail.adminUserId}: not linked.`);
    return null;
  }
  await strapi.db.query(PARTNER_ACCOUNT).update({ where: { id: byEmail.id }, data: { adminUserId: user.id } });
  strapi.log.info(`Audit account partner: «Account partner» #${byEmail.id} bound to admin user #${user.id}.`);
  return byEmail;
}

/** The organisation (documentId) of a Partner admin user (that role alone: `onlyPartner`), or undefined for any other user. */
export async function partnerOrganization(strapi: PartnerHost, userId: number): Promise<string | undefined> {
  const user = await adminUser(strapi, userId);
  if (!user || !onlyPartner(user.roles)) return undefined;
  const found = await boundAccount(strapi, { id: userId, email: user.email });
  if (!found?.organization) {
    strapi.log.warn(`Partner admin user #${userId} has no organisation: add an «Account partner» for its e-mail.`);
    return undefined;
  }
  return found.organization.documentId;
}

/** The admin user a content-manager write acts for: `createdBy` on creation and clones, `updatedBy` on edits. */
function actingUser(data: Record<string, unknown>): number | undefined {
  const user = data.createdBy ?? data.updatedBy;
  return (typeof user === 'number' || typeof user === 'string') && Number.isInteger(Number(user)) ? Number(user) : undefined;
}

/**
 * Every write a Partner makes to these types, by any path (create, clone, edit, a new locale), carries
 * the Partner's organisation; a Partner with no organisation writes nothing. Clones used to skip this
 * and kept the source's proposer.
 */
export function registerPartnerLink(strapi: PartnerHost & MiddlewareHost): void {
  const types = new Set<string>(PROPOSED_BY_TYPES);
  const actions = new Set(['create', 'clone', 'update']);
  strapi.documents.use(async (context, next) => {
    if (actions.has(context.action) && types.has(context.uid)) {
      const data = isRecord(context.params.data) ? context.params.data : undefined;
      const userId = data && actingUser(data);
      if (data && userId !== undefined && (await isPartner(strapi, userId))) {
        const organization = await partnerOrganization(strapi, userId);
        if (!organization) {
          throw new errors.PolicyError('Il tuo account non è ancora collegato a un ente: chiedi alla redazione di aggiungere il tuo indirizzo in «Account partner».');
        }
        data.proposedBy = organization;
      }
    }
    return next();
  });
}

/**
 * Whether an organisation organises a workshop: it proposed it, or the workshop names it as organiser
 * (any version, draft or published). Its partners manage the workshop's bookings and report its outcomes.
 */
export async function organisesWorkshop(strapi: { db: { query(uid: string): { findMany(params: object): Promise<unknown> } } }, organization: string, workshop: string): Promise<boolean> {
  const rows = (await strapi.db.query('api::workshop.workshop').findMany({
    where: { documentId: workshop },
    populate: { proposedBy: { select: ['documentId'] }, organization: { select: ['documentId'] } },
  })) as { proposedBy?: { documentId: string } | null; organization?: { documentId: string } | null }[];
  return rows.some((row) => row.proposedBy?.documentId === organization || row.organization?.documentId === organization);
}
