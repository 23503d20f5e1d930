/**
 * The «Dati di bisogno» menu link: shown to whoever may create need records (the partners: editors and
 * the super admin hold no permission on them).
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import { ChartPie } from '@strapi/icons';

export const NEEDS_PATH = 'dati-di-bisogno';

export function registerNeedsPage(app: StrapiApp): void {
  app.addMenuLink({
    to: NEEDS_PATH,
    icon: ChartPie,
    intlLabel: { id: 'coesione.needs.menu', defaultMessage: 'Dati di bisogno' },
    Component: () => import('./NeedsPage'),
    permissions: [{ action: 'plugin::content-manager.explorer.create', subject: 'api::need-record.need-record' }],
    position: 4,
  });
}
