import { LINKED_FIELDS } from '../common';
import type { TypeLayout } from '../declare';

/** Themes and target groups are the same kind of list: a name, its page and what it gathers. */
export const vocabulary = (example: { name: string; slug: string; description: string }): TypeLayout => ({
  mainField: 'name',
  list: ['name', 'slug', 'updatedAt'],
  sort: ['name', 'ASC'],
  edit: [['name', 'slug'], ['description'], ['practices', 'opportunities'], ['regulations', 'trainingMaterials'], ['workshops', 'organizations']],
  fields: {
    ...LINKED_FIELDS,
    name: { label: 'Nome', description: `Il nome come appare nei filtri del sito: una o due parole. Es. ${example.name}`, placeholder: `Es. ${example.name}` },
    slug: { label: 'Indirizzo della pagina', description: `Parte finale dell’indirizzo della pagina, dal nome. Es. ${example.slug}`, placeholder: 'Si compila dal nome' },
    description: { label: 'Descrizione', description: `Cosa comprende, in una o due frasi. Es. «${example.description}»` },
  },
});

export const theme = vocabulary({ name: 'Abitare', slug: 'abitare', description: 'Casa, affitti, emergenza abitativa e coabitazione.' });
