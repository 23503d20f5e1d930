/** The admin half of the `global::pact-stage` custom field (the server half: src/platform/coordinates). */
import type { ComponentType } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { Discuss } from '@strapi/icons';
import { PACT_STAGE_FIELD } from '@coesione/model';

export function registerPactStageField(app: StrapiApp): void {
  app.customFields.register({
    name: PACT_STAGE_FIELD.name,
    type: PACT_STAGE_FIELD.type,
    icon: Discuss,
    intlLabel: { id: 'coesione.pactStage.label', defaultMessage: 'Fase del patto' },
    intlDescription: { id: 'coesione.pactStage.description', defaultMessage: 'La fase attuale e solo quelle ammesse dopo di essa' },
    // As for the coordinate field: Strapi renders the Input with the field's props.
    components: { Input: () => import('./StageInput').then((m) => ({ default: m.StageInput as ComponentType })) },
  });
}
