/**
 * Guards on the admin routes of Strapi and its plugins, attached in `register()` (before Strapi builds
 * its router) from the declared route policy (route-policy.ts):
 *
 * - **Role gate**: a Partner or an Editor reaches only the routes the policy opens to its role; anything
 *   else, a route a plugin upgrade adds included, is a 403 (the super admin keeps Strapi's own checks).
 * - **Entries named by a route**: the content manager's clone checks `create` on the type but never
 *   `read` on the source, so a Partner could copy (and so read) anybody's draft. Every entry a
 *   content-manager route names (`:id`, `:sourceId`, `documentIds`) must be readable by the caller.
 * - **Media bulk actions**: `bulk-delete`, `bulk-move` and `bulk-update` check that the action is held,
 *   never its "own files only" condition. Every file must pass the condition; folders (which have no
 *   owner) only for users whose permission has no condition.
 * - **Admin identities**: Partners see no other admin user's name or e-mail in `createdBy`/`updatedBy`.
 */
import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { adminRole, holdsPartnerRole, PARTNER_ROLE } from '../roles';
import type { Feature } from '../features';
import { ruleFor } from './route-policy';

interface Route {
  method: string;
  path: string;
  config?: { middlewares?: unknown[] };
}
interface Router {
  type?: string;
  prefix?: string;
  routes: Route[];
}
type RouterInput = Router | ((args: { strapi: Core.Strapi }) => Router);

interface AdminUser {
  id: number;
  email?: string;
  roles?: { code: string }[];
}
interface Ability {
  can(action: string, subject: unknown): boolean;
  rulesFor?(action: string, subject: string): { conditions?: unknown }[];
}

/**
 * A refusal whose Italian message reaches the admin: Strapi turns every other ForbiddenError thrown after
 * authentication (route middlewares, policies, handlers, document middlewares) into a bare «Forbidden»
 * (core/dist/services/server/compose-endpoint.js); a PolicyError is a ForbiddenError it lets through.
 */
const forbidden = (message: string) => new errors.PolicyError(message);

const isPartnerUser = (user: AdminUser | undefined) => holdsPartnerRole(user?.roles);

/** The policy column that holds for a signed-in admin user, or undefined for the super admin. */
function roleOf(user: AdminUser | undefined): 'partner' | 'editor' | undefined {
  const role = user ? adminRole(user.roles) : undefined;
  return role === 'editor' || role === 'partner' ? role : undefined;
}

/**
 * A Partner's e-mail says which organisation it speaks for («Account partner»), so a Partner may not change
 * its own: it could take the address of an account no admin user holds (the state after a restore, or when
 * a member of staff leaves) and act for that organisation. The office changes it; name and password stay
 * the Partner's own.
 */
async function ownEmailFixed(ctx: Context, next: Next): Promise<void> {
  const user = ctx.state.user as AdminUser | undefined;
  const email = (ctx.request as { body?: { email?: unknown } }).body?.email;
  if (roleOf(user) === 'partner' && typeof email === 'string' && email.trim().toLowerCase() !== String(user?.email ?? '').toLowerCase()) {
    throw forbidden('Un ente partner non può cambiare da sé l’indirizzo e-mail, che dice per quale ente parla: chiedilo alla redazione.');
  }
  await next();
}

/**
 * Creating or changing an admin user (the super admin's routes): the Partner role is never given beside
 * another (onlyPartner: such a user is refused need records and acts for no organisation, so the super admin
 * cannot read need records by giving itself the role), and every change of roles is written to the log, which
 * no admin can edit: who changed whose roles, from what to what.
 */
const rolesKept = (strapi: Core.Strapi) => async (ctx: Context, next: Next): Promise<void> => {
  const roles = (ctx.request as { body?: { roles?: unknown } }).body?.roles;
  if (!Array.isArray(roles)) return next();
  const codes = async (ids: unknown[]) =>
    ((await strapi.db.query('admin::role').findMany({ where: { id: { $in: ids.map(Number).filter(Number.isInteger) } }, select: ['code'] })) as { code: string }[]).map((r) => r.code).sort();
  const asked = await codes(roles);
  if (asked.includes(PARTNER_ROLE.code) && asked.length > 1) {
    throw new errors.ValidationError('Il ruolo «Ente del Terzo Settore» non si combina con altri ruoli: un ente partner vede i propri dati di bisogno, che nessun altro ruolo deve vedere. Usa un account a parte per l’ente.');
  }
  const id = (ctx.params as { id?: string }).id;
  const before = id ? ((await strapi.db.query('admin::user').findOne({ where: { id }, populate: { roles: { select: ['code'] } } })) as { roles: { code: string }[] } | null)?.roles.map((r) => r.code).sort() : [];
  await next();
  if (ctx.status < 300 && JSON.stringify(before) !== JSON.stringify(asked)) {
    const actor = ctx.state.user as AdminUser | undefined;
    const target = id ?? String((ctx.body as { data?: { id?: number } } | undefined)?.data?.id ?? '?');
    strapi.log.warn(`Audit ruoli: l’utente #${actor?.id ?? '?'} ha cambiato i ruoli dell’utente #${target} da [${(before ?? []).join(', ')}] a [${asked.join(', ')}]`);
  }
};

