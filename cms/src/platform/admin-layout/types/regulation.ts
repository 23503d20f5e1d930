import { EDITORIAL_FIELDS } from '../common';
import type { TypeLayout } from '../declare';

export const regulation: TypeLayout = {
  mainField: 'title',
  list: ['title', 'kind', 'date', 'validity', 'verifiedAt'],
  sort: ['date', 'DESC'],
  edit: [
    ['title'], ['slug', 'kind'], ['summary'], ['body'],
    ['issuer', 'number', 'date'], ['urn', 'validity'], ['sourceUrl'],
    ['relatedRegulations', 'relatedBy'], ['attachments', 'trainingMaterials'],
    ['themes', 'targetGroups'], ['municipalities', 'cover'], ['verifiedAt'],
  ],
  fields: {
    ...EDITORIAL_FIELDS,
    title: { ...EDITORIAL_FIELDS.title, description: 'Il titolo dell’atto come lo conoscono gli operatori. Es. «Regolamento per l’amministrazione condivisa dei beni comuni»', placeholder: 'Es. Legge regionale 1/2004' },
    kind: { label: 'Tipo di atto', description: 'Legge, decreto, delibera, regolamento, modello di patto, convenzione, linee guida o modulistica. Es. legge regionale' },
    issuer: { label: 'Emanato da', description: 'L’ente o l’organo che l’ha adottato. Es. Regione Piemonte', placeholder: 'Es. Regione Piemonte' },
    number: { label: 'Numero', description: 'Il numero dell’atto, se ne ha uno. Es. 1/2004', placeholder: 'Es. 1/2004' },
    date: { label: 'Data dell’atto', description: 'Il giorno in cui è stato adottato. Es. 08/01/2004' },
    urn: { label: 'Codice URN', description: 'L’identificativo Normattiva, dove esiste. Es. urn:nir:regione.piemonte:legge:2004-01-08;1', placeholder: 'urn:nir:…' },
    validity: { label: 'In vigore?', description: 'Vigente se si applica oggi, abrogata se è stata sostituita. Es. vigente' },
    sourceUrl: { label: 'Fonte ufficiale (link)', description: 'Dove leggere il testo ufficiale. Es. https://www.normattiva.it/…', placeholder: 'https://' },
    relatedRegulations: { label: 'Atti collegati', description: 'Gli atti che questo richiama o attua. Es. «Codice del Terzo Settore»' },
    relatedBy: { label: 'Citato da', description: 'Gli atti che richiamano questo: si collegano dalla loro scheda. Es. «Regolamento comunale dei beni comuni»' },
  },
};
