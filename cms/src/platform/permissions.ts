/**
 * Roles and permissions, set idempotently at every boot so the code is the single source of truth.
 *
 * - Public (REST, users-permissions): find / findOne on the public types, nothing else (no sign-up,
 *   no login, no upload listing). The authenticated role gets the same: citizens have no accounts.
 * - Partner ("Ente del Terzo Settore", admin role): creates, reads and updates its own entries of the
 *   partner types as drafts; reads the reference vocabularies it must pick from; never publishes or deletes.
 * - Editor (Strapi's built-in role): every action, publish included, on every content type of ours.
 */
import type { Core, UID } from '@strapi/strapi';
import { CONTENT_ACCESS, PARTNER_SHARED_READS } from './access/route-policy';
import { PARTNER_RECORD_TYPES, PUBLIC_TYPES } from './content-types';
import type { Feature } from './features';
import { EDITOR_ROLE, PARTNER_ROLE } from './roles';

const CM = 'plugin::content-manager.explorer';
const IS_CREATOR = 'admin::is-creator';

type Permission = {
  action: string;
  subject?: string | null;
  properties?: Record<string, unknown>;
  conditions?: string[];
};

async function syncPublicRoles(strapi: Core.Strapi): Promise<void> {
  const wanted = new Set(PUBLIC_TYPES.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]));
  const roles = await strapi.db.query('plugin::users-permissions.role').findMany({
    where: { type: { $in: ['public', 'authenticated'] } },
    populate: ['permissions'],
  });
  for (const role of roles as { id: number; permissions: { id: number; action: string }[] }[]) {
    const have = new Set(role.permissions.map((p) => p.action));
    const extra = role.permissions.filter((p) => !wanted.has(p.action)).map((p) => p.id);
    if (extra.length > 0) {
      await strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { id: { $in: extra } } });
    }
    for (const action of wanted) {
      if (!have.has(action)) {
        await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
      }
    }
  }
  // No public sign-up: citizens take part through moderated forms, partners through admin accounts.
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get()) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== false) await store.set({ value: { ...advanced, allow_register: false } });
}

async function localeCodes(strapi: Core.Strapi): Promise<string[]> {
  const locales = (await strapi.plugin('i18n').service('locales').find()) as { code: string }[];
  return locales.map((l) => l.code);
}

/**
 * The `locales` property as Strapi writes it: every locale on a localized type, and no property at all on a
 * type that is not localized. An empty list is not "no restriction": the server ignores it, but the admin's
 * i18n middleware keeps only permissions with no `locales` or with the page's locale, so on an entry opened
 * with `?plugins[i18n][locale]=it` the role lost every field and the type left its menu.
 */
function withLocales(strapi: Core.Strapi, properties: Record<string, unknown> | undefined, subject: string, locales: string[]): Record<string, unknown> {
  const rest = { ...properties };
  delete rest.locales;
  const localized = strapi.plugin('i18n').service('content-types').isLocalizedContentType(strapi.getModel(subject as UID.ContentType)) as boolean;
  return localized ? { ...rest, locales } : rest;
}

/** Content-manager permissions with every field, as Strapi builds them for its own roles. */
function contentPermissions(strapi: Core.Strapi, action: string, subjects: readonly string[], locales: string[], conditions: string[] = []): Permission[] {
  const { actionProvider } = strapi.service('admin::permission');
  const found = actionProvider.values().filter((a: { section: string; actionId: string }) => a.section === 'contentTypes' && a.actionId === action);
  const withFields = strapi.service('admin::content-type').getPermissionsWithNestedFields(found) as Permission[];
  return withFields
    .filter((p) => p.subject && subjects.includes(p.subject))
    .map((p) => ({ ...p, properties: withLocales(strapi, p.properties, p.subject as string, locales), conditions }));
}

/**
 * What CONTENT_ACCESS (the route policy's table, which the access matrix tests) grants a role on our
 * content types: `all` without conditions, `own` with Strapi's is-creator condition.
 */
function grantedContent(strapi: Core.Strapi, role: keyof typeof CONTENT_ACCESS, locales: string[]): Permission[] {
  return Object.entries(CONTENT_ACCESS[role]).flatMap(([action, grant]) => [
    ...contentPermissions(strapi, `${CM}.${action}`, grant?.all ?? [], locales),
    ...contentPermissions(strapi, `${CM}.${action}`, grant?.own ?? [], locales, [IS_CREATOR]),
  ]);
}

/** The same permissions without the fields `drop` names (fields a role may neither see nor write). */
function withoutFields(permissions: Permission[], drop: (subject: string, field: string) => boolean): Permission[] {
  return permissions.map((p) => {
    const fields = p.properties?.fields;
    return Array.isArray(fields) && p.subject ? { ...p, properties: { ...p.properties, fields: fields.filter((f) => !drop(p.subject as string, String(f))) } } : p;
  });
}

/**
 * The inverse side of a relation (`mappedBy`): writing it rewrites the other entry's own field, so a
 * Partner connecting a comune to its organisation's `managedMunicipalities` changed that comune's
 * managing body, and connecting another body's opportunity rewrote its provider. Partners see and write
 * only the owning sides of their own entries.
 */
