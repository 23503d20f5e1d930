/**
 * Single-record entry in the admin: every create or edit of a need record, by any path, carries the
 * Partner's own organisation (never one from the input), names at least one need, and turns a codice
 * fiscale or file code into the person key, dropping the code itself before anything is stored.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { validCodiceFiscale } from '@coesione/model';
import { isRecord } from '../../platform/published-change';
import { personKey } from './keys';
import { partnerOf } from './service';
import { NEED_RECORD } from './store';

const userOf = (data: Record<string, unknown>) => {
  const user = data.createdBy ?? data.updatedBy;
  return (typeof user === 'number' || typeof user === 'string') && Number.isInteger(Number(user)) ? Number(user) : undefined;
};

/** Ids a relation input connects (`[1]`, `{ connect: [...] }`, `{ set: [...] }`). */
function connected(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value)) return [...(Array.isArray(value.connect) ? value.connect : []), ...(Array.isArray(value.set) ? value.set : [])];
  return [];
}

export function registerNeedRecords(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== NEED_RECORD || !['create', 'update', 'clone'].includes(context.action)) return next();
    const params = context.params as { data?: unknown };
    const data = isRecord(params.data) ? params.data : undefined;
    const userId = data && userOf(data);
    // Writes with no admin user are the CMS's own (seed, tests): they name their organisation themselves.
    if (!data || userId === undefined) return next();
    const organization = await partnerOf(strapi, userId);
    if (!organization) throw new errors.PolicyError('Solo gli enti partner registrano dati di bisogno, ciascuno i propri.');
    data.organization = organization.id;
    delete data.personKey;
    delete data.source;
    if (context.action === 'create') {
      data.source = 'manuale';
      if (connected(data.categories).length === 0) throw new errors.ValidationError('Indica almeno una categoria di bisogno.');
    }
    const cf = typeof data.codiceFiscale === 'string' ? data.codiceFiscale.replace(/\s+/g, '').toUpperCase() : '';
    const internalCode = typeof data.internalCode === 'string' ? data.internalCode.trim() : '';
    if (cf && !validCodiceFiscale(cf)) throw new errors.ValidationError('Il codice fiscale non è valido: controlla i 16 caratteri e l’ultimo, di controllo.');
    if (cf || internalCode) data.personKey = personKey({ codiceFiscale: cf, internalCode, organization: organization.documentId });
    // Never stored: only the key above is.
    data.codiceFiscale = null;
    data.internalCode = null;
    return next();
  });
}
