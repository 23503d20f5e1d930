/**
 * Astro's sharp image service with a faster AVIF encoder setting: sharp's default effort (4) took about
 * 0.6 s per cover width on this project's 2-core machines; effort 2 gives nearly the same bytes in a
 * fraction of the time. Everything else is Astro's own service.
 */
import type { LocalImageService } from 'astro';
import sharpService from 'astro/assets/services/sharp';
import sharp from 'sharp';

const AVIF_EFFORT = 2;

const service: LocalImageService = {
  ...sharpService,
  async transform(input, options, config) {
    if (options.format !== 'avif' || options.height || options.fit) return sharpService.transform(input, options, config);
    const image = sharp(input, { failOn: 'none' }).rotate();
    if (options.width) image.resize({ width: Math.round(options.width), withoutEnlargement: true });
    const quality = typeof options.quality === 'number' ? options.quality : undefined;
    const data = await image.avif({ quality, effort: AVIF_EFFORT }).toBuffer();
    return { data, format: 'avif' };
  },
};
export default service;
