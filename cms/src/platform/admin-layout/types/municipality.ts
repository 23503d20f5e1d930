import { LINKED_FIELDS } from '../common';
import type { TypeLayout } from '../declare';

export const municipality: TypeLayout = {
  mainField: 'name',
  list: ['name', 'istatCode', 'province', 'managingBody'],
  sort: ['name', 'ASC'],
  edit: [
    ['name', 'slug'], ['istatCode', 'province'], ['latitude', 'longitude'], ['managingBody', 'population2011'],
    ['practices', 'opportunities'], ['regulations', 'trainingMaterials'], ['workshops', 'organizations'],
  ],
  fields: {
    ...LINKED_FIELDS,
    name: { label: 'Nome del comune', description: 'Il nome ufficiale ISTAT. Es. Santhià', placeholder: 'Es. Santhià' },
    slug: { label: 'Indirizzo della pagina', description: 'Parte finale dell’indirizzo della pagina del comune, dal nome. Es. santhia', placeholder: 'Si compila dal nome' },
    istatCode: { label: 'Codice ISTAT', description: 'Sei cifre, come negli elenchi ISTAT. Es. 002133', placeholder: 'Es. 002133' },
    province: { label: 'Provincia', description: 'La sigla della provincia. Es. VC', placeholder: 'VC' },
    latitude: { label: 'Latitudine', description: 'Del centro del comune, in gradi decimali, con il punto o la virgola. Es. 45.3675 o 45,3675', placeholder: 'Es. 45,3675' },
    longitude: { label: 'Longitudine', description: 'Del centro del comune, in gradi decimali, con il punto o la virgola. Es. 8.1734 o 8,1734', placeholder: 'Es. 8,1734' },
    population2011: { label: 'Residenti al censimento 2011', description: 'Popolazione residente (ISTAT, censimento 2011): il denominatore dei tassi per 1.000 residenti delle cifre dei bisogni. Es. 8.838', placeholder: 'Es. 8838' },
    managingBody: { label: 'Ente gestore dei servizi sociali', description: 'Il consorzio o l’ente che gestisce i servizi sociali del comune. Es. C.I.S.A.S. Santhià' },
  },
};
