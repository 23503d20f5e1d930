import { EDITORIAL_FIELDS } from '../../platform/admin-layout/common';
import type { TypeLayout } from '../../platform/admin-layout/declare';

/**
 * A collaboration pact: the office (editors) moves the stage with «Fase» and a public note; the history,
 * the deadlines and the notice window are the server's (cms/src/features/pacts/stages.ts), so read-only here.
 */
export const pact: TypeLayout = {
  mainField: 'title',
  list: ['title', 'stage', 'kind', 'answerDue', 'updatedAt'],
  sort: ['updatedAt', 'DESC'],
  edit: [
    ['title'], ['slug', 'kind'], ['summary'], ['body'],
    ['commonGood'], ['location'], ['municipalities', 'themes'], ['targetGroups', 'managingBody'],
    ['stage', 'stageNote'], ['receivedAt', 'answerDue', 'answeredAt'], ['noticeOpens', 'noticeCloses'], ['stageHistory'],
    ['parties'], ['provisions'], ['startDate', 'endDate', 'durationMonths'], ['milestones'], ['reports'],
    ['publicProposer'], ['proposerName', 'proposerEmail', 'proposerPhone'], ['proposerConsent', 'sourceReceipt'],
    ['cover', 'attachments'], ['proposedBy', 'verifiedAt'], ['reviewNote', 'returnedAt'],
  ],
  fields: {
    ...EDITORIAL_FIELDS,
    title: { label: 'Titolo del patto', description: 'Che cosa si cura e dove, in breve. Es. «Cura dell’aiuola di piazza Cavour»', placeholder: 'Es. Cura dell’aiuola di piazza Cavour' },
    commonGood: { label: 'Bene comune', description: 'Il bene di cui il patto si prende cura: che cosa è e dove. Es. «Aiuola e panchine di piazza Cavour, Vercelli»', placeholder: 'Es. Aiuola di piazza Cavour' },
    location: { label: 'Luogo del bene comune', description: 'Indirizzo, comune e coordinate: mettono il patto sulla mappa. Es. Piazza Cavour, Vercelli' },
    kind: { label: 'Tipo di patto', description: 'Ordinario (interventi semplici, senza avviso) o complesso (con avviso pubblico per proposte concorrenti). Es. ordinario' },
    managingBody: { label: 'Ente gestore', description: 'L’ente che segue il patto per l’amministrazione. Es. Consorzio socio-assistenziale' },
    stage: {
      label: 'Fase',
      description: 'Solo l’ufficio (la redazione) la cambia, una fase alla volta, secondo il regolamento: se la fase scelta non è ammessa, il salvataggio spiega quali lo sono. Es. istruttoria',
    },
    stageNote: { label: 'Nota sul cambio di fase (pubblica)', description: 'Il motivo del cambio, come comparirà nella cronologia del patto; si svuota dopo il salvataggio. Es. «Ammesso: interesse generale verificato»' },
    stageHistory: { label: 'Cronologia delle fasi', description: 'La scrive il sistema a ogni cambio di fase: data, fase, nota pubblica e ruolo (mai il nome della persona). Es. Istruttoria · 12/11/2026 · ufficio', readOnly: true },
    receivedAt: { label: 'Proposta ricevuta il', description: 'La scrive il sistema: da qui si contano i giorni per la risposta. Es. 02/11/2026 10:15', readOnly: true },
    answerDue: { label: 'Risposta dovuta entro', description: 'La calcola il sistema: 30 giorni di calendario dalla ricezione, salvo diversa impostazione dell’ufficio. Es. 02/12/2026', readOnly: true },
    answeredAt: { label: 'Risposta data il', description: 'La scrive il sistema quando il patto è ammesso o non ammesso. Es. 20/11/2026 16:00', readOnly: true },
    noticeOpens: { label: 'Avviso pubblico dal', description: 'Per i patti complessi: lo scrive il sistema quando si apre l’avviso. Es. 21/11/2026', readOnly: true },
    noticeCloses: { label: 'Avviso pubblico fino al', description: 'Lo calcola il sistema (PACT_NOTICE_DAYS giorni). Es. 20/12/2026', readOnly: true },
    parties: { label: 'Parti del patto', description: 'Chi firma il patto e i suoi impegni: amministrazione, enti, gruppi, cittadini. Es. Comune di Vercelli; Comitato di quartiere Isola' },
    provisions: { label: 'Cosa mette a disposizione l’amministrazione', description: 'Spazi, materiali, formazione, assicurazione, contributi. Es. «Copertura assicurativa dei volontari»' },
    startDate: { label: 'Inizio', description: 'Il giorno da cui il patto vale. Es. 01/01/2027' },
    endDate: { label: 'Fine', description: 'Il giorno in cui scade, se già stabilito. Es. 31/12/2028' },
    durationMonths: { label: 'Durata (mesi)', description: 'Quanto dura il patto. Es. 24', placeholder: 'Es. 24' },
    milestones: { label: 'Tappe', description: 'Le tappe dell’attuazione con il loro avanzamento in percentuale. Es. «Prima pulizia del giardino · 100 %»' },
    reports: { label: 'Rendicontazioni', description: 'I rapporti di monitoraggio: data, sintesi, indicatori. Es. «Primo anno: 12 giornate di cura»' },
    publicProposer: { label: 'Proponente (pubblico)', description: 'Il gruppo o l’ente che propone; il nome di una persona solo con il suo consenso. Es. Comitato di quartiere Isola', placeholder: 'Es. Comitato di quartiere Isola' },
    proposerName: { label: 'Nome del proponente (riservato)', description: 'Per contattarlo durante l’istruttoria: non compare mai sul sito. Es. Maria Rossi' },
    proposerEmail: { label: 'E-mail del proponente (riservata)', description: 'Non compare mai sul sito. Es. nome@example.org' },
    proposerPhone: { label: 'Telefono del proponente (riservato)', description: 'Non compare mai sul sito. Es. 0161 123456' },
    proposerConsent: { label: 'Il proponente acconsente a mostrare il suo nome', description: 'Solo con questo consenso il suo nome può stare in «Proponente (pubblico)». Es. sì, se l’ha chiesto nel modulo' },
    sourceReceipt: { label: 'Dalla proposta con ricevuta', description: 'Lo scrive il sistema quando il patto nasce da una proposta di /partecipa/patto/. Es. ABCD-EFGH-JKMN', readOnly: true },
    attachments: { label: 'Documenti', description: 'Il patto firmato, le delibere, le planimetrie. Es. patto-firmato.pdf' },
  },
};
