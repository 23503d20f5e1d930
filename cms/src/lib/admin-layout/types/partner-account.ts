import type { TypeLayout } from '../declare';

export const partnerAccount: TypeLayout = {
  mainField: 'email',
  list: ['email', 'organization', 'note'],
  sort: ['email', 'ASC'],
  edit: [['email', 'organization'], ['note']],
  fields: {
    email: { label: 'E-mail dell’utente', description: 'La stessa e-mail con cui il partner entra nel pannello. Es. mario.rossi@bottegadelriuso.it', placeholder: 'nome@ente.it' },
    organization: { label: 'Ente', description: 'L’ente per cui il partner propone le schede: tutto ciò che crea porta questo ente. Es. APS La Bottega del Riuso' },
    note: { label: 'Nota interna', description: 'Per la redazione. Es. «Referente dal 2026, sostituisce Anna»' },
  },
};
