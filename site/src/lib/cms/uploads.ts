/**
 * Files uploaded to Strapi (cover images, attachments) as the site build uses them: copied once into a
 * local cache, named by their content, so that a build from the CMS and a build from a snapshot read the
 * very same files (and produce the very same pages) and the built site never links to the CMS.
 *
 * Covers then go through astro:assets (sharp: AVIF and WebP, srcset); attachments are served by the site
 * itself under /allegati/.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mediaIn, type Media as ApiMedia } from '@coesione/cms-client';

/** site/.cache/uploads: shared by every build of this checkout (files are immutable, named by hash). */
// astro.config.mjs names it: once bundled into the build's chunks, import.meta.url no longer points here.
export const UPLOADS_DIR = process.env.COESIONE_UPLOADS_DIR ?? fileURLToPath(new URL('../../../.cache/uploads/', import.meta.url));
/** The entry "file" the content layer resolves image paths against (see loader.ts). */
export const UPLOADS_IMPORTER = path.join(UPLOADS_DIR, 'entries.json');

/** A media object of the public API (cms-client), with where the build keeps its copy. */
export interface Media extends ApiMedia {
  /** The cached copy, relative to UPLOADS_DIR: set by localizeUploads. */
  file?: string;
}

/** The cached file name of some bytes: content hash plus the upload's own name, readable and unique. */
export function cachedName(url: string, bytes: Uint8Array): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return `${hash}-${path.posix.basename(url)}`;
}

function writeOnce(name: string, bytes: Uint8Array): void {
  const target = path.join(UPLOADS_DIR, name);
  if (fs.existsSync(target)) return;
  fs.mkdirSync(UPLOADS_DIR, { recursive: true });
  // Builds may run side by side (tests): write aside, then rename, so nobody reads half a file.
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temp, bytes);
  fs.renameSync(temp, target);
}

/**
 * Copies every upload the entries refer to into the cache and records its name on the media object.
 * `read` gives the bytes of an upload URL (from the CMS or from a snapshot); a missing file fails the build
 * with the entry's URL named, like any other bad content.
 */
export async function localizeUploads(entries: unknown[], read: (url: string) => Promise<Uint8Array>): Promise<void> {
  const names = new Map<string, string>();
  for (const found of mediaIn(entries)) {
    const media: Media = found;
    let name = names.get(media.url);
    if (!name) {
      const bytes = await read(media.url);
      name = cachedName(media.url, bytes);
      writeOnce(name, bytes);
      names.set(media.url, name);
    }
    media.file = name;
  }
}

export const cachedUpload = (name: string): Buffer => fs.readFileSync(path.join(UPLOADS_DIR, path.basename(name)));
