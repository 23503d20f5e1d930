/**
 * «Posta di prova», the local mailbox in the admin, for the super admin only (its lines are in
 * access/route-policy.ts: every other role is refused there, and here again for a role of Strapi's own
 * such as Author):
 *
 * - `GET /admin/coesione/mailbox`: the newest messages (date, recipient, subject, topic);
 * - `GET /admin/coesione/mailbox/:id`: one message, its headers, text and HTML.
 *
 * With SMTP_URL set nothing is kept locally: both answer 404 and say so.
 *
 * The admin's menu link is gated on MAILBOX_ACTION, an action no role but the super admin's holds (Strapi
 * gives the super admin every action registered before its bootstrap): the link cannot ask for a role.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { MAILBOX_ACTION, type MailboxList, type MailboxMessage } from '@coesione/model';
import type { Context } from 'koa';
import { adminRole } from '../roles';
import { mailOptions } from './index';
import { localMailbox } from './mailbox';

interface ActionProvider {
  has?(id: string): boolean;
  register(action: { uid: string; section: string; category: string; displayName: string }): Promise<unknown>;
}

/** Only the super admin: a PolicyError, so the admin shows the message and not a bare «Forbidden». */
function requireSuperAdmin(ctx: Context): void {
  const user = (ctx.state as { user?: { roles?: { code: string }[] } }).user;
  if (adminRole(user?.roles) !== 'super-admin') throw new errors.PolicyError('La posta di prova è riservata a chi amministra la piattaforma (super admin).');
}

/** The local mailbox's folder, or a 404 saying why there is none. */
function folder(): string {
  const options = mailOptions();
  if (options.smtpUrl) {
    throw new errors.NotFoundError('Nessuna posta di prova: con SMTP_URL impostato i messaggi partono verso il server di posta e non ne resta copia in locale.');
  }
  return options.mailbox;
}

/**
 * Adds the routes to Strapi's admin router (prefix /admin) and registers the menu link's action: at
 * `register`, before guardAdminRoutes, and before the admin's bootstrap hands the super admin every action.
 */
export async function registerMailboxRoutes(strapi: Core.Strapi): Promise<void> {
  const provider = strapi.service('admin::permission').actionProvider as ActionProvider;
  if (!provider.has?.(MAILBOX_ACTION)) {
    // A settings action (Strapi drops `internal` ones from roles): Settings → Roles lists it under «Coesione».
    await provider.register({ uid: MAILBOX_ACTION.replace(/^api::/, ''), section: 'settings', category: 'Coesione', displayName: 'Vedere la posta di prova (solo super admin, senza SMTP_URL)' });
  }
  const auth = { policies: ['admin::isAuthenticatedAdmin'] };
  const holder = strapi.admin as unknown as { routes: Record<string, unknown> };
  holder.routes['coesione-mailbox'] = {
    type: 'admin',
    prefix: '/admin',
    routes: [
      {
        method: 'GET',
        path: '/coesione/mailbox',
        config: auth,
        async handler(ctx: Context) {
          requireSuperAdmin(ctx);
          ctx.body = (await localMailbox(folder()).list()) satisfies MailboxList;
        },
      },
      {
        method: 'GET',
        path: '/coesione/mailbox/:id',
        config: auth,
        async handler(ctx: Context) {
          requireSuperAdmin(ctx);
          const message = await localMailbox(folder()).read((ctx.params as { id?: unknown }).id);
          if (!message) throw new errors.NotFoundError('Questo messaggio non è nella posta di prova (forse la cartella è stata svuotata).');
          ctx.body = message satisfies MailboxMessage;
        },
      },
    ],
  };
}
