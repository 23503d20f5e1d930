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
      latitude: {
        label: 'Latitudine',
        description: 'In gradi decimali, con il punto o la virgola: tra 45,05 e 46,00 nel distretto. Da una mappa (tasto destro sul punto) puoi incollare qui la coppia «45.3675, 8.1734»: riempie anche la longitudine. Es. 45.3675 o 45,3675',
        placeholder: 'Es. 45,3675',
      },
      longitude: { label: 'Longitudine', description: 'In gradi decimali, con il punto o la virgola: tra 7,80 e 8,60 nel distretto. Es. 8.1734 o 8,1734', placeholder: 'Es. 8,1734' },
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
    edit: [['start', 'end'], ['note'], ['capacity', 'cancelled']],
    fields: {
      capacity: { label: 'Posti di questo incontro', description: 'Solo se diversi dai «Posti disponibili» del laboratorio (per esempio un incontro in una sala più piccola). Es. 6', placeholder: 'Come il laboratorio' },
      cancelled: { label: 'Annullato', description: 'Lo segna «Annulla l’incontro» nel riquadro Prenotazioni, che avvisa chi aveva prenotato. Es. no', readOnly: true },
      start: { label: 'Inizio', description: 'Giorno e ora di inizio. Es. 14/01/2027 15:00' },
      end: { label: 'Fine', description: 'Giorno e ora di fine. Es. 14/01/2027 18:00' },
      note: { label: 'Nota', description: 'Cosa portare o cosa si fa. Es. «Porta la tua bicicletta»', placeholder: 'Es. Porta la tua bicicletta' },
    },
  },
  'pact.stage-change': {
    mainField: 'stage',
    edit: [['stage', 'at', 'role'], ['note']],
    fields: {
      stage: { label: 'Fase', description: 'La fase raggiunta. Es. istruttoria' },
      at: { label: 'Data', description: 'Quando il patto è entrato nella fase. Es. 12/11/2026 09:30' },
      role: { label: 'Chi (ruolo)', description: 'Il ruolo di chi ha cambiato la fase, mai il nome. Es. ufficio' },
      note: { label: 'Nota pubblica', description: 'Il motivo del cambio, come compare nella cronologia. Es. «Ammesso all’istruttoria»' },
    },
  },
  'pact.party': {
    mainField: 'name',
    edit: [['name', 'role'], ['organization'], ['commitments']],
    fields: {
      name: { label: 'Nome della parte', description: 'Come compare nel patto. Es. Comitato di quartiere Isola', placeholder: 'Es. Comitato di quartiere Isola' },
      role: { label: 'Ruolo', description: 'Amministrazione, ente gestore, Terzo Settore, gruppo informale, cittadini, scuola, impresa. Es. gruppo_informale' },
      organization: { label: 'Ente in archivio', description: 'Se la parte è un ente della piattaforma, collegalo. Es. APS La Bottega del Riuso' },
      commitments: { label: 'Impegni', description: 'Che cosa fa questa parte, uno per riga. Es. «Pulizia mensile dell’aiuola»' },
    },
  },
  'pact.commitment': {
    mainField: 'kind',
    edit: [['kind'], ['description']],
    fields: {
      kind: { label: 'Tipo di impegno', description: 'Cura, animazione, manutenzione, comunicazione, formazione, materiali, risorse. Es. cura' },
      description: { label: 'Impegno', description: 'Che cosa, quanto spesso. Es. «Innaffiare e pulire l’aiuola ogni settimana da aprile a ottobre»' },
    },
  },
  'pact.provision': {
    mainField: 'kind',
    edit: [['kind'], ['description']],
    fields: {
      kind: { label: 'Che cosa', description: 'Spazi, materiali, formazione, assicurazione, contributo. Es. assicurazione' },
      description: { label: 'Descrizione', description: 'Es. «Copertura assicurativa per i volontari e guanti da lavoro»' },
    },
  },
  'pact.milestone': {
    mainField: 'title',
    edit: [['title'], ['due', 'progress'], ['note']],
    fields: {
      title: { label: 'Tappa', description: 'Es. «Prima giornata di pulizia»', placeholder: 'Es. Prima giornata di pulizia' },
      due: { label: 'Entro il', description: 'Es. 15/03/2027' },
      progress: { label: 'Avanzamento (%)', description: 'Da 0 a 100. Es. 50', placeholder: 'Es. 50' },
      note: { label: 'Nota', description: 'A che punto è, in parole. Es. «Fatta metà delle aiuole»' },
    },
  },
  'pact.report': {
    mainField: 'date',
    edit: [['date'], ['summary'], ['indicators']],
    fields: {
      date: { label: 'Data del rapporto', description: 'Es. 30/06/2027' },
      summary: { label: 'Sintesi', description: 'Che cosa si è fatto e che cosa è cambiato. Es. «12 giornate di cura con 25 volontari»' },
      indicators: { label: 'Indicatori', description: 'Le misure, una per riga: nome, valore, unità, anno. Es. Giornate di cura · 12 · giornate · 2027' },
    },
  },
};
