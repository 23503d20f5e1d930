/**
 * Every write of a cycle's outcomes, by any path: it names a workshop, a partner's only one its
 * organisation organises; its dates run forwards; and the counts hold together (of the people who took
 * part, those in a fragile situation and those who started a traineeship or job cannot be more). Refused
 * with an Italian message, nothing changed.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { uidOf } from '@coesione/model';
import { isPartner, organisesWorkshop, partnerOrganization } from '../../platform/partners';
import { isRecord } from '../../platform/published-change';

export const OUTCOME = uidOf('workshop-outcome');
const WORKSHOP = uidOf('workshop');

const refuse = (field: string, message: string): never => {
  throw new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });
};

const userOf = (data: Record<string, unknown>) => {
  const user = data.updatedBy ?? data.createdBy;
  return (typeof user === 'number' || typeof user === 'string') && Number.isInteger(Number(user)) ? Number(user) : undefined;
};

/** The workshop a relation input connects, as documentId (`{ connect: [{ documentId | id }] }`, `[id]`, a documentId). */
async function connectedWorkshop(strapi: Core.Strapi, value: unknown): Promise<string | null | undefined> {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : isRecord(value) ? [...(Array.isArray(value.connect) ? value.connect : []), ...(Array.isArray(value.set) ? value.set : [])] : [value];
  const item = items.at(-1);
  if (item === undefined || item === null) return isRecord(value) && Array.isArray(value.disconnect) && value.disconnect.length > 0 ? null : undefined;
  if (typeof item === 'string' && !/^\d+$/.test(item)) return item;
  if (isRecord(item) && typeof item.documentId === 'string') return item.documentId;
  const id = isRecord(item) ? item.id : item;
  const row = (await strapi.db.query(WORKSHOP).findOne({ where: { id: Number(id) }, select: ['documentId'] })) as { documentId: string } | null;
  return row?.documentId ?? null;
}

export function registerOutcomeGuard(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== OUTCOME || !['create', 'update'].includes(context.action)) return next();
    const { data, documentId } = context.params as { data?: unknown; documentId?: string };
    if (!isRecord(data)) return next();
    const before = context.action === 'update' && documentId
      ? ((await strapi.db.query(OUTCOME).findOne({ where: { documentId }, populate: { workshop: { select: ['documentId'] } } })) as Record<string, unknown> & { workshop?: { documentId: string } | null } | null)
      : null;
    const merged = { ...before, ...data };

    const connected = await connectedWorkshop(strapi, data.workshop);
    const workshop = connected === undefined ? (before?.workshop?.documentId ?? null) : connected;
    if (!workshop) refuse('workshop', 'Indica il laboratorio di cui riporti i risultati.');
    const userId = userOf(data);
    if (userId !== undefined && (await isPartner(strapi, userId))) {
      const organization = await partnerOrganization(strapi, userId);
      if (!organization || !(await organisesWorkshop(strapi, organization, workshop!))) {
        refuse('workshop', 'Questo laboratorio non è del tuo ente: riporti i risultati soltanto dei laboratori che il tuo ente organizza.');
      }
    }

    const start = String(merged.cycleStart ?? '');
    const end = String(merged.cycleEnd ?? '');
    if (start && end && end < start) refuse('cycleEnd', `Il ciclo finisce (${end}) prima di cominciare (${start}): correggi una delle due date.`);
    // The report's name in lists and pickers, always the server's: «<workshop> (<start> – <end>)».
    const named = (await strapi.db.query(WORKSHOP).findOne({ where: { documentId: workshop }, select: ['title'] })) as { title: string } | null;
    data.label = `${named?.title ?? 'Laboratorio'} (${start} – ${end})`.slice(0, 260);
    const count = (key: string) => Number(merged[key] ?? 0);
    const participants = count('participants');
    if (count('fragileParticipants') > participants) refuse('fragileParticipants', `Le persone in situazione di fragilità (${count('fragileParticipants')}) sono più di quelle che hanno partecipato (${participants}): sono una parte di queste.`);
    if (count('placements') > participants) refuse('placements', `I tirocini o lavori avviati (${count('placements')}) sono più delle persone che hanno partecipato (${participants}): conta le persone che ne hanno avviato uno.`);
    return next();
  });
}
