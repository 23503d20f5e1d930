/**
 * Collaboration pacts: the stage of a pact, enforced on every write (stages.ts), and what the feature
 * declares to the platform's access layer.
 */
import type { Feature } from '../../platform/features';
import { pact } from './admin-layout';
import { OFFICE_FIELDS, PACT, registerPactStages } from './stages';

export const pacts: Feature = {
  register: registerPactStages,
  adminLayouts: { pact },
  // A pact's stage, history and deadlines are the office's: stages.ts refuses a partner's stage change by
  // any route; this keeps the fields out of its forms.
  officeOnlyFields: [{ subject: PACT, fields: OFFICE_FIELDS }],
};
