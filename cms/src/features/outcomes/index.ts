/**
 * What a cycle of workshops produced: the organiser reports it in the admin (`workshop-outcome`, private:
 * a partner its own organisation's workshops, guard.ts), the public reads it only as figures under the
 * small-cell rule (figures.ts, served by api/workshop-outcome).
 */
import type { Feature } from '../../platform/features';
import { workshopOutcome } from './admin-layout';
import { registerOutcomeGuard } from './guard';

export const outcomes: Feature = {
  register: registerOutcomeGuard,
  adminLayouts: { 'workshop-outcome': workshopOutcome },
};
