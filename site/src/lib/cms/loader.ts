/** An Astro content-layer loader for one CMS type: entries keyed by slug, validated by the collection schema. */
import type { Loader } from 'astro/loaders';
import { readEntries } from './source';
import type { CmsType } from './schemas';

export function cmsLoader(type: CmsType): Loader {
  return {
    name: `coesione-cms-${type}`,
    async load({ store, parseData, logger }) {
      const entries = await readEntries(type);
      store.clear();
      for (const raw of entries) {
        const entry = raw as { slug?: string; documentId?: string };
        const id = entry.slug ?? entry.documentId;
        if (!id) throw new Error(`CMS ${type}: an entry has neither slug nor documentId: ${JSON.stringify(raw).slice(0, 200)}`);
        // parseData names the collection, the entry and the failing field when the schema refuses it.
        store.set({ id, data: await parseData({ id, data: raw as Record<string, unknown> }) });
      }
      logger.info(`${entries.length} ${type}`);
    },
  };
}
