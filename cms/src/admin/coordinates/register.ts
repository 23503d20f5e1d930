/** The admin half of the `global::coordinate` custom field (the server half: src/platform/coordinates). */
import type { ComponentType } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PinMap } from '@strapi/icons';
import { COORDINATE_FIELD } from '@coesione/model';

export function registerCoordinateField(app: StrapiApp): void {
  app.customFields.register({
    name: COORDINATE_FIELD.name,
    type: COORDINATE_FIELD.type,
    icon: PinMap,
    intlLabel: { id: 'coesione.coordinate.label', defaultMessage: 'Coordinata (gradi decimali)' },
    intlDescription: { id: 'coesione.coordinate.description', defaultMessage: 'Latitudine o longitudine WGS84, con il punto o la virgola per i decimali' },
    // Strapi types the Input as a component without props, though it renders it with the field's props
    // (content-manager's InputRenderer): the cast states only that.
    components: { Input: () => import('./CoordinateInput').then((m) => ({ default: m.CoordinateInput as ComponentType })) },
  });
}
