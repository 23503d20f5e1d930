/**
 * The admin panel's customisation (Strapi 5: src/admin/app.tsx):
 *
 * - Italian for everyone: the Italian locale (English stays selectable in the profile), Italian by default
 *   before anyone has chosen, and Italian for the strings Strapi ships untranslated (coesione/translations.ts);
 * - the home page's work queues as widgets: editors (gated on the publish permission) and partners (gated
 *   on the `api::partner-queue` action only their role holds, review/queue-action.ts);
 * - «Come proporre un contenuto», a page of the admin with its menu link; «Dati di bisogno», the partners' need-records page;
 *   «Posta di prova», the local mailbox, for the super admin only; «E-mail delle attività», each user's choice
 *   of the daily e-mail of the work waiting for them (queue-mail/);
 * - the edit view: no publish actions for who cannot publish, the review side panel, and «Sul sito» (the
 *   entry's public page and when the site shows a publish);
 * - coordinates typed with a dot or a comma (the `global::coordinate` custom field, coordinates/).
 */
import type { ComponentType } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { Bell, Calendar, ChartPie, Clock, Feather, Information, Question } from '@strapi/icons';
import { HELP_PATH } from './coesione/api';
import { withoutPublishForNonPublishers } from './coesione/publish';
import { BookingsPanel } from './bookings/BookingsPanel';
import { ReviewPanel } from './coesione/ReviewPanel';
import { SitePanel } from './coesione/SitePanel';
import { IT } from './coesione/translations';
import { registerCoordinateField } from './coordinates/register';
import { registerMailboxPage } from './mailbox/register';
import { registerNeedsPage } from './needs/register';
import { registerPactStageField } from './pacts/register';
import { registerQueueMailWidget } from './queue-mail/register';
import { listLabels } from './coesione/list-labels';

// Before the admin reads it: a first visit (the sign-in page included) is in Italian.
const LANGUAGE_KEY = 'strapi-admin-language';
if (typeof window !== 'undefined' && !window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, 'it');

const EDITOR = [{ action: 'plugin::content-manager.explorer.publish', subject: 'api::practice.practice' }];
const PARTNER = [{ action: 'api::partner-queue' }];
const title = (id: string, defaultMessage: string) => ({ id: `coesione.${id}`, defaultMessage });
type WidgetName = 'PartnerProposalsWidget' | 'HowToWidget' | 'ContributionsWidget' | 'PartnerDraftsWidget' | 'ClosingSoonWidget' | 'NotVerifiedWidget';
const widget = (name: WidgetName) => (): Promise<ComponentType> => import('./coesione/Widgets').then((m) => m[name]);

const COESIONE_WIDGETS = [
  { id: 'partner-proposals', icon: Feather, title: title('widget.partner', 'Le tue proposte'), component: widget('PartnerProposalsWidget'), permissions: PARTNER, link: { label: title('widget.partner.link', 'Come proporre un contenuto'), href: HELP_PATH } },
  { id: 'how-to-propose', icon: Question, title: title('widget.howto', 'Come proporre un contenuto'), component: widget('HowToWidget'), permissions: PARTNER },
  { id: 'contributions', icon: Bell, title: title('widget.contributions', 'Contributi da moderare'), component: widget('ContributionsWidget'), permissions: EDITOR },
  { id: 'partner-drafts', icon: Feather, title: title('widget.drafts', 'Bozze proposte dai partner'), component: widget('PartnerDraftsWidget'), permissions: EDITOR },
  { id: 'closing-soon', icon: Calendar, title: title('widget.closing', 'Opportunità in scadenza (7 giorni)'), component: widget('ClosingSoonWidget'), permissions: EDITOR },
  { id: 'need-reporting', icon: ChartPie, title: title('widget.reporting', 'Invii dei dati di bisogno'), component: () => import('./needs/ReportingWidget').then((m) => m.ReportingWidget), permissions: EDITOR },
  { id: 'not-verified', icon: Clock, title: title('widget.verify', 'Da verificare (oltre 12 mesi)'), component: widget('NotVerifiedWidget'), permissions: EDITOR },
];

export default {
  config: {
    locales: ['it'],
    translations: { it: IT },
  },
  register(app: StrapiApp) {
    app.widgets.register(COESIONE_WIDGETS);
    app.addMenuLink({
      to: HELP_PATH.slice(1),
      icon: Information,
      intlLabel: title('help', 'Come proporre un contenuto'),
      Component: () => import('./coesione/HelpPage'),
      permissions: [],
      position: 99,
    });
    registerNeedsPage(app);
    registerQueueMailWidget(app);
    registerMailboxPage(app);
    registerCoordinateField(app);
    registerPactStageField(app);
    // The work first: Strapi registers its own widgets (profile, statistics, last edited and published
    // entries: each with its plugin's id) before ours; ours go in front of them, in their order.
    app.widgets.register((all) => [...all.filter((w) => !w.pluginId), ...all.filter((w) => w.pluginId)]);
  },
  bootstrap(app: StrapiApp) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the content manager's plugin APIs are not in the admin's public types
    const cm = app.getPlugin('content-manager') as any;
    cm.apis.addDocumentAction(withoutPublishForNonPublishers);
    cm.apis.addEditViewSidePanel([ReviewPanel, SitePanel, BookingsPanel]);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', listLabels);
  },
};
