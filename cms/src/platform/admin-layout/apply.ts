/**
 * Writes the declared admin layouts (index.ts) into Strapi's content-manager configuration, at every
 * boot, after Strapi has synced its own: the core store keys
 * `plugin_content_manager_configuration_content_types::<uid>` and `…_components::<uid>` then hold what
 * this repository says, on a fresh database as on the demo. Editing the layout in the admin (the super
 * admin's configure-view) lasts until the next boot.
 */
import type { Core } from '@strapi/strapi';
import { TYPES, type TypeKey } from '@coesione/model';
import { SYSTEM_FIELDS } from './common';
import type { ComponentLayout, FieldText, TypeLayout } from './declare';
import { COMPONENT_LAYOUTS } from './components';

interface Attribute {
  type: string;
  targetModel?: string;
  target?: string;
}
export interface CmModel {
  uid: string;
  attributes: Record<string, Attribute>;
}
interface Metadata {
  edit: Record<string, unknown>;
  list: Record<string, unknown>;
}
export interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, Metadata>;
  layouts: { list: string[]; edit: { name: string; size: number }[][] };
}

/** Kinds the content manager shows full width only. */
const FULL_WIDTH = new Set(['component', 'dynamiczone', 'json', 'richtext', 'blocks']);

/** What is wrong with a declaration against the model: unknown or unplaced fields, fields without a text. */
export function layoutProblems(model: CmModel, current: Configuration, layout: TypeLayout | ComponentLayout): string[] {
  const problems: string[] = [];
  const editable = new Set(current.layouts.edit.flat().map((f) => f.name));
  const placed = layout.edit.flat();
  for (const name of placed) if (!editable.has(name)) problems.push(`${model.uid}: edit row names "${name}", which the content manager cannot edit`);
  for (const name of editable) if (!placed.includes(name)) problems.push(`${model.uid}: field "${name}" is in no edit row`);
  for (const row of layout.edit) {
    if (row.length > 3 || (row.length > 1 && row.some((name) => FULL_WIDTH.has(model.attributes[name]?.type ?? '')))) problems.push(`${model.uid}: row [${row.join(', ')}] cannot share a line`);
  }
  if ('list' in layout) for (const name of layout.list) if (!(name in model.attributes)) problems.push(`${model.uid}: list column "${name}" is not a field`);
  for (const name of Object.keys(current.metadatas)) if (!textOf(layout, name)) problems.push(`${model.uid}: field "${name}" has no Italian label`);
  return problems;
}

const textOf = (layout: TypeLayout | ComponentLayout, name: string): FieldText | undefined => layout.fields[name] ?? SYSTEM_FIELDS[name];

/** Strapi's configuration with the declaration applied: texts, main fields, rows, columns, sort. */
export function configure(model: CmModel, current: Configuration, layout: TypeLayout | ComponentLayout, mainFieldOf: (uid: string) => string | undefined): Configuration {
  const metadatas: Record<string, Metadata> = {};
  for (const [name, meta] of Object.entries(current.metadatas)) {
    const text = textOf(layout, name);
    const attribute = model.attributes[name];
    const target = attribute?.type === 'relation' ? (attribute.targetModel ?? attribute.target) : undefined;
    const mainField = target ? mainFieldOf(target) : undefined;
    metadatas[name] = {
      edit: {
        ...meta.edit,
        ...(text && { label: text.label, description: text.description ?? '', placeholder: text.placeholder ?? '' }),
        ...(text?.readOnly && { editable: false }),
        ...(text?.hidden && { visible: false }),
        ...(mainField && { mainField }),
      },
      list: { ...meta.list, ...(text && { label: text.label }), ...(mainField && { mainField }) },
    };
  }
  const editable = new Set(current.layouts.edit.flat().map((f) => f.name));
  const rows = layout.edit.map((row) => row.filter((name) => editable.has(name))).filter((row) => row.length > 0);
  const placed = new Set(rows.flat());
  // A field the declaration forgot still gets a row of its own (and the configuration test fails).
  for (const name of editable) if (!placed.has(name)) rows.push([name]);
  const size = (name: string, count: number) => (FULL_WIDTH.has(model.attributes[name]?.type ?? '') ? 12 : Math.floor(12 / count));
  const edit = rows.map((row) => row.map((name) => ({ name, size: size(name, row.length) })));
  const list = 'list' in layout ? layout.list.filter((name) => name in model.attributes) : current.layouts.list;
  const sort = 'sort' in layout && layout.sort ? { defaultSortBy: layout.sort[0], defaultSortOrder: layout.sort[1] } : {};
  return {
    settings: { ...current.settings, mainField: layout.mainField, ...sort },
    metadatas,
    layouts: { ...current.layouts, list, edit },
  };
}

interface ConfigService {
  findConfiguration(model: CmModel): Promise<Configuration>;
  updateConfiguration(model: CmModel, configuration: Configuration): Promise<unknown>;
}

export async function applyAdminLayouts(strapi: Core.Strapi, layouts: Partial<Record<TypeKey, TypeLayout>>): Promise<string[]> {
  const cm = strapi.plugin('content-manager');
  const types = cm.service('content-types') as ConfigService & { findContentType(uid: string): CmModel | undefined };
  const components = cm.service('components') as ConfigService & { findComponent(uid: string): CmModel | undefined };
  const mainFields = new Map<string, string>(Object.entries(layouts).map(([key, layout]) => [TYPES[key as TypeKey].uid, layout.mainField]));
  const mainFieldOf = (uid: string) => mainFields.get(uid);
  const problems: string[] = [];
  for (const [key, layout] of Object.entries(layouts) as [TypeKey, TypeLayout][]) {
    const model = types.findContentType(TYPES[key].uid);
    if (!model) continue;
    const current = await types.findConfiguration(model);
    problems.push(...layoutProblems(model, current, layout));
    await types.updateConfiguration(model, configure(model, current, layout, mainFieldOf));
  }
  for (const [uid, layout] of Object.entries(COMPONENT_LAYOUTS)) {
    const model = components.findComponent(uid);
    if (!model) continue;
    const current = await components.findConfiguration(model);
    problems.push(...layoutProblems(model, current, layout));
    await components.updateConfiguration(model, configure(model, current, layout, mainFieldOf));
  }
  for (const problem of problems) strapi.log.warn(`Admin layout: ${problem} (cms/src/platform/admin-layout/)`);
  return problems;
}