/** Instantiates function-like routers in place, as Strapi's own registration does. */
function routers(strapi: Core.Strapi, holder: { routes?: unknown }, defaultPrefix: string): { router: Router; prefix: string }[] {
  const input = holder.routes;
  if (!input) return [];
  if (Array.isArray(input)) return [{ router: { type: 'admin', routes: input as Route[] }, prefix: defaultPrefix }];
  const record = input as Record<string, RouterInput>;
  for (const [key, value] of Object.entries(record)) if (typeof value === 'function') record[key] = value({ strapi });
  return Object.values(record as Record<string, Router>).map((router) => ({ router, prefix: router.prefix ?? defaultPrefix }));
}

function roleGate(method: string, path: string): (ctx: Context, next: Next) => Promise<void> {
  const rule = ruleFor(method, path);
  return async (ctx, next) => {
    const role = roleOf(ctx.state.user as AdminUser | undefined);
    if (role && (!rule || rule[role] === 'deny')) {
      throw forbidden(role === 'partner' ? 'Questa funzione non è disponibile per gli enti partner: se ti serve, scrivi alla redazione.' : 'Questa funzione è riservata all’amministrazione della piattaforma.');
    }
    await next();
  };
}

interface Checker {
  cannot: { read(entity?: unknown): boolean; create(): boolean; update(): boolean };
}
const checker = (strapi: Core.Strapi, ctx: Context, model: string): Checker =>
  strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model }) as Checker;

/** The documentIds a content-manager route acts on: `:id`/`:sourceId`, or `documentIds` in the body or query. */
function documentIds(ctx: Context): string[] {
  const { id, sourceId } = ctx.params as { id?: string; sourceId?: string };
  // Only the bulk actions read `documentIds`; elsewhere the body is an entry's own data.
  const fromBody = ctx.path.includes('/actions/') ? (ctx.request as { body?: { documentIds?: unknown } }).body?.documentIds : undefined;
  const fromQuery = (ctx.query as { documentIds?: unknown }).documentIds;
  return [id, sourceId, ...(Array.isArray(fromBody) ? fromBody : []), ...(Array.isArray(fromQuery) ? fromQuery : [])].filter((v): v is string => typeof v === 'string');
}

/**
 * Every entry a content-manager route names must be readable by the caller, with the caller's
 * conditions (is-creator). Strapi checks this on findOne and update but not on clone (which checks only
 * `create`), nor before `discard` or the bulk actions, which answered 404 or an empty 200 instead of 403.
 */
const entriesReadable =
  (strapi: Core.Strapi) =>
  async (ctx: Context, next: Next): Promise<void> => {
    const { model } = ctx.params as { model: string };
    const ids = documentIds(ctx);
    const uid = model as UID.ContentType;
    if (ids.length > 0 && strapi.getModel(uid)) {
      const check = checker(strapi, ctx, model);
      const rows = await strapi.db.query(uid).findMany({ where: { documentId: { $in: ids } }, populate: ['createdBy'] });
      if (rows.some((row) => check.cannot.read(row))) throw forbidden('Puoi aprire, duplicare o modificare solo le schede che puoi leggere.');
    }
    await next();
  };

/** The relation pickers need some right on the source type: without one Strapi crashed (500) instead of refusing. */
const relationSourceAllowed =
  (strapi: Core.Strapi) =>
  async (ctx: Context, next: Next): Promise<void> => {
    const { model } = ctx.params as { model: string };
    if (isComponent(strapi, model)) return componentRelationAllowed(strapi, ctx, next);
    const check = checker(strapi, ctx, model);
    if (strapi.getModel(model as UID.ContentType) && check.cannot.read() && check.cannot.create() && check.cannot.update()) throw forbidden('Non hai accesso a questo tipo di contenuto.');
    await next();
  };

