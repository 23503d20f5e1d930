/**
 * The «E-mail delle attività» home widget, for every signed-in user (the widget itself says when the daily
 * e-mail is not for them: a super admin who is neither editor nor partner).
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import { Mail } from '@strapi/icons';

export function registerQueueMailWidget(app: StrapiApp): void {
  app.widgets.register([
    {
      id: 'queue-mail',
      icon: Mail,
      title: { id: 'coesione.widget.queueMail', defaultMessage: 'E-mail delle attività' },
      component: () => import('./QueueMailWidget').then((m) => m.QueueMailWidget),
      permissions: [],
    },
  ]);
}
