/**
 * The review of partners' proposals: the admin's work queues and review panel (routes.ts, queue.ts), the
 * state of a proposal (state.ts), and what the feature declares to the platform's access layer.
 */
import type { FeatureAccess } from '../../platform/features';
import { PARTNER_QUEUE_ACTION } from './queue-action';
import { REVIEW_FIELDS } from './state';

export { registerPartnerQueueAction } from './queue-action';
export { registerReviewReset, registerReviewRoutes } from './routes';

export const reviewAccess: FeatureAccess = {
  // The editors' note and return date: a partner reads them on its entries and never writes them.
  officeOnlyFields: [{ subject: '*', fields: REVIEW_FIELDS }],
  // The home page's partner widgets.
  partnerActions: [PARTNER_QUEUE_ACTION],
};