export function inverseRelation(strapi: Core.Strapi, subject: string, field: string): boolean {
  const attribute = (strapi.getModel(subject as UID.ContentType)?.attributes as Record<string, { type: string; mappedBy?: string }> | undefined)?.[field.split('.')[0] ?? ''];
  return attribute?.type === 'relation' && Boolean(attribute.mappedBy);
}

async function ensureRole(strapi: Core.Strapi, code: string, create?: { name: string; description: string }) {
  const roles = strapi.service('admin::role');
  const role = await roles.findOne({ code });
  if (role || !create) return role as { id: number } | null;
  return (await roles.create({ code, ...create })) as { id: number };
}

async function syncPartnerRole(strapi: Core.Strapi, locales: string[], features: readonly Feature[]): Promise<void> {
  const role = await ensureRole(strapi, PARTNER_ROLE.code, PARTNER_ROLE);
  if (!role) return;
  // `proposedBy` is set by the server from the partner's account (src/platform/partners.ts), never by the partner;
  // inverse relations would let a partner rewrite entries that are not its own, and on the vocabularies
  // (themes, target groups, comuni) they list every entry of every body, drafts included.
  // On need records the organisation, the person key and the source are the server's (needs/records.ts).
  const serverSet = (subject: string, field: string) =>
    field === 'proposedBy' || ((PARTNER_RECORD_TYPES as readonly string[]).includes(subject) && ['organization', 'personKey', 'source'].includes(field));
  const readable = withoutFields(grantedContent(strapi, 'partner', locales), (subject, field) => serverSet(subject, field) || inverseRelation(strapi, subject, field));
  // What the partner reads but never writes, as the features declare it (the editors' note and return date
  // on its entries, a pact's stage, history and deadlines): kept out of its forms; the features' own
  // middlewares refuse such a write by any route.
  const officeOnly = features.flatMap((feature) => feature.officeOnlyFields ?? []);
  const readOnly = (subject: string, field: string) =>
    officeOnly.some((declared) => (declared.subject === '*' || declared.subject === subject) && declared.fields.includes(field.split('.')[0] ?? ''));
  const content = readable.map((p) => (/\.(create|update)$/.test(p.action) ? (withoutFields([p], readOnly)[0] ?? p) : p));
  // Read-only access beyond its own entries (its organisation, the pacts it is a party to): separate
  // permissions, so each carries its own fields; the admin's forms show the union, the server each entry's own.
  const shared = PARTNER_SHARED_READS.flatMap(({ subject, condition, hidden }) =>
    withoutFields(contentPermissions(strapi, `${CM}.read`, [subject], locales, [condition]), (s, field) => serverSet(s, field) || inverseRelation(strapi, s, field) || hidden.includes(field.split('.')[0] ?? '')),
  );
  const media: Permission[] = [
    { action: 'plugin::upload.read', conditions: [IS_CREATOR] },
    { action: 'plugin::upload.assets.create' },
    { action: 'plugin::upload.assets.update', conditions: [IS_CREATOR] },
    { action: 'plugin::upload.assets.download' },
    { action: 'plugin::upload.assets.copy-link' },
    // The features' own actions (the home page's partner widgets).
    ...features.flatMap((feature) => feature.partnerActions ?? []).map((action) => ({ action })),
  ];
  await strapi.service('admin::role').assignPermissions(role.id, [...content, ...shared, ...media]);
}

async function syncEditorRole(strapi: Core.Strapi, locales: string[]): Promise<void> {
  const role = await ensureRole(strapi, EDITOR_ROLE);
  if (!role) return;
  const existing = (await strapi.service('admin::permission').findMany({ where: { role: { id: role.id } } })) as Permission[];
  // Every type of ours (api::…) is decided by CONTENT_ACCESS alone: whatever Strapi granted its Editor
  // role on them at first boot (need records and their audit log included) goes.
  const others = existing
    .filter((p) => !p.subject?.startsWith('api::'))
    .map(({ action, subject, properties, conditions }) => ({ action, subject, properties, conditions }));
  await strapi.service('admin::role').assignPermissions(role.id, [...others, ...grantedContent(strapi, 'editor', locales)]);
}

/** Italian is the default locale: documents created without a locale are Italian. */
async function ensureItalian(strapi: Core.Strapi): Promise<void> {
  const locales = strapi.plugin('i18n').service('locales');
  if (!(await locales.findByCode('it'))) await locales.create({ code: 'it', name: 'Italiano (it)' });
  if ((await locales.getDefaultLocale()) !== 'it') await locales.setDefaultLocale({ code: 'it' });
}

export async function syncAccess(strapi: Core.Strapi, features: readonly Feature[]): Promise<void> {
  await ensureItalian(strapi);
  await syncPublicRoles(strapi);
  const locales = await localeCodes(strapi);
  await syncPartnerRole(strapi, locales, features);
  await syncEditorRole(strapi, locales);
}
