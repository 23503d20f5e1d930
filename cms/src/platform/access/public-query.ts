/**
 * The query parameters the public REST API accepts, declared per type, and the check that holds a
 * request to them.
 *
 * Why a declaration and not Strapi's own sanitising: a filter through a relation is evaluated on the
 * rows it reaches, and the reference types (themes, target groups, comuni) have no draft stage, so their
 * inverse sides link to the draft rows of every content type too. `GET /api/themes?filters[opportunities]
 * [contacts][email][$startsWith]=…` answered 1 or 0 themes for a never-published draft: a yes/no oracle
 * on any draft field. Here a path is accepted only if it ends on a declared field:
 *
 * - the type's own scalar fields (text, numbers, dates, enumerations; never private, never rich text);
 * - for the editorial types (draft & publish: their published rows link only to published rows), one hop
 *   into a reference type that has no draft rows of its own, by its `slug`, `name` or `istatCode`
 *   (`themes.slug`, `municipalities.istatCode`, `location.municipality.istatCode`…).
 *
 * Nothing else: no relation from a reference type, no second hop, no admin user. Anything outside is a
 * 400 that names the parameter. Sorting and `fields` take the own scalar fields only.
 */
import { errors } from '@strapi/utils';

export interface Attribute {
  type: string;
  target?: string;
  component?: string;
  private?: boolean;
  repeatable?: boolean;
}
export interface Model {
  attributes: Record<string, Attribute>;
  options?: { draftAndPublish?: boolean };
}
export type GetModel = (uid: string) => Model | undefined;

const SCALAR = new Set(['string', 'uid', 'text', 'email', 'enumeration', 'date', 'datetime', 'time', 'integer', 'biginteger', 'decimal', 'float', 'boolean']);
/** Fields of every document Strapi adds, safe on a published row. */
const SYSTEM = ['documentId', 'locale', 'createdAt', 'updatedAt', 'publishedAt'];
/** The fields by which a reference entry may be named in a filter. */
const REFERENCE_KEYS = new Set(['slug', 'name', 'istatCode']);

/** The top-level parameters of a public read; `status` and `populate` are replaced by the route. */
export const PUBLIC_PARAMS = new Set(['filters', 'sort', 'fields', 'pagination', 'locale', 'status', 'populate']);

export interface PublicQuery {
  /** Dotted paths a filter may end on. */
  filters: Set<string>;
  /** Own fields for `sort` and `fields`. */
  fields: Set<string>;
}

const ownScalars = (model: Model) => [
  ...SYSTEM,
  ...Object.entries(model.attributes)
    .filter(([, a]) => SCALAR.has(a.type) && !a.private)
    .map(([name]) => name),
];

/** A reference type: read-only public data with no draft stage, so a hop into it reaches no draft. */
const isReference = (model: Model | undefined, referenceTypes: ReadonlySet<string>, uid: string | undefined) =>
  Boolean(model && uid && referenceTypes.has(uid) && !model.options?.draftAndPublish);

/** The declaration for one type (see the module comment for the rule). */
export function publicQuery(uid: string, getModel: GetModel, referenceTypes: ReadonlySet<string>): PublicQuery {
  const model = getModel(uid);
  if (!model) throw new Error(`publicQuery: unknown model ${uid}`);
  const fields = new Set(ownScalars(model));
  const filters = new Set(fields);
  if (model.options?.draftAndPublish) {
    const hop = (prefix: string, attributes: Record<string, Attribute>) => {
      for (const [name, attribute] of Object.entries(attributes)) {
        if (attribute.type !== 'relation' || attribute.private || !isReference(getModel(attribute.target ?? ''), referenceTypes, attribute.target)) continue;
        for (const key of REFERENCE_KEYS) if (getModel(attribute.target ?? '')?.attributes[key]) filters.add(`${prefix}${name}.${key}`);
      }
    };
    hop('', model.attributes);
    for (const [name, attribute] of Object.entries(model.attributes)) {
      const component = attribute.type === 'component' && attribute.component ? getModel(attribute.component) : undefined;
      if (component) hop(`${name}.`, component.attributes);
    }
  }
  return { filters, fields };
}

const refuse = (param: string, message: string): never => {
  throw new errors.ValidationError(`Parametro non ammesso: ${param}. ${message}`, { key: param, source: 'query', param });
};

const LOGICAL = new Set(['$and', '$or']);

/** Walks a `filters` object; every attribute path must be declared. */
function checkFilters(value: unknown, declared: ReadonlySet<string>, path: string[], param: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkFilters(item, declared, path, `${param}[${i}]`));
    return;
  }
  if (value === null || typeof value !== 'object') {
    // A bare value means `$eq` on the path so far.
    if (path.length === 0) refuse(param, 'I filtri vanno espressi come filters[campo][$operatore]=valore.');
    else if (!declared.has(path.join('.'))) refuse(param, `Il filtro su «${path.join('.')}» non è tra quelli pubblici di questo tipo.`);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const childParam = `${param}[${key}]`;
    if (LOGICAL.has(key) || key === '$not') {
      checkFilters(child, declared, path, childParam);
    } else if (key.startsWith('$')) {
      if (path.length === 0) refuse(childParam, 'Un operatore deve seguire il nome di un campo.');
      if (!declared.has(path.join('.'))) refuse(param, `Il filtro su «${path.join('.')}» non è tra quelli pubblici di questo tipo.`);
      // Operator values are plain values (or lists of them), never further paths.
      if (child !== null && typeof child === 'object' && !Array.isArray(child)) refuse(childParam, 'Il valore di un operatore non può contenere altri campi.');
    } else {
      checkFilters(child, declared, [...path, key], childParam);
    }
  }
}

/** `sort=title:asc,slug`, `sort[0]=title:desc` or `sort[title]=asc`: own fields only. */
function sortFields(value: unknown): string[] {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim().split(':')[0] ?? '');
  if (Array.isArray(value)) return value.flatMap(sortFields);
  if (value && typeof value === 'object') return Object.keys(value);
  return [String(value)];
}

const listOf = (value: unknown): string[] =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()) : Array.isArray(value) ? value.map(String) : value && typeof value === 'object' ? Object.values(value).map(String) : [String(value)];

/** Throws a ValidationError (HTTP 400) naming the first parameter outside the declaration. */
export function checkPublicQuery(query: Record<string, unknown>, declared: PublicQuery): void {
  for (const key of Object.keys(query)) {
    if (!PUBLIC_PARAMS.has(key)) refuse(key, `I parametri ammessi sono: ${[...PUBLIC_PARAMS].join(', ')}.`);
  }
  if (query.filters !== undefined) checkFilters(query.filters, declared.filters, [], 'filters');
  if (query.sort !== undefined) {
    for (const field of sortFields(query.sort)) if (!declared.fields.has(field)) refuse('sort', `L'ordinamento per «${field}» non è tra quelli pubblici di questo tipo.`);
  }
  if (query.fields !== undefined) {
    for (const field of listOf(query.fields)) if (!declared.fields.has(field)) refuse('fields', `Il campo «${field}» non è tra quelli pubblici di questo tipo.`);
  }
}
