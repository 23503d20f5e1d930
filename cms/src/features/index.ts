/**
 * The features, each declared in its folder's index.ts (platform/features.ts says what a declaration
 * holds). `cms/src/index.ts` calls their hooks; their document-service middlewares run in this order,
 * after the platform's.
 */
import { adminLayouts } from '../platform/admin-layout';
import type { Feature } from '../platform/features';
import { bookings } from './bookings';
import { needs } from './needs';
import { outcomes } from './outcomes';
import { pacts } from './pacts';
import { participation } from './participation';
import { queueMail } from './queue-mail';
import { review } from './review';
import { searchSync } from './search-sync';
import { subscriptions } from './subscriptions';

export const FEATURES: readonly Feature[] = [searchSync, participation, needs, review, pacts, bookings, outcomes, subscriptions, queueMail];

/** Every type's admin layout, the platform's and the features' (what the boot applies). */
export const ADMIN_LAYOUTS = adminLayouts(FEATURES);
