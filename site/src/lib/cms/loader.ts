/** An Astro content-layer loader for one CMS type: entries keyed by slug, validated by the collection schema. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import type { PublicKey } from '@coesione/model';
import { readEntries } from './source';
import { UPLOADS_IMPORTER, type Media } from './uploads';

export function cmsLoader(type: PublicKey): Loader {
  return {
    name: `coesione-cms-${type}`,
    async load({ store, parseData, logger, config }) {
      const entries = await readEntries(type);
      // Covers are resolved by the schema's image() against this "file", next to the cached uploads, so
      // astro:assets treats them as local images (sharp: AVIF, WebP, srcset, width and height).
      const filePath = path.relative(fileURLToPath(config.root), UPLOADS_IMPORTER);
      store.clear();
      for (const raw of entries) {
        const entry = raw as { slug?: string; documentId?: string };
        const id = entry.slug ?? entry.documentId;
        if (!id) throw new Error(`CMS ${type}: an entry has neither slug nor documentId: ${JSON.stringify(raw).slice(0, 200)}`);
        // parseData names the collection, the entry and the failing field when the schema refuses it.
        const cover = (raw as { cover?: (Media & { src?: string }) | null }).cover;
        if (cover?.file && cover.mime?.startsWith('image/')) cover.src = `./${cover.file}`;
        store.set({ id, filePath, data: await parseData({ id, filePath, data: raw as Record<string, unknown> }) });
      }
      logger.info(`${entries.length} ${type}`);
    },
  };
}
