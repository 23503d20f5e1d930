/**
 * The daily e-mail of the work queue (08:00 Europe/Rome, index.ts schedules it): for each active editor
 * and partner who has not chosen `mai`, the sections of items.ts; a user with at least one item gets one
 * message through the mail outbox (durable, retried), a user with none gets nothing. Each user is claimed
 * once per Rome day in the database (`claimRun`), so several CMS processes, or a second run the same day,
 * never send a second message. The log counts messages; it never names an address.
 */
import type { Core } from '@strapi/strapi';
import { romeDay } from '@coesione/model';
import { databaseCoordination, type Coordination } from '../../platform/coordination';
import { outboxOf } from '../../platform/mail';
import { recentReporting, type RecentReporting } from '../needs/service';
import { adminRole } from '../../platform/roles';
import { cmsBaseUrl } from '../../platform/runtime';
import { editorSections, partnerSections, type QueueSection } from './items';
import { queueMessage } from './message';
import { preferences } from './preferences';

export const QUEUE_MAIL_JOB = 'queue-mail';

interface AdminUser {
  id: number;
  email: string;
  roles: { code: string }[];
}

/** The users the daily e-mail is for: active editors and partners (a super admin acts as neither). */
export async function recipients(strapi: Core.Strapi): Promise<(AdminUser & { role: 'editor' | 'partner' })[]> {
  const users = (await strapi.db.query('admin::user').findMany({ where: { isActive: true, $or: [{ blocked: false }, { blocked: null }] }, select: ['id', 'email'], populate: { roles: { select: ['code'] } } })) as AdminUser[];
  return users.flatMap((user) => {
    const role = adminRole(user.roles);
    return role === 'editor' || role === 'partner' ? [{ ...user, role }] : [];
  });
}

export interface QueueMailRun {
  /** Messages queued. */
  sent: number;
  /** Users with something to do who had already had this day's message. */
  already: number;
  /** Users with something to do who chose `mai`. */
  optedOut: number;
}

export async function sendQueueMail(strapi: Core.Strapi, options: { now?: Date; coordination?: Coordination } = {}): Promise<QueueMailRun> {
  const now = options.now ?? new Date();
  const day = romeDay(now);
  const coordination = options.coordination ?? databaseCoordination(() => strapi.db.connection, strapi.log);
  const opted = await preferences(() => strapi.db.connection).opted();
  const adminUrl = `${cmsBaseUrl(strapi)}/admin`;
  const outbox = outboxOf(strapi);
  const run: QueueMailRun = { sent: 0, already: 0, optedOut: 0 };
  // The office's sections are the same for every editor, and the need reporting for every partner: each read once.
  let office: QueueSection[] | undefined;
  let reporting: Promise<RecentReporting> | undefined;
  const needReporting = () => (reporting ??= recentReporting(strapi, now));
  for (const user of await recipients(strapi)) {
    // One user's failure (a partner's organisation half set up) costs that user's message, not everyone's.
    try {
      const sections = user.role === 'editor' ? (office ??= await editorSections(strapi, now)) : await partnerSections(strapi, user.id, needReporting);
      if (!sections.some((s) => s.items.length > 0)) continue;
      if (opted.has(user.id)) {
        run.optedOut++;
        continue;
      }
      if (!(await coordination.claimRun(`${QUEUE_MAIL_JOB}:${user.id}`, day))) {
        run.already++;
        continue;
      }
      await outbox.queue(queueMessage(user.email, sections, { adminUrl, now }));
      run.sent++;
    } catch (error) {
      strapi.log.warn(`queue-mail: no daily message for admin user #${user.id}: ${(error as Error).message}`);
    }
  }
  strapi.log.info(`queue-mail: ${run.sent} daily messages queued for ${day} (${run.already} already sent, ${run.optedOut} switched off)`);
  return run;
}
