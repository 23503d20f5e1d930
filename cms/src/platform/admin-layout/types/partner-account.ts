import type { TypeLayout } from '../declare';

export const partnerAccount: TypeLayout = {
  mainField: 'email',
  list: ['email', 'organization', 'adminUserId', 'note'],
  sort: ['email', 'ASC'],
  edit: [['email', 'organization'], ['adminUserId', 'note']],
  fields: {
    email: { label: 'E-mail dell’utente', description: 'La stessa e-mail con cui il partner entra nel pannello. Es. mario.rossi@bottegadelriuso.it', placeholder: 'nome@ente.it' },
    organization: { label: 'Ente', description: 'L’ente per cui il partner propone le schede: tutto ciò che crea porta questo ente. Es. APS La Bottega del Riuso' },
    adminUserId: {
      label: 'Utente collegato (numero)',
      description: 'Si compila da sé al primo accesso del partner: da allora l’account vale per quell’utente, anche se l’e-mail cambia. Svuotalo quando l’indirizzo passa a un’altra persona. Es. 12',
    },
    note: { label: 'Nota interna', description: 'Per la redazione. Es. «Referente dal 2026, sostituisce Anna»' },
  },
};
