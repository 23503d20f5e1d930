/**
 * Which role an admin user acts in: the one answer the access layer, the features and the admin's guards
 * ask for (the organisation a Partner speaks for is platform/partners.ts's). The roles themselves are
 * synced at every boot by permissions.ts.
 *
 * Imported by the admin bundle too: nothing here may import server code.
 */

export const PARTNER_ROLE = {
  code: 'coesione-partner',
  name: 'Ente del Terzo Settore',
  description:
    'Partner del distretto: propone e aggiorna le proprie schede come bozze; un editor le rivede e le pubblica.',
} as const;

/** Strapi's built-in role codes. */
export const EDITOR_ROLE = 'strapi-editor';
export const SUPER_ADMIN = 'strapi-super-admin';

/**
 * Whether an admin user acts as a partner: the Partner role and no other. A super admin or an editor who
 * also holds the Partner role is not one (need records are their partner's alone, and a super admin could
 * give itself the role to read them), and the admin refuses to give the Partner role beside another.
 */
export const onlyPartner = (roles: readonly { code: string }[] | undefined): boolean =>
  Boolean(roles && roles.length > 0 && roles.every((r) => r.code === PARTNER_ROLE.code));

/** The role whose rules hold for a user holding `roles`: the super admin's over the Editor's over the Partner's. */
export type AdminRole = 'super-admin' | 'editor' | 'partner' | 'other';

export function adminRole(roles: readonly { code: string }[] | undefined): AdminRole {
  const codes = new Set((roles ?? []).map((r) => r.code));
  if (codes.has(SUPER_ADMIN)) return 'super-admin';
  if (codes.has(EDITOR_ROLE)) return 'editor';
  return codes.has(PARTNER_ROLE.code) ? 'partner' : 'other';
}

/** Whether `roles` include the Partner role (beside others or not: `onlyPartner` is the stricter question). */
export const holdsPartnerRole = (roles: readonly { code: string }[] | undefined): boolean => Boolean(roles?.some((r) => r.code === PARTNER_ROLE.code));
