import type { Schema, Struct } from '@strapi/strapi';

export interface PactCommitment extends Struct.ComponentSchema {
  collectionName: 'components_pact_commitments';
  info: {
    description: 'Un impegno di una parte del patto';
    displayName: 'Impegno';
    icon: 'check';
  };
  attributes: {
    description: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 1000;
      }>;
    kind: Schema.Attribute.Enumeration<
      [
        'cura',
        'animazione',
        'manutenzione',
        'comunicazione',
        'formazione',
        'materiali',
        'risorse',
        'altro',
      ]
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'cura'>;
  };
}

export interface PactMilestone extends Struct.ComponentSchema {
  collectionName: 'components_pact_milestones';
  info: {
    description: 'Una tappa del patto con il suo avanzamento';
    displayName: 'Tappa';
    icon: 'bulletList';
  };
  attributes: {
    due: Schema.Attribute.Date;
    note: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 1000;
      }>;
    progress: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          max: 100;
          min: 0;
        },
        number
      > &
      Schema.Attribute.DefaultTo<0>;
    title: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

export interface PactParty extends Struct.ComponentSchema {
  collectionName: 'components_pact_parties';
  info: {
    description: 'Un ente, un gruppo o un cittadino che sottoscrive il patto, con i suoi impegni';
    displayName: 'Parte del patto';
    icon: 'user';
  };
  attributes: {
    commitments: Schema.Attribute.Component<'pact.commitment', true>;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    organization: Schema.Attribute.Relation<
      'oneToOne',
      'api::organization.organization'
    >;
    role: Schema.Attribute.Enumeration<
      [
        'amministrazione',
        'ente_gestore',
        'terzo_settore',
        'gruppo_informale',
        'cittadini',
        'scuola',
        'impresa',
        'altro',
      ]
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'terzo_settore'>;
  };
}

export interface PactProvision extends Struct.ComponentSchema {
  collectionName: 'components_pact_provisions';
  info: {
    description: 'Spazi, materiali, formazione, assicurazione, contributi';
    displayName: 'Cosa mette a disposizione l\u2019amministrazione';
    icon: 'gift';
  };
  attributes: {
    description: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 1000;
      }>;
    kind: Schema.Attribute.Enumeration<
      [
        'spazi',
        'materiali',
        'formazione',
        'assicurazione',
        'contributo',
        'altro',
      ]
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'spazi'>;
  };
}

export interface PactReport extends Struct.ComponentSchema {
  collectionName: 'components_pact_reports';
  info: {
    description: 'Data, sintesi e indicatori di un rapporto';
    displayName: 'Rapporto di monitoraggio';
    icon: 'chartBubble';
  };
  attributes: {
    date: Schema.Attribute.Date & Schema.Attribute.Required;
    indicators: Schema.Attribute.Component<'shared.indicator', true>;
    summary: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2000;
      }>;
  };
}

export interface PactStageChange extends Struct.ComponentSchema {
  collectionName: 'components_pact_stage_changes';
  info: {
    description: 'Una fase raggiunta dal patto: data, nota pubblica, ruolo (mai la persona)';
    displayName: 'Cambio di fase';
    icon: 'clock';
  };
  attributes: {
    at: Schema.Attribute.DateTime & Schema.Attribute.Required;
    note: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 1000;
      }>;
    role: Schema.Attribute.Enumeration<
      ['proponente', 'ufficio', 'amministrazione', 'sistema']
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'ufficio'>;
    stage: Schema.Attribute.Enumeration<
      [
        'proposta',
        'istruttoria',
        'avviso_pubblico',
        'coprogettazione',
        'sottoscritto',
        'in_attuazione',
        'rendicontazione',
        'rinnovato',
        'concluso',
        'non_ammesso',
        'ritirato',
      ]
    > &
      Schema.Attribute.Required;
  };
}

export interface SharedContact extends Struct.ComponentSchema {
  collectionName: 'components_shared_contacts';
  info: {
    description: 'Un recapito pubblico';
    displayName: 'Contatto';
    icon: 'bulletList';
  };
  attributes: {
    email: Schema.Attribute.Email &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    hours: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    phone: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 40;
      }>;
  };
}

export interface SharedIndicator extends Struct.ComponentSchema {
  collectionName: 'components_shared_indicators';
  info: {
    description: 'Un indicatore di risultato';
    displayName: 'Indicatore';
    icon: 'bulletList';
  };
  attributes: {
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    unit: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 40;
      }>;
    value: Schema.Attribute.Decimal & Schema.Attribute.Required;
    year: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          max: 2100;
          min: 1990;
        },
        number
      >;
  };
}

export interface SharedLocation extends Struct.ComponentSchema {
  collectionName: 'components_shared_locations';
  info: {
    description: 'Indirizzo, comune e coordinate WGS84';
    displayName: 'Luogo';
    icon: 'pinMap';
  };
  attributes: {
    address: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    label: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    latitude: Schema.Attribute.Float &
      Schema.Attribute.Required &
      Schema.Attribute.CustomField<
        'global::coordinate',
        {
          axis: 'latitude';
        }
      > &
      Schema.Attribute.SetMinMax<
        {
          max: 90;
          min: -90;
        },
        number
      >;
    longitude: Schema.Attribute.Float &
      Schema.Attribute.Required &
      Schema.Attribute.CustomField<
        'global::coordinate',
        {
          axis: 'longitude';
        }
      > &
      Schema.Attribute.SetMinMax<
        {
          max: 180;
          min: -180;
        },
        number
      >;
    municipality: Schema.Attribute.Relation<
      'oneToOne',
      'api::municipality.municipality'
    >;
  };
}

export interface SharedPeriod extends Struct.ComponentSchema {
  collectionName: 'components_shared_periods';
  info: {
    description: 'Periodo di attivit\u00E0';
    displayName: 'Periodo';
    icon: 'bulletList';
  };
  attributes: {
    end: Schema.Attribute.Date;
    start: Schema.Attribute.Date & Schema.Attribute.Required;
  };
}

export interface SharedSession extends Struct.ComponentSchema {
  collectionName: 'components_shared_sessions';
  info: {
    description: 'Un incontro di un laboratorio';
    displayName: 'Incontro';
    icon: 'bulletList';
  };
  attributes: {
    cancelled: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
    capacity: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          max: 1000;
          min: 1;
        },
        number
      >;
    end: Schema.Attribute.DateTime;
    note: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    start: Schema.Attribute.DateTime & Schema.Attribute.Required;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'pact.commitment': PactCommitment;
      'pact.milestone': PactMilestone;
      'pact.party': PactParty;
      'pact.provision': PactProvision;
      'pact.report': PactReport;
      'pact.stage-change': PactStageChange;
      'shared.contact': SharedContact;
      'shared.indicator': SharedIndicator;
      'shared.location': SharedLocation;
      'shared.period': SharedPeriod;
      'shared.session': SharedSession;
    }
  }
}
