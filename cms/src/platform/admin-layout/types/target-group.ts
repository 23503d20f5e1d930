import { vocabulary } from './theme';

export const targetGroup = vocabulary({ name: 'Giovani', slug: 'giovani', description: 'Ragazze e ragazzi dai 15 ai 29 anni.' });
