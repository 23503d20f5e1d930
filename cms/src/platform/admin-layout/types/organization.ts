import { CONTACTS, EDITORIAL_FIELDS, LINKED_FIELDS } from '../common';
import type { TypeLayout } from '../declare';

export const organization: TypeLayout = {
  mainField: 'name',
  list: ['name', 'kind', 'runtsNumber', 'verifiedAt', 'updatedAt'],
  sort: ['name', 'ASC'],
  edit: [
    ['name'], ['slug', 'kind'], ['summary'], ['body'],
    ['runtsNumber', 'website'], ['sites'], ['contacts'],
    ['themes', 'targetGroups'], ['municipalities', 'cover'],
    ['promotedPractices', 'opportunities'], ['workshops', 'managedMunicipalities'], ['verifiedAt'],
  ],
  fields: {
    ...EDITORIAL_FIELDS,
    name: { label: 'Nome dell’ente', description: 'Il nome completo, come nello statuto. Es. «APS La Bottega del Riuso»', placeholder: 'Es. APS La Bottega del Riuso' },
    slug: { ...EDITORIAL_FIELDS.slug, description: 'Parte finale dell’indirizzo web. Si ricava dal nome quando salvi (senza accenti né spazi). Es. aps-bottega-del-riuso' },
    summary: { ...EDITORIAL_FIELDS.summary, description: 'Cosa fa l’ente, per chi e dove, in due righe. Es. «Ripara e rivende mobili usati a Vercelli, con persone in cerca di lavoro.»' },
    kind: { label: 'Tipo di ente', description: 'Comune, ente gestore, cooperativa sociale, ODV, APS, fondazione, impresa sociale, gruppo informale o altro. Es. APS' },
    runtsNumber: { label: 'Numero RUNTS', description: 'Il numero di iscrizione al Registro unico del Terzo Settore, se l’ente ce l’ha. Es. 12345', placeholder: 'Es. 12345' },
    sites: { label: 'Sedi', description: 'Le sedi aperte al pubblico: indirizzo, comune, coordinate per la mappa. Es. Corso Libertà 10, Vercelli' },
    contacts: CONTACTS,
    website: { label: 'Sito web', description: 'L’indirizzo del sito dell’ente. Es. https://www.bottegadelriuso.it', placeholder: 'https://' },
    promotedPractices: { label: 'Buone prassi promosse', description: 'Le buone prassi di cui l’ente è promotore: si collegano dalla scheda della buona prassi. Es. «Orti condivisi»' },
    opportunities: { ...LINKED_FIELDS.opportunities, label: 'Opportunità offerte', description: 'Le opportunità che l’ente offre: si collegano dalla scheda dell’opportunità. Es. «Tirocinio in falegnameria»' },
    workshops: { ...LINKED_FIELDS.workshops, label: 'Laboratori organizzati', description: 'I laboratori che l’ente organizza: si collegano dalla scheda del laboratorio. Es. «Ciclofficina»' },
    managedMunicipalities: { label: 'Comuni serviti (ente gestore)', description: 'Per un ente gestore, i comuni di cui gestisce i servizi sociali: si collegano dalla scheda del comune. Es. Santhià' },
  },
};
