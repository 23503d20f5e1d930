/** Media objects (covers, attachments, files) inside entries of the public API, wherever they sit. */

/** A media object of Strapi's REST API, as far as readers of it need. */
export interface Media {
  url: string;
  mime?: string | null;
}

// Strapi's local upload provider serves every file under /uploads/; anything else with a `url` is a link.
const isMedia = (value: unknown): value is Media =>
  typeof value === 'object' && value !== null && typeof (value as Media).url === 'string' && (value as Media).url.startsWith('/uploads/');

/** Every media object inside `value` (an entry, a list of entries), in document order, duplicates included. */
export function* mediaIn(value: unknown): Generator<Media> {
  if (isMedia(value)) yield value;
  else if (Array.isArray(value)) for (const item of value) yield* mediaIn(item);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) yield* mediaIn(item);
}
