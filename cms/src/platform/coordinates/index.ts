/**
 * Coordinates in the admin (issue: places): the `global::coordinate` custom field, a float for the database
 * and the API, whose admin input (src/admin/coordinates) reads a dot or a comma as the decimal separator.
 * The server registers it so schemas may use it; the range checks stay where they were (the schema's
 * min/max and content-guard.ts's Italian messages).
 */
import type { Core } from '@strapi/strapi';
import { COORDINATE_FIELD, PACT_STAGE_FIELD } from '@coesione/model';

export function registerCoordinateField(strapi: Core.Strapi): void {
  strapi.customFields.register({ name: COORDINATE_FIELD.name, type: COORDINATE_FIELD.type });
  // The pact's stage: an enumeration whose admin input offers only the stages allowed next (src/admin/pacts).
  strapi.customFields.register({ name: PACT_STAGE_FIELD.name, type: PACT_STAGE_FIELD.type });
}
