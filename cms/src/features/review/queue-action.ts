/**
 * An admin action only the Partner role holds, so the home page can show the partners' widgets to
 * partners and not to editors (Strapi filters widgets by permission, and editors hold every content
 * permission a partner has). It guards nothing on the server: the queue route answers per role.
 */
import type { Core } from '@strapi/strapi';

export const PARTNER_QUEUE_ACTION = 'api::partner-queue';

interface ActionProvider {
  has?(id: string): boolean;
  register(action: { uid: string; section: string; category: string; displayName: string }): Promise<unknown>;
}

/** Registers the action (bootstrap only: Strapi refuses new actions once loaded). */
export async function registerPartnerQueueAction(strapi: Core.Strapi): Promise<void> {
  const provider = strapi.service('admin::permission').actionProvider as ActionProvider;
  if (provider.has?.(PARTNER_QUEUE_ACTION)) return;
  // A settings action (Strapi drops `internal` ones from roles): Settings → Roles lists it under «Coesione».
  await provider.register({ uid: 'partner-queue', section: 'settings', category: 'Coesione', displayName: 'Vedere le proprie proposte nella home (enti partner)' });
}
