import type { TypeLayout } from '../../platform/admin-layout/declare';

export const submission: TypeLayout = {
  mainField: 'receipt',
  list: ['receipt', 'kind', 'state', 'title', 'createdAt'],
  sort: ['createdAt', 'DESC'],
  // The moderator's fields first; below them, read-only, what the citizen sent (the reply and the state are
  // what the citizen reads back: their own words stay theirs).
  edit: [
    ['state', 'reasonCode'], ['publicReply'],
    ['receipt', 'kind'], ['title'], ['description'], ['targetType', 'category'], ['comune', 'address'], ['latitude', 'longitude'],
    ['commonGood', 'period'], ['participants'], ['needs'], ['noticeContribution'],
    ['organizationName', 'email'], ['contactName', 'phone', 'showName'], ['targetDocumentId', 'stars'], ['comment'],
    ['createdDraftType', 'createdDraftDocumentId'],
  ],
  fields: {
    receipt: { label: 'Codice ricevuta', description: 'Il codice che il cittadino ha ricevuto e con cui segue la risposta. Es. ABCD-EFGH-JKMN', readOnly: true },
    kind: {
      label: 'Tipo di contributo',
      description: 'Proposta di una scheda, segnalazione di un bisogno, valutazione di un servizio, proposta di patto di collaborazione o contributo all’avviso pubblico di un patto. Es. patto',
      readOnly: true,
    },
    state: {
      label: 'Stato',
      description: 'Ricevuta → In revisione → Accettata o Respinta. Accettare una proposta crea una bozza da completare; accettare una proposta di patto apre il patto in «Proposta ricevuta». Es. In revisione',
    },
    reasonCode: { label: 'Motivo del rifiuto', description: 'Solo per i contributi respinti. Es. Duplicato di un altro contributo' },
    publicReply: { label: 'Risposta al cittadino', description: 'La vede chi ha inviato il contributo cercando il codice ricevuta: scrivi in modo semplice e cortese. Es. «Grazie, la proposta è stata pubblicata come buona prassi.»' },
    title: { label: 'Titolo proposto', description: 'Come l’ha scritto il cittadino. Es. «Doposcuola nel quartiere Isola»', readOnly: true },
    description: { label: 'Testo del cittadino', description: 'La proposta o la segnalazione, come l’ha scritta il cittadino. Es. «Manca un doposcuola…»', readOnly: true },
    targetType: { label: 'Tipo di scheda proposta', description: 'Per le proposte: buona prassi (practice), opportunità (opportunity) o laboratorio (workshop). Es. practice', readOnly: true },
    category: { label: 'Categoria del bisogno', description: 'Per le segnalazioni. Es. abitare', readOnly: true },
    comune: { label: 'Comune', description: 'Il comune indicato dal cittadino. Es. Vercelli', readOnly: true },
    address: { label: 'Indirizzo', description: 'Se il cittadino l’ha indicato. Es. Via Dante 3', readOnly: true },
    latitude: { label: 'Latitudine', description: 'Del punto indicato sulla mappa, se c’è. Es. 45.32', readOnly: true },
    longitude: { label: 'Longitudine', description: 'Del punto indicato sulla mappa, se c’è. Es. 8.42', readOnly: true },
    organizationName: { label: 'Ente del mittente', description: 'Se il cittadino scrive per un ente. Es. ODV Voci Amiche', readOnly: true },
    targetDocumentId: { label: 'Scheda valutata o patto (codice)', description: 'Per le valutazioni e i contributi a un avviso: il codice della scheda o del patto. Es. k3j2…', readOnly: true },
    stars: { label: 'Stelle', description: 'Per le valutazioni: da 1 a 5. Es. 4', readOnly: true },
    comment: { label: 'Commento alla valutazione', description: 'Per le valutazioni. Es. «Personale gentile, attesa lunga»', readOnly: true },
    commonGood: { label: 'Bene comune', description: 'Per le proposte di patto: il bene di cui prendersi cura. Es. «Il giardino dietro la biblioteca»', readOnly: true },
    period: { label: 'Quando', description: 'Per le proposte di patto: quando e quanto spesso. Es. «Il sabato mattina, da marzo»', readOnly: true },
    participants: { label: 'Chi è coinvolto', description: 'Per le proposte di patto: le persone, i gruppi e gli enti. Es. «Dieci famiglie del condominio»', readOnly: true },
    needs: { label: 'Che cosa chiedono al Comune', description: 'Per le proposte di patto: spazi, materiali, formazione, assicurazione. Es. «Attrezzi e la copertura assicurativa»', readOnly: true },
    noticeContribution: { label: 'Tipo di contributo all’avviso', description: 'Per i contributi a un avviso pubblico: proposta concorrente, integrativa o osservazione. Es. integrativa', readOnly: true },
    contactName: { label: 'Nome del mittente (riservato)', description: 'Per le proposte di patto: non compare sul sito salvo consenso. Es. Maria Rossi', readOnly: true },
    phone: { label: 'Telefono del mittente (riservato)', description: 'Per le proposte di patto: non compare mai sul sito. Es. 0161 123456', readOnly: true },
    showName: { label: 'Consente di mostrare il nome', description: 'Per le proposte di patto: il nome può comparire nel registro come proponente. Es. sì', readOnly: true },
    email: { label: 'E-mail del mittente (riservata)', description: 'Solo per rispondere: non compare mai sul sito né in altre risposte. Es. nome@example.org', readOnly: true },
    createdDraftType: { label: 'Bozza creata: tipo', description: 'Lo scrive il sistema quando una proposta accettata diventa bozza. Es. api::practice.practice', readOnly: true },
    createdDraftDocumentId: { label: 'Bozza creata: codice', description: 'Lo scrive il sistema: il codice della bozza creata. Es. k3j2…', readOnly: true },
  },
};
