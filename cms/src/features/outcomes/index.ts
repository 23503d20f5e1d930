/**
 * What a cycle of workshops produced: the organiser reports it in the admin (`workshop-outcome`, private:
 * a partner its own organisation's workshops, guard.ts), the public reads it only as figures under the
 * small-cell rule (figures.ts, served by api/workshop-outcome).
 */
import type { Feature } from '../../platform/features';
import { workshopOutcome } from './admin-layout';
import { OUTCOME, registerOutcomeGuard } from './guard';

export const outcomes: Feature = {
  register: registerOutcomeGuard,
  adminLayouts: { 'workshop-outcome': workshopOutcome },
  // The report's name is the server's (guard.ts): out of the partner's form.
  officeOnlyFields: [{ subject: OUTCOME, fields: ['label'] }],
};