interface Attribute {
  type: string;
  component?: string;
  target?: string;
}
const attributesOf = (strapi: Core.Strapi, uid: string): Record<string, Attribute> =>
  ((strapi.getModel(uid as UID.Schema) as { attributes?: Record<string, Attribute> } | undefined)?.attributes ?? {});
const isComponent = (strapi: Core.Strapi, uid: string): boolean => (strapi.getModel(uid as UID.Schema) as { modelType?: string } | undefined)?.modelType === 'component';

/** Where a component sits: every content type that holds it, with the attribute path to it (components nest). */
export function componentHolders(strapi: Core.Strapi, component: string, depth = 0): { uid: string; path: string[] }[] {
  if (depth > 4) return [];
  const holders: { uid: string; path: string[] }[] = [];
  for (const [uid, model] of [...Object.entries(strapi.contentTypes), ...Object.entries(strapi.components)] as [string, { modelType?: string }][]) {
    for (const [name, attribute] of Object.entries(attributesOf(strapi, uid))) {
      if (attribute.type !== 'component' || attribute.component !== component) continue;
      if (model.modelType === 'component') holders.push(...componentHolders(strapi, uid, depth + 1).map((h) => ({ uid: h.uid, path: [...h.path, name] })));
      else holders.push({ uid, path: [name] });
    }
  }
  return holders;
}

/**
 * Relation pickers inside a component (`/content-manager/relations/shared.location/municipality`): a
 * component is never a permission subject, and Strapi's controller skips its check for one, listing the
 * target through the caller's read permission on it. So the caller must read the target type and be able
 * to create or edit some type that holds the component; and the existing relations of one component row
 * (`…/shared.location/:id/municipality`, or `?id=` on the list) only where the entry holding that row is readable to the caller,
 * or any component id would tell the comune of anybody's draft.
 */
async function componentRelationAllowed(strapi: Core.Strapi, ctx: Context, next: Next): Promise<void> {
  const { model, targetField, id: idParam } = ctx.params as { model: string; targetField?: string; id?: string };
  // The picker's list of available entries names the component row in `?id=`: it leaves out what is set there.
  const idQuery = (ctx.query as { id?: unknown }).id;
  // A component not saved yet has no row: the picker then sends `id=` empty.
  const id = idParam ?? (typeof idQuery === 'string' && idQuery !== '' ? idQuery : undefined);
  const target = attributesOf(strapi, model)[targetField ?? '']?.target;
  // Strapi answers a missing or non-relation field with its own 400.
  if (!target) return next();
  const holders = componentHolders(strapi, model);
  const editable = holders.filter(({ uid }) => {
    const check = checker(strapi, ctx, uid);
    return !check.cannot.create() || !check.cannot.update();
  });
  if (!strapi.getModel(target as UID.ContentType) || checker(strapi, ctx, target).cannot.read() || editable.length === 0) {
    throw forbidden('Non hai accesso a questo elenco.');
  }
  if (id !== undefined) {
    const componentId = Number(id);
    let readable = false;
    for (const { uid, path } of Number.isInteger(componentId) ? holders : []) {
      const where = path.reduceRight<Record<string, unknown>>((inner, name) => ({ [name]: inner }), { id: componentId });
      const rows = await strapi.db.query(uid as UID.ContentType).findMany({ where, populate: ['createdBy'] });
      const check = checker(strapi, ctx, uid);
      if (rows.some((row) => !check.cannot.read(row))) readable = true;
      if (readable) break;
    }
    if (!readable) throw forbidden('Puoi aprire solo le schede che puoi leggere.');
  }
  await next();
}

const FILE = 'plugin::upload.file';

