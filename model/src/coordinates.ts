/**
 * Reading a coordinate typed or pasted by a person: the admin's coordinate field (cms/src/admin/coordinates)
 * and anything else that takes degrees as text. The Italian admin read «45.3675» as a thousands-separated
 * 453675 (STACK.md, third look), so the decimal separator is read here explicitly: a dot or a comma, never
 * a thousands separator. A pasted pair «45.3675, 8.4217» (as map sites copy it) is read as latitude and
 * longitude.
 */
import { DISTRICT_BBOX } from './district.js';

export type CoordinateAxis = 'latitude' | 'longitude';

/** WGS84 limits in decimal degrees. */
export const COORDINATE_LIMITS: Record<CoordinateAxis, number> = { latitude: 90, longitude: 180 };

const AXIS_NAME: Record<CoordinateAxis, string> = { latitude: 'La latitudine', longitude: 'La longitudine' };

export type CoordinateReading =
  | { kind: 'empty' }
  /** A number in the WGS84 range; `warning` when it is outside the district (saved all the same). */
  | { kind: 'value'; value: number; warning?: string }
  /** A pasted «latitude, longitude» pair, both in range. */
  | { kind: 'pair'; latitude: number; longitude: number; warning?: string }
  /** Not a coordinate: `value` is the number read when there is one (out of range), so a server check refuses it too. */
  | { kind: 'error'; message: string; value?: number };

// One optional sign, digits, at most one decimal separator (a dot or a comma) and its digits.
const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;
// A pair: «45.3675, 8.4217», «45,3675; 8,4217», «45.3675 8.4217», «45.3675,8.4217» (dots, so the comma separates).
const PAIR = [/^(\S+)\s*;\s*(\S+)$/, /^(\S+),\s+(\S+)$/, /^(\S+)\s+(\S+)$/, /^([+-]?\d+\.\d+),([+-]?\d+\.\d+)$/];

const format = (n: number) => String(n).replace('.', ',');

/** The number `text` holds (a dot or a comma as decimal separator), or undefined. */
export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

const [WEST, SOUTH, EAST, NORTH] = DISTRICT_BBOX;
const DISTRICT_RANGE: Record<CoordinateAxis, [number, number]> = { latitude: [SOUTH, NORTH], longitude: [WEST, EAST] };

/** A warning when `value` on `axis` is outside the district's box, else undefined. */
export function outsideDistrictWarning(axis: CoordinateAxis, value: number): string | undefined {
  const [min, max] = DISTRICT_RANGE[axis];
  if (value >= min && value <= max) return undefined;
  const swapped = axis === 'latitude' ? value >= WEST && value <= EAST : value >= SOUTH && value <= NORTH;
  return (
    `${AXIS_NAME[axis]} ${format(value)} è fuori dal distretto (tra ${format(min)} e ${format(max)}): controlla il punto` +
    (swapped ? ', forse latitudine e longitudine sono invertite.' : '.')
  );
}

function rangeProblem(axis: CoordinateAxis, value: number): string | undefined {
  const limit = COORDINATE_LIMITS[axis];
  if (value >= -limit && value <= limit) return undefined;
  return `${AXIS_NAME[axis]} ${format(value)} non è valida: deve essere tra -${limit} e ${limit} gradi (WGS84, gradi decimali). Es. ${axis === 'latitude' ? '45,3675' : '8,1734'}`;
}

/** What `text`, typed in the field for `axis`, says. */
export function readCoordinate(text: string, axis: CoordinateAxis): CoordinateReading {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const value = parseDecimal(trimmed);
  if (value !== undefined) {
    const problem = rangeProblem(axis, value);
    if (problem) return { kind: 'error', message: problem, value };
    const warning = outsideDistrictWarning(axis, value);
    return warning ? { kind: 'value', value, warning } : { kind: 'value', value };
  }
  for (const pattern of PAIR) {
    const match = pattern.exec(trimmed);
    const latitude = match ? parseDecimal(match[1] ?? '') : undefined;
    const longitude = match ? parseDecimal(match[2] ?? '') : undefined;
    if (latitude === undefined || longitude === undefined) continue;
    const problem = rangeProblem('latitude', latitude) ?? rangeProblem('longitude', longitude);
    if (problem) return { kind: 'error', message: problem };
    const warning = outsideDistrictWarning('latitude', latitude) ?? outsideDistrictWarning('longitude', longitude);
    return warning ? { kind: 'pair', latitude, longitude, warning } : { kind: 'pair', latitude, longitude };
  }
  return {
    kind: 'error',
    message: `«${trimmed}» non è un numero in gradi decimali: usa il punto o la virgola per i decimali, senza separatore delle migliaia. Es. ${axis === 'latitude' ? '45.3675 o 45,3675' : '8.1734 o 8,1734'}`,
  };
}

/**
 * The admin's coordinate field: registered under this name by the CMS server and by the admin panel, stored
 * as a float (the database column and the public API are a float's), used in schemas as `global::coordinate`
 * with `options.axis`.
 */
export const COORDINATE_FIELD = { name: 'coordinate', uid: 'global::coordinate', type: 'float' } as const;
