import type { TypeLayout } from '../../platform/admin-layout/declare';

/** The two vocabularies of the need records: what partners pick from, edited by the editors. */
const needVocabulary = (example: { name: string; slug: string; description: string }, themes: boolean): TypeLayout => ({
  mainField: 'name',
  list: ['name', 'slug', 'updatedAt'],
  sort: ['name', 'ASC'],
  edit: [['name', 'slug'], ['description'], ...(themes ? [['themes']] : [])],
  fields: {
    name: { label: 'Nome', description: `Come lo leggono i partner nel modello e il pubblico nelle cifre. Es. ${example.name}`, placeholder: `Es. ${example.name}` },
    slug: { label: 'Codice', description: `Il codice da scrivere nel file CSV (anche il nome va bene). Non cambiarlo dopo le prime importazioni. Es. ${example.slug}`, placeholder: 'Si compila dal nome' },
    description: { label: 'Descrizione', description: `Cosa comprende, perché i partner scelgano tutti allo stesso modo. Es. «${example.description}»` },
    ...(themes ? { themes: { label: 'Aree tematiche che rispondono', description: 'Le aree tematiche delle opportunità e buone prassi che rispondono a questo bisogno: la mappa mostra l’offerta accanto al bisogno. Es. Abitare' } } : {}),
  },
});

export const needCategory = needVocabulary({ name: 'Casa', slug: 'casa', description: 'Sfratto, affitto non pagato, casa inadeguata o assente.' }, true);
export const needService = needVocabulary({ name: 'Ascolto e orientamento', slug: 'ascolto-e-orientamento', description: 'Colloqui, informazioni, invio ad altri servizi.' }, false);

export const needRecord: TypeLayout = {
  mainField: 'month',
  list: ['month', 'municipality', 'ageBand', 'household', 'updatedAt'],
  sort: ['month', 'DESC'],
  edit: [['month', 'municipality'], ['ageBand', 'household'], ['sex', 'citizenship'], ['categories', 'services'], ['socialServiceInvolved'], ['codiceFiscale', 'internalCode'], ['organization', 'personKey', 'source']],
  fields: {
    month: { label: 'Mese', description: 'Il mese in cui avete seguito la persona o il nucleo, AAAA-MM: una scheda per persona e mese. Es. 2026-10', placeholder: 'AAAA-MM' },
    municipality: { label: 'Comune di residenza', description: 'Il comune dove vive la persona (non la sede dell’ente). Es. Santhià' },
    ageBand: { label: 'Fascia d’età', description: 'Della persona, o del referente del nucleo. Es. 30–49' },
    household: { label: 'Tipo di nucleo', description: 'Con chi vive la persona. Es. Un genitore con figli' },
    sex: { label: 'Sesso', description: 'Facoltativo: lasciate «non indicato» se non lo sapete. Es. Femmina' },
    citizenship: { label: 'Cittadinanza', description: 'Facoltativo: italiana, UE o extra UE. Es. Paese extra UE' },
    categories: { label: 'Bisogni', description: 'Uno o più bisogni emersi nel mese. Es. Casa, Lavoro' },
    services: { label: 'Servizi dati', description: 'Che cosa avete offerto nel mese. Es. Aiuto alimentare' },
    socialServiceInvolved: { label: 'Segue anche il servizio sociale', description: 'Sì se il servizio sociale dell’ente gestore segue la persona. Es. sì, se è in carico al consorzio' },
    codiceFiscale: { label: 'Codice fiscale (non viene conservato)', description: 'Facoltativo: della persona o del referente del nucleo. Serve solo a contarla una volta sola anche se la seguono più enti; il pannello ne tiene un’impronta cifrata e cancella il codice. Es. RSSMRA85T10A562S', placeholder: '16 caratteri' },
    internalCode: { label: 'Codice della vostra scheda (non viene conservato)', description: 'Facoltativo, se non indicate il codice fiscale: il numero della vostra cartella, per contare la persona una volta sola nei mesi. Es. SCH-0012', placeholder: 'Es. SCH-0012' },
    organization: { label: 'Ente', description: 'Il vostro ente: lo imposta il pannello dal vostro account. Es. APS La Bottega del Riuso', readOnly: true, hidden: true },
    personKey: { label: 'Impronta della persona', description: 'Calcolata dal pannello dal codice fiscale o dal codice della scheda, mai mostrata. Es. (nascosta)', readOnly: true, hidden: true },
    source: { label: 'Origine', description: 'Inserita a mano o importata da file: la imposta il pannello. Es. importazione', readOnly: true, hidden: true },
  },
};

export const needFigure: TypeLayout = {
  mainField: 'quarter',
  list: ['quarter', 'level', 'minCell', 'frozen', 'computedAt'],
  sort: ['quarter', 'DESC'],
  edit: [['quarter', 'level', 'quarters'], ['minCell', 'frozen', 'computedAt'], ['reporting'], ['cells']],
  fields: {
    quarter: { label: 'Trimestre', description: 'Calcolato dal pannello. Es. 2026-T3', readOnly: true },
    level: { label: 'Livello', description: 'Comuni, ambiti o distretto. Es. ambito', readOnly: true },
    quarters: { label: 'Trimestri contati', description: 'Le cifre dei comuni contano le persone seguite negli ultimi quattro trimestri; ambiti e distretto quelle del trimestre. Es. 4', readOnly: true },
    minCell: { label: 'Soglia', description: 'Sotto questo numero di persone una cifra non si pubblica. Es. 5', readOnly: true },
    frozen: { label: 'Definitivo', description: 'Un trimestre chiuso da più di 45 giorni non cambia più. Es. sì per 2026-T2 da metà agosto', readOnly: true },
    computedAt: { label: 'Calcolato il', description: 'Quando il pannello ha ricalcolato queste cifre. Es. 20/11/2026 03:20', readOnly: true },
    reporting: { label: 'Completezza degli invii', description: 'Quanti enti dovevano inviare i dati del trimestre, quanti li hanno inviati per ogni mese già scaduto e quanti entro il giorno previsto (chi, nella pagina «Dati di bisogno»). Es. 12 enti su 15, 11 nei tempi', readOnly: true },
    cells: { label: 'Cifre', description: 'Le cifre pubblicate, con le celle oscurate: si leggono sul sito in «Bisogni». Es. Vercelli, casa: 42 persone', readOnly: true },
  },
};

export const needAudit: TypeLayout = {
  mainField: 'action',
  list: ['at', 'action', 'actor', 'organization', 'count'],
  sort: ['at', 'DESC'],
  edit: [['at', 'action'], ['actor', 'organization'], ['count'], ['detail']],
  fields: {
    at: { label: 'Quando', description: 'Data e ora dell’accesso. Es. 20/11/2026 10:12', readOnly: true },
    action: { label: 'Che cosa', description: 'Importazione (riuscita o no), annullamento, esportazione, lettura di un elenco, cancellazione per scadenza, calcolo delle cifre. Es. importazione', readOnly: true },
    actor: { label: 'Chi', description: 'L’e-mail dell’utente, o «sistema» per i lavori automatici. Es. partner@ente.it', readOnly: true },
    organization: { label: 'Ente', description: 'L’ente dei dati letti o importati. Es. ODV Voci Amiche', readOnly: true },
    count: { label: 'Quante schede', description: 'Quante schede o righe ha toccato. Es. 120', readOnly: true },
    detail: { label: 'Dettagli', description: 'Mesi, trimestri o elenco interessati. Es. mesi 2026-10', readOnly: true },
  },
};
