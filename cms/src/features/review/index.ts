/**
 * The review of partners' proposals: the admin's work queues and review panel (routes.ts, queue.ts), the
 * state of a proposal (state.ts), and what the feature declares to the platform's access layer.
 */
import type { Feature } from '../../platform/features';
import { PARTNER_QUEUE_ACTION, registerPartnerQueueAction } from './queue-action';
import { registerReviewReset, registerReviewRoutes } from './routes';
import { REVIEW_FIELDS } from './state';

export const review: Feature = {
  routes: registerReviewRoutes,
  register: registerReviewReset,
  bootstrap: registerPartnerQueueAction,
  // The editors' note and return date: a partner reads them on its entries and never writes them.
  officeOnlyFields: [{ subject: '*', fields: REVIEW_FIELDS }],
  // The home page's partner widgets.
  partnerActions: [PARTNER_QUEUE_ACTION],
};
