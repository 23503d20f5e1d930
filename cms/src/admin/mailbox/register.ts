/**
 * «Posta di prova», the local mailbox (the messages the CMS writes instead of sending them when SMTP_URL is
 * unset): a menu link for the super admin only, gated on the action only its role holds.
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import { Mail } from '@strapi/icons';
import { MAILBOX_ACTION, MAILBOX_ADMIN_PATH } from '@coesione/model';

export function registerMailboxPage(app: StrapiApp): void {
  app.addMenuLink({
    to: MAILBOX_ADMIN_PATH,
    icon: Mail,
    intlLabel: { id: 'coesione.mailbox.menu', defaultMessage: 'Posta di prova' },
    Component: () => import('./MailboxPage'),
    permissions: [{ action: MAILBOX_ACTION }],
    position: 98,
  });
}
