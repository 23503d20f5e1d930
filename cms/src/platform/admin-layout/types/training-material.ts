import { EDITORIAL_FIELDS } from '../common';
import type { TypeLayout } from '../declare';

export const trainingMaterial: TypeLayout = {
  mainField: 'title',
  list: ['title', 'format', 'audience', 'level', 'proposedBy', 'updatedAt'],
  sort: ['updatedAt', 'DESC'],
  edit: [
    ['title'], ['slug', 'format'], ['summary'], ['body'],
    ['audience', 'level', 'durationMinutes'], ['files', 'externalUrl'],
    ['relatedPractices', 'relatedRegulations'],
    ['themes', 'targetGroups'], ['municipalities', 'cover'],
    ['proposedBy', 'verifiedAt'], ['reviewNote', 'returnedAt'],
  ],
  fields: {
    ...EDITORIAL_FIELDS,
    title: { ...EDITORIAL_FIELDS.title, description: 'Di cosa parla il materiale. Es. «Come si scrive un patto di collaborazione»', placeholder: 'Es. Come si scrive un patto di collaborazione' },
    format: { label: 'Formato', description: 'Guida, slide, video, corso, webinar o scheda. Es. guida' },
    audience: { label: 'Per chi è', description: 'Operatori dei servizi, Terzo Settore o cittadini. Es. terzo settore' },
    level: { label: 'Livello', description: 'Base per chi comincia, intermedio, avanzato per chi ha esperienza. Es. base' },
    durationMinutes: { label: 'Durata (minuti)', description: 'Quanto serve per seguirlo, in minuti. Es. 90', placeholder: 'Es. 90' },
    files: { label: 'File', description: 'Il materiale da scaricare (PDF, presentazioni). Es. guida-patti.pdf' },
    externalUrl: { label: 'Link esterno', description: 'Se il materiale è su un altro sito (video, corso online). Es. https://www.youtube.com/watch?v=…', placeholder: 'https://' },
    relatedPractices: { label: 'Buone prassi collegate', description: 'Le esperienze di cui parla. Es. «Orti condivisi»' },
    relatedRegulations: { label: 'Normativa collegata', description: 'Gli atti che spiega o cita. Es. «Codice del Terzo Settore»' },
  },
};
