/**
 * Document-service middleware that gives editors (and the seed, and the admin API) clear Italian
 * messages where Strapi's own are cryptic: coordinates outside WGS84 ranges or outside Italy, on every
 * create and update; required fields missing from content written as published (Strapi 5 checks
 * required fields only on publish, and then says "must be a `string` type, but the final value was: `null`").
 */
import type { UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isRecord, type MiddlewareHost, type Model } from './published-change';

/** Italy's extent with a small margin: Lampedusa (35.49 N) to Vetta d'Italia (47.09 N), 6.63 E to 18.52 E. */
export const ITALY = { minLat: 35.4, maxLat: 47.1, minLng: 6.6, maxLng: 18.6 } as const;

type Coordinates = { latitude?: unknown; longitude?: unknown };

const toNumber = (value: unknown): number | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : NaN;
};

/** The message for a point, or undefined when the point is acceptable (or incomplete: `required` handles that). */
export function coordinateProblem(point: Coordinates): string | undefined {
  const lat = toNumber(point.latitude);
  const lng = toNumber(point.longitude);
  if (lat === undefined || lng === undefined) return undefined;
  if (Number.isNaN(lat) || lat < -90 || lat > 90) {
    return `La latitudine ${String(point.latitude)} non è valida: deve essere un numero tra -90 e 90 (WGS84, gradi decimali).`;
  }
  if (Number.isNaN(lng) || lng < -180 || lng > 180) {
    return `La longitudine ${String(point.longitude)} non è valida: deve essere un numero tra -180 e 180 (WGS84, gradi decimali).`;
  }
  if (lat < ITALY.minLat || lat > ITALY.maxLat || lng < ITALY.minLng || lng > ITALY.maxLng) {
    return (
      `Il punto (${lat}, ${lng}) è fuori dall'Italia: latitudine ammessa ${ITALY.minLat}–${ITALY.maxLat}, ` +
      `longitudine ${ITALY.minLng}–${ITALY.maxLng}. Controlla di non aver invertito latitudine e longitudine.`
    );
  }
  return undefined;
}

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Required top-level fields absent from `data` (on create) or emptied by it (on update); uids and defaults are filled by Strapi. */
export function missingRequired(schema: Model, data: Record<string, unknown>, creating: boolean): string[] {
  return Object.entries(schema.attributes)
    .filter(([name, attribute]) => attribute.required && attribute.type !== 'uid' && attribute.default === undefined && (creating ? isEmpty(data[name]) : name in data && isEmpty(data[name])))
    .map(([name]) => name);
}

/** Every point in `data`, with its path: the type's own latitude/longitude and every shared.location component. */
function* points(schema: Model, data: Record<string, unknown>, getComponent: (uid: string) => Model, path: string[] = []): Generator<[string[], Coordinates]> {
  if ('latitude' in schema.attributes && ('latitude' in data || 'longitude' in data)) {
    yield [path, data as Coordinates];
  }
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (attribute.type !== 'component' || !attribute.component || data[name] == null) continue;
    const child = getComponent(attribute.component);
    const values = attribute.repeatable ? (data[name] as unknown[]) : [data[name]];
    if (!Array.isArray(values)) continue;
    for (const [index, value] of values.entries()) {
      if (value && typeof value === 'object') {
        yield* points(child, value as Record<string, unknown>, getComponent, attribute.repeatable ? [...path, name, String(index)] : [...path, name]);
      }
    }
  }
}

const validationError = (message: string, path: string[], value: unknown) =>
  new errors.ValidationError(message, { errors: [{ path, message, name: 'ValidationError', value }] });

/** What the guard needs of Strapi (`Core.Strapi` fits, and so does the unit tests' fake). */
export interface ContentGuardHost extends MiddlewareHost {
  getModel(uid: string): Model;
}

export function registerContentGuard(strapi: ContentGuardHost, uids: readonly UID.ContentType[]): void {
  const guarded = new Set<string>(uids);
  strapi.documents.use(async (context, next) => {
    if (guarded.has(context.uid) && (context.action === 'create' || context.action === 'update')) {
      const { data, status } = context.params;
      if (isRecord(data)) {
        const schema = strapi.getModel(context.uid);
        if (status === 'published') {
          const missing = missingRequired(schema, data, context.action === 'create');
          if (missing.length > 0) {
            const list = missing.map((m) => `«${m}»`).join(', ');
            throw validationError(`${missing.length > 1 ? 'I campi' : 'Il campo'} ${list} ${missing.length > 1 ? 'sono obbligatori' : 'è obbligatorio'} per pubblicare.`, [missing[0] ?? ''], undefined);
          }
        }
        const getComponent = (uid: string) => strapi.getModel(uid);
        for (const [path, point] of points(schema, data, getComponent)) {
          const problem = coordinateProblem(point);
          if (problem) {
            throw validationError(problem, [...path, 'latitude'], point.latitude);
          }
        }
      }
    }
    return next();
  });
}
