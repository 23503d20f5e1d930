/** Texts and layouts of the shared components (they appear inside several types' edit views). */
import type { ComponentLayout } from './declare';

export const COMPONENT_LAYOUTS: Record<string, ComponentLayout> = {
  'shared.location': {
    mainField: 'address',
    edit: [['label', 'address'], ['municipality'], ['latitude', 'longitude']],
    fields: {
      label: { label: 'Nome del luogo', description: 'Se ha un nome. Es. Centro incontri «La Serra»', placeholder: 'Es. Centro incontri La Serra' },
      address: { label: 'Indirizzo', description: 'Via e numero civico. Es. Via Roma 12', placeholder: 'Es. Via Roma 12' },
      municipality: { label: 'Comune', description: 'Il comune del luogo. Es. Santhià' },
      latitude: { label: 'Latitudine', description: 'In gradi decimali, tra 45.05 e 46.00 nel distretto (da una mappa: tasto destro sul punto). Es. 45.3675', placeholder: 'Es. 45.3675' },
      longitude: { label: 'Longitudine', description: 'In gradi decimali, tra 7.80 e 8.60 nel distretto. Es. 8.1739', placeholder: 'Es. 8.1739' },
    },
  },
  'shared.contact': {
    mainField: 'name',
    edit: [['name', 'email'], ['phone', 'hours']],
    fields: {
      name: { label: 'Nome o ufficio', description: 'Chi risponde. Es. Sportello lavoro', placeholder: 'Es. Sportello lavoro' },
      email: { label: 'E-mail', description: 'Un indirizzo che qualcuno legge. Es. sportello@ente.it', placeholder: 'nome@ente.it' },
      phone: { label: 'Telefono', description: 'Con il prefisso. Es. 0161 123456', placeholder: 'Es. 0161 123456' },
      hours: { label: 'Orari', description: 'Quando rispondono. Es. lun–ven 9–12', placeholder: 'Es. lun–ven 9–12' },
    },
  },
  'shared.indicator': {
    mainField: 'name',
    edit: [['name'], ['value', 'unit', 'year']],
    fields: {
      name: { label: 'Cosa si misura', description: 'Es. Persone inserite al lavoro', placeholder: 'Es. Persone inserite al lavoro' },
      value: { label: 'Valore', description: 'Solo il numero. Es. 5', placeholder: 'Es. 5' },
      unit: { label: 'Unità', description: 'Es. persone, %, euro', placeholder: 'Es. persone' },
      year: { label: 'Anno', description: 'L’anno della misura. Es. 2025', placeholder: 'Es. 2025' },
    },
  },
  'shared.period': {
    mainField: 'start',
    edit: [['start', 'end']],
    fields: {
      start: { label: 'Dal', description: 'Il giorno di inizio. Es. 01/03/2024' },
      end: { label: 'Al', description: 'Il giorno di fine; vuoto se è ancora in corso. Es. 30/06/2025' },
    },
  },
  'shared.session': {
    mainField: 'start',
    edit: [['start', 'end'], ['note']],
    fields: {
      start: { label: 'Inizio', description: 'Giorno e ora di inizio. Es. 14/01/2027 15:00' },
      end: { label: 'Fine', description: 'Giorno e ora di fine. Es. 14/01/2027 18:00' },
      note: { label: 'Nota', description: 'Cosa portare o cosa si fa. Es. «Porta la tua bicicletta»', placeholder: 'Es. Porta la tua bicicletta' },
    },
  },
};
