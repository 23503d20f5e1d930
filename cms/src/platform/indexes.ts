/**
 * Database indexes Strapi's schemas cannot declare: the public site and the seed look entries up by
 * slug (and comuni by ISTAT code); without an index each lookup scans the table. Created at every boot
 * with IF NOT EXISTS, after Strapi's own schema sync (portable across SQLite and PostgreSQL).
 */
import type { Core, UID } from '@strapi/strapi';

const LOOKUP_COLUMNS: Record<string, string> = { slug: 'slug', istatCode: 'istat_code' };

export async function ensureLookupIndexes(strapi: Core.Strapi, uids: readonly UID.ContentType[]): Promise<void> {
  for (const uid of uids) {
    const { attributes, collectionName: table } = strapi.getModel(uid);
    if (!table) continue;
    for (const [attribute, column] of Object.entries(LOOKUP_COLUMNS)) {
      if (attribute in attributes) {
        await strapi.db.connection.raw('CREATE INDEX IF NOT EXISTS ?? ON ?? (??)', [`${table}_${column}_lookup_idx`, table, column]);
      }
    }
  }
}
