/**
 * Cover images drawn here with sharp (no downloads): one abstract cover per theme, in the theme's hue.
 * They carry no information, so they are decorative (empty alternative text).
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';

const WIDTH = 1200;
const HEIGHT = 675;

/** A deterministic pseudo-random sequence from a string, so the same theme always gets the same cover. */
function sequence(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function coverSvg(seed: string, hue: number): string {
  const next = sequence(seed);
  const shapes: string[] = [];
  for (let i = 0; i < 7; i++) {
    const r = 60 + next() * 220;
    shapes.push(
      `<circle cx="${(next() * WIDTH).toFixed(0)}" cy="${(next() * HEIGHT).toFixed(0)}" r="${r.toFixed(0)}" ` +
        `fill="hsl(${(hue + next() * 60 - 30).toFixed(0)} 60% ${(55 + next() * 25).toFixed(0)}%)" fill-opacity="${(0.25 + next() * 0.35).toFixed(2)}"/>`,
    );
  }
  for (let i = 0; i < 3; i++) {
    const y = 150 + next() * 400;
    shapes.push(
      `<path d="M0 ${y.toFixed(0)} C ${WIDTH * 0.3} ${(y - 120).toFixed(0)}, ${WIDTH * 0.6} ${(y + 120).toFixed(0)}, ${WIDTH} ${(y - 40).toFixed(0)}" ` +
        `stroke="white" stroke-opacity="0.35" stroke-width="${(4 + next() * 10).toFixed(0)}" fill="none"/>`,
    );
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="hsl(${hue} 55% 32%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360} 50% 22%)"/>` +
    `</linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${shapes.join('')}</svg>`
  );
}

export async function coverJpeg(seed: string, hue: number): Promise<Buffer> {
  return sharp(Buffer.from(coverSvg(seed, hue))).jpeg({ quality: 78, mozjpeg: true }).toBuffer();
}
