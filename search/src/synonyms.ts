/**
 * Synonym groups of the district's vocabulary: the words citizens type and the words operators write.
 * Every term of a group finds the others (Meilisearch wants the mapping both ways).
 */
export const SYNONYM_GROUPS: string[][] = [
  ['anziani', 'terza età', 'over 65', 'persone anziane', 'senior'],
  ['disabilità', 'persone con disabilità', 'disabili', 'handicap', 'non autosufficienza'],
  ['lavoro', 'impiego', 'occupazione', 'posto di lavoro'],
  ['tirocinio', 'stage', 'tirocini', 'borsa lavoro'],
  ['formazione', 'corso', 'corsi', 'percorso formativo'],
  ['volontariato', 'volontari', 'volontario', 'odv'],
  ['casa', 'abitazione', 'alloggio', 'abitare', 'housing'],
  ['affitto', 'locazione', 'canone'],
  ['contributo', 'sussidio', 'sostegno economico', 'bonus', 'buono'],
  ['povertà', 'indigenza', 'disagio economico', 'fragilità economica'],
  ['senza dimora', 'senzatetto', 'clochard', 'homeless', 'senza fissa dimora'],
  ['migranti', 'stranieri', 'immigrati', 'rifugiati', 'richiedenti asilo'],
  ['minori', 'bambini', 'ragazzi', 'adolescenti'],
  ['giovani', 'ragazze e ragazzi', 'under 30', 'neet'],
  ['famiglie', 'famiglia', 'nuclei familiari', 'genitori'],
  ['caregiver', 'familiari che assistono', 'assistenza familiare'],
  ['badante', 'assistente familiare', 'badanti'],
  ['riuso', 'riutilizzo', 'seconda vita', 'economia circolare'],
  ['riparazione', 'riparazioni', 'riparare', 'ripara', 'riparatori', 'aggiustare', 'repair'],
  ['bicicletta', 'bici', 'ciclo', 'biciclette'],
  ['falegnameria', 'restauro mobili', 'mobili', 'legno'],
  ['sartoria', 'cucito', 'tessile', 'sartoria sociale'],
  ['orto', 'orti', 'giardinaggio', 'orticoltura', 'verde'],
  ['laboratorio', 'laboratori', 'workshop', 'officina'],
  ['patto di collaborazione', 'patti di collaborazione', 'amministrazione condivisa'],
  ['beni comuni', 'bene comune', 'spazi pubblici'],
  ['terzo settore', 'ets', 'non profit', 'no profit', 'privato sociale'],
  ['cooperativa sociale', 'cooperativa', 'coop sociale'],
  ['associazione', 'aps', 'associazione di promozione sociale'],
  ['comune', 'municipio', 'amministrazione comunale'],
  ['servizi sociali', 'assistente sociale', 'servizio sociale', 'consorzio socio assistenziale'],
  ['salute', 'sanità', 'benessere', 'cura'],
  ['salute mentale', 'disagio psichico', 'psichiatria'],
  ['dipendenze', 'alcol', 'gioco d\'azzardo', 'ludopatia'],
  ['domiciliare', 'a domicilio', 'assistenza domiciliare', 'sad'],
  ['trasporto', 'accompagnamento', 'mobilità', 'trasporto sociale'],
  ['montagna', 'aree interne', 'valsesia', 'valle'],
  ['scuola', 'doposcuola', 'compiti', 'dispersione scolastica'],
  ['cibo', 'alimentare', 'spesa', 'emporio solidale', 'pacchi alimentari'],
  ['isee', 'reddito', 'dichiarazione isee'],
  ['disoccupati', 'disoccupazione', 'senza lavoro', 'persone disoccupate'],
  ['inclusione', 'inserimento', 'integrazione'],
  ['normativa', 'legge', 'leggi', 'regolamento', 'norme'],
  ['modello', 'modulo', 'fac simile', 'schema tipo'],
  ['gratuito', 'gratis', 'senza costi'],
  ['iscrizione', 'iscriversi', 'candidatura', 'domanda'],
  ['scadenza', 'termine', 'entro il'],
  ['violenza', 'violenza di genere', 'centro antiviolenza'],
  ['solitudine', 'isolamento', 'isolamento sociale'],
  ['digitale', 'informatica', 'computer', 'competenze digitali'],
];

export function synonymMap(groups: string[][] = SYNONYM_GROUPS): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) {
    for (const term of group) {
      map[term] = [...new Set([...(map[term] ?? []), ...group.filter((other) => other !== term)])];
    }
  }
  return map;
}

const words = (text: string): string[] => text.toLocaleLowerCase('it').split(/[^\p{L}\p{N}']+/u).filter(Boolean);

/**
 * The synonym groups a text touches, every term of each: written into the document (a searchable field of
 * its own, ranked last), so a query word that reaches a group only through a typo still finds the text.
 * Meilisearch expands synonyms of the words as typed only: «riparazone» finds «riparazione» by typo
 * tolerance, but never the «riparare» of a bicycle workshop. A term of several words touches its group
 * when its words follow each other in the text.
 */
export function wordFamilies(text: string, groups: string[][] = SYNONYM_GROUPS): string[] {
  const padded = ` ${words(text).join(' ')} `;
  const found = new Set<string>();
  for (const group of groups) {
    if (!group.some((term) => padded.includes(` ${words(term).join(' ')} `))) continue;
    // Single words only: a phrase («terza età») written here would match itself exactly and outrank the
    // entries that hold its synonym in their title; phrases keep reaching them through the synonyms.
    for (const term of group) if (words(term).length === 1) found.add(term);
  }
  return [...found];
}
