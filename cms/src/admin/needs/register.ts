/**
 * The «Dati di bisogno» menu link and home-page widget (last import): shown to whoever may create need records (the partners: editors and
 * the super admin hold no permission on them).
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import { ChartPie } from '@strapi/icons';
import { NEEDS_PATH } from './path';

const CAN_RECORD = [{ action: 'plugin::content-manager.explorer.create', subject: 'api::need-record.need-record' }];

export function registerNeedsPage(app: StrapiApp): void {
  app.addMenuLink({
    to: NEEDS_PATH,
    icon: ChartPie,
    intlLabel: { id: 'coesione.needs.menu', defaultMessage: 'Dati di bisogno' },
    Component: () => import('./NeedsPage'),
    permissions: CAN_RECORD,
    position: 4,
  });
  app.widgets.register([
    {
      id: 'need-records',
      icon: ChartPie,
      title: { id: 'coesione.widget.needs', defaultMessage: 'I vostri dati di bisogno' },
      component: () => import('./NeedsWidget').then((m) => m.NeedsWidget),
      permissions: CAN_RECORD,
    },
  ]);
}
