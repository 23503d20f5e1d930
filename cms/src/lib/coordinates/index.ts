/**
 * Coordinates in the admin (issue: places): the `global::coordinate` custom field, a float for the database
 * and the API, whose admin input (src/admin/coordinates) reads a dot or a comma as the decimal separator.
 * The server registers it so schemas may use it; the range checks stay where they were (the schema's
 * min/max and content-guard.ts's Italian messages).
 */
import type { Core } from '@strapi/strapi';
import { COORDINATE_FIELD } from '@coesione/model';

export function registerCoordinateField(strapi: Core.Strapi): void {
  strapi.customFields.register({ name: COORDINATE_FIELD.name, type: COORDINATE_FIELD.type });
}
