/**
 * Italian function words: articles, prepositions (simple and articulated), conjunctions, common
 * pronouns and auxiliaries. Content words ("casa", "lavoro") never belong here.
 */
export const ITALIAN_STOP_WORDS: string[] = [
  'il', 'lo', 'la', 'i', 'gli', 'le', 'l', 'un', 'uno', 'una',
  'di', 'a', 'da', 'in', 'con', 'su', 'per', 'tra', 'fra',
  'del', 'dello', 'della', 'dei', 'degli', 'delle', 'dell',
  'al', 'allo', 'alla', 'ai', 'agli', 'alle', 'all',
  'dal', 'dallo', 'dalla', 'dai', 'dagli', 'dalle', 'dall',
  'nel', 'nello', 'nella', 'nei', 'negli', 'nelle', 'nell',
  'sul', 'sullo', 'sulla', 'sui', 'sugli', 'sulle', 'sull',
  'col', 'coi',
  'e', 'ed', 'o', 'od', 'ma', 'che', 'chi', 'cui', 'se', 'come', 'anche', 'oppure', 'quindi', 'però',
  'ci', 'si', 'ne', 'mi', 'ti', 'vi', 'lui', 'lei', 'loro', 'noi', 'voi', 'io', 'tu',
  'è', 'sono', 'era', 'essere', 'ha', 'hanno', 'ho',
  'questo', 'questa', 'questi', 'queste', 'quello', 'quella', 'quelli', 'quelle',
  'suo', 'sua', 'suoi', 'sue', 'nostro', 'nostra', 'vostro', 'vostra',
  'più', 'molto', 'poco', 'tutto', 'tutti', 'tutte', 'ogni',
];
