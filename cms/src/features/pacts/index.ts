/**
 * Collaboration pacts: the stage of a pact, enforced on every write (stages.ts), and what the feature
 * declares to the platform's access layer.
 */
import type { FeatureAccess } from '../../platform/features';
import { OFFICE_FIELDS, PACT } from './stages';

export { registerPactStages } from './stages';

export const pactsAccess: FeatureAccess = {
  // A pact's stage, history and deadlines are the office's: stages.ts refuses a partner's stage change by
  // any route; this keeps the fields out of its forms.
  officeOnlyFields: [{ subject: PACT, fields: OFFICE_FIELDS }],
};