/** Every file of a bulk action must pass the caller's condition for `action`; folders only without one. */
const bulkFilesOwned =
  (strapi: Core.Strapi, action: string) =>
  async (ctx: Context, next: Next): Promise<void> => {
    const body = (ctx.request as { body?: { fileIds?: unknown[]; folderIds?: unknown[]; updates?: { id?: unknown }[] } }).body ?? {};
    const fileIds = [...(body.fileIds ?? []), ...(body.updates ?? []).map((u) => u?.id)].map(Number).filter(Number.isInteger);
    const ability = ctx.state.userAbility as Ability;
    const conditional = (ability.rulesFor?.(action, FILE) ?? []).some((r) => r.conditions && Object.keys(r.conditions).length > 0);
    if (conditional && (body.folderIds ?? []).length > 0) throw forbidden('Le cartelle della libreria sono gestite dalla redazione.');
    const manager = strapi.service('admin::permission').createPermissionsManager({ ability, action, model: FILE }) as { toSubject(entity: unknown, model: string): unknown };
    const files = fileIds.length > 0 ? await strapi.db.query(FILE).findMany({ where: { id: { $in: fileIds } }, populate: ['createdBy'] }) : [];
    for (const file of files) {
      if (!ability.can(action, manager.toSubject(file, FILE))) throw forbidden('Puoi modificare, spostare o eliminare solo i file che hai caricato tu.');
    }
    await next();
  };

const isAdminUser = (value: unknown): value is { id: unknown } =>
  value !== null && typeof value === 'object' && 'id' in value && ('firstname' in value || 'lastname' in value || 'email' in value || 'username' in value);

/**
 * A copy of `value` where every other admin user in `createdBy`/`updatedBy` is null. A copy, never an
 * edit in place: answers such as the content manager's `init` hand out Strapi's live schema objects.
 */
export function withoutOtherAdmins(value: unknown, self: number, depth = 0): unknown {
  if (depth > 16 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => withoutOtherAdmins(item, self, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    copy[key] = (key === 'createdBy' || key === 'updatedBy') && isAdminUser(child) && child.id !== self ? null : withoutOtherAdmins(child, self, depth + 1);
  }
  return copy;
}

const hideOtherAdmins = async (ctx: Context, next: Next): Promise<void> => {
  await next();
  const user = ctx.state.user as AdminUser | undefined;
  if (isPartnerUser(user) && user && ctx.body !== null && typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body) && typeof (ctx.body as { pipe?: unknown }).pipe !== 'function') {
    ctx.body = withoutOtherAdmins(ctx.body, user.id);
  }
};

/** Attaches the guards to every admin-type route of the admin and of every plugin. */
export function guardAdminRoutes(strapi: Core.Strapi, features: readonly Feature[]): void {
  const featureGuards = features.flatMap((feature) => feature.adminGuards?.(strapi) ?? []);
  // Strapi's types describe neither `strapi.admin.routes` nor a plugin's `routes` as mutable router
  // inputs, though its own registration (core/dist/services/server/register-routes.js) treats them so.
  const holders: { holder: { routes?: unknown }; prefix: string }[] = [
    { holder: strapi.admin as unknown as { routes?: unknown }, prefix: '/admin' },
    ...Object.entries(strapi.plugins).map(([name, plugin]) => ({ holder: plugin as unknown as { routes?: unknown }, prefix: `/${name}` })),
  ];
  for (const { holder, prefix: defaultPrefix } of holders) {
    for (const { router, prefix } of routers(strapi, holder, defaultPrefix)) {
      if ((router.type ?? 'admin') !== 'admin') continue;
      for (const route of router.routes) {
        // As the router lists it: a plugin's root route `/` is `/upload`, not `/upload/`.
        const path = `${prefix}${route.path === '/' ? '' : route.path}`;
        const key = `${route.method} ${path}`;
        const guards: ((ctx: Context, next: Next) => Promise<void>)[] = [roleGate(route.method, path)];
        // Entries and files, with their creators, come back from these two plugins only.
        if (path.startsWith('/content-manager/') || path.startsWith('/upload')) guards.push(hideOtherAdmins);
        guards.push(...featureGuards.filter((g) => g.applies(key, path)).map((g) => g.guard));
        if (path.startsWith('/content-manager/collection-types/:model')) guards.push(entriesReadable(strapi));
        if (path.startsWith('/content-manager/relations/:model')) guards.push(relationSourceAllowed(strapi));
        if (key === 'PUT /admin/users/me') guards.push(ownEmailFixed);
        if (key === 'POST /admin/users' || key === 'PUT /admin/users/:id') guards.push(rolesKept(strapi));
        if (key === 'POST /upload/actions/bulk-delete' || key === 'POST /upload/actions/bulk-move' || key === 'POST /upload/actions/bulk-update') {
          guards.push(bulkFilesOwned(strapi, 'plugin::upload.assets.update'));
        }
        route.config = { ...route.config, middlewares: [...guards, ...(route.config?.middlewares ?? [])] };
      }
    }
  }
}
