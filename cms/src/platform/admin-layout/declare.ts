/**
 * The shape of a content type's admin layout as this repository declares it: the Italian label,
 * description (with an example) and placeholder of every field, the edit view's rows, the list view's
 * columns and the field that names an entry in relation pickers. apply.ts writes it into Strapi's
 * content-manager configuration at every boot, so the repository, not the database, is its source.
 */
export interface FieldText {
  label: string;
  /** What the field is for, with an example ("Es. …"). */
  description?: string;
  placeholder?: string;
  /** Shown but not editable in the edit view (set by the server or by an editor's action). */
  readOnly?: boolean;
  /** Not shown in the edit view at all. */
  hidden?: boolean;
}

export interface TypeLayout {
  /** The field that names an entry: list title, relation pickers, breadcrumbs. */
  mainField: string;
  /** List view columns, in order. */
  list: string[];
  /** Edit view rows, top to bottom; a row holds one to three fields (full-width kinds stand alone). */
  edit: string[][];
  /** Texts of every field of the type (system fields come from SYSTEM_FIELDS). */
  fields: Record<string, FieldText>;
  /** List sort: field and direction. */
  sort?: [string, 'ASC' | 'DESC'];
}

export interface ComponentLayout {
  mainField: string;
  edit: string[][];
  fields: Record<string, FieldText>;
}
