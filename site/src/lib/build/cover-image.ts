/**
 * The sources of a cover, computed once per image and size hint for the whole build. Astro's <Picture>
 * works them out again on every page (nine transforms per image: three widths in AVIF, WebP and the
 * original format); with thousands of cards sharing a few covers that was a large part of build time.
 */
import type { ImageMetadata } from 'astro';
import { getImage } from 'astro:assets';

export const COVER_WIDTHS = [400, 800, 1200];

export interface CoverSources {
  avif: string;
  webp: string;
  src: string;
  srcset: string;
  width: number;
  height: number;
}

const cache = new Map<string, Promise<CoverSources>>();

async function compute(src: ImageMetadata, sizes: string): Promise<CoverSources> {
  const widths = COVER_WIDTHS.filter((w) => w <= src.width);
  const fallbackFormat = src.format === 'png' ? 'png' : 'jpg';
  const [avif, webp, fallback] = await Promise.all(
    (['avif', 'webp', fallbackFormat] as const).map((format) => getImage({ src, format, widths, sizes })),
  );
  return {
    avif: avif!.srcSet.attribute,
    webp: webp!.srcSet.attribute,
    src: fallback!.src,
    srcset: fallback!.srcSet.attribute,
    width: Number(fallback!.attributes.width ?? src.width),
    height: Number(fallback!.attributes.height ?? src.height),
  };
}

export function coverSources(src: ImageMetadata, sizes: string): Promise<CoverSources> {
  const key = `${src.src}\u0000${sizes}`;
  let sources = cache.get(key);
  if (!sources) cache.set(key, (sources = compute(src, sizes)));
  return sources;
}
