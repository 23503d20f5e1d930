/**
 * Citizens' reports, proposals, ratings and comments: the forms' service and no-JS pages (service.ts,
 * render.ts), their checks (validation.ts, anti-spam.ts), receipts and mail, and the moderation that turns
 * an accepted contribution into public content (moderation.ts).
 */
import type { Feature } from '../../platform/features';
import { submission } from './admin-layout';
import { registerModeration } from './moderation';

export const participation: Feature = {
  register: registerModeration,
  adminLayouts: { submission },
};
