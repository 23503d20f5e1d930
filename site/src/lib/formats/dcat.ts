/**
 * The DCAT-AP_IT catalogue of the open data (/dati-aperti/catalog.ttl and catalog.rdf): the catalogue, each
 * dataset and each of its files (distributions), the publisher and rights holder with its IPA code, the
 * licence (CC BY 4.0), the EU themes and frequencies from the EU vocabularies. Written as triples once, then
 * as Turtle and as RDF/XML, so the two files say the same. The profile: https://www.dati.gov.it/ (DCAT-AP_IT 1.0,
 * the classes and properties dati.gov.it harvests).
 */

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dct: 'http://purl.org/dc/terms/',
  dcat: 'http://www.w3.org/ns/dcat#',
  dcatapit: 'http://dati.gov.it/onto/dcatapit#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
} as const;
type Prefix = keyof typeof NS;
/** A property or class by its prefixed name: `dct:title`. */
type Name = `${Prefix}:${string}`;

const EU = 'http://publications.europa.eu/resource/authority/';
/** EU data themes (the «dcat:theme» DCAT-AP_IT requires). */
export type EuTheme = 'SOCI' | 'GOVE' | 'REGI' | 'EDUC' | 'HEAL';
/** EU frequencies: continuously updated, quarterly, irregular. */
export type Frequency = 'UPDATE_CONT' | 'QUARTERLY' | 'IRREG';
/** EU file types, with the media type of the file. */
export const FILE_TYPES = {
  CSV: 'text/csv',
  JSON: 'application/json',
  GEOJSON: 'application/geo+json',
  ICS: 'text/calendar',
} as const;
export type FileType = keyof typeof FILE_TYPES;

export const LICENCE = { iri: 'https://creativecommons.org/licenses/by/4.0/', name: 'Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)', type: 'http://purl.org/adms/licencetype/Attribution' };

export interface CatalogDataset {
  slug: string;
  title: string;
  description: string;
  theme: EuTheme;
  frequency: Frequency;
  /** YYYY-MM-DD: the last change of its content. */
  modified: string;
  /** Site-relative addresses. */
  landingPage: string;
  files: { path: string; format: FileType }[];
}

export interface CatalogOptions {
  /** The site's address, ending in «/». */
  site: string;
  publisherName: string;
  /** The publisher's code in the Indice delle Pubbliche Amministrazioni. */
  publisherIpa: string;
  /** YYYY-MM-DD. */
  modified: string;
}

type Term = { iri: string } | { literal: string; lang?: 'it'; datatype?: Name };
export interface Triple {
  s: string;
  p: Name;
  o: Term;
}

const expand = (name: Name): string => {
  const [prefix, local] = name.split(':') as [Prefix, string];
  return NS[prefix] + local;
};

export function catalogTriples(options: CatalogOptions, datasets: readonly CatalogDataset[]): Triple[] {
  const base = new URL('dati-aperti/', options.site).href;
  const catalog = `${base}catalog`;
  const agent = `${catalog}#titolare`;
  const contact = `${catalog}#contatto`;
  const triples: Triple[] = [];
  const add = (s: string, p: Name, o: Term) => triples.push({ s, p, o });
  const a = (s: string, ...classes: Name[]) => classes.forEach((c) => add(s, 'rdf:type', { iri: expand(c) }));
  const it = (literal: string): Term => ({ literal, lang: 'it' });
  const day = (literal: string): Term => ({ literal, datatype: 'xsd:date' });
  const language = { iri: `${EU}language/ITA` };

  a(catalog, 'dcat:Catalog', 'dcatapit:Catalog');
  add(catalog, 'dct:title', it('Dati aperti di Coesione – Distretto di Coesione Sociale di Vercelli'));
  add(catalog, 'dct:description', it('Le schede, i luoghi, i patti di collaborazione, le cifre dei bisogni e il calendario pubblicati dalla piattaforma del distretto, in formati aperti.'));
  add(catalog, 'dct:publisher', { iri: agent });
  add(catalog, 'dct:modified', day(options.modified));
  add(catalog, 'dct:language', language);
  add(catalog, 'foaf:homepage', { iri: options.site });

  a(agent, 'foaf:Agent', 'dcatapit:Agent');
  add(agent, 'foaf:name', it(options.publisherName));
  add(agent, 'dct:identifier', { literal: options.publisherIpa });

  a(contact, 'vcard:Organization', 'dcatapit:Organization');
  add(contact, 'vcard:fn', it(options.publisherName));
  add(contact, 'vcard:hasURL', { iri: base });

  a(LICENCE.iri, 'dct:LicenseDocument', 'dcatapit:LicenseDocument');
  add(LICENCE.iri, 'dct:type', { iri: LICENCE.type });
  add(LICENCE.iri, 'foaf:name', it(LICENCE.name));

  for (const d of datasets) {
    const dataset = `${catalog}#${d.slug}`;
    add(catalog, 'dcat:dataset', { iri: dataset });
    a(dataset, 'dcat:Dataset', 'dcatapit:Dataset');
    add(dataset, 'dct:identifier', { literal: `${options.publisherIpa}:${d.slug}` });
    add(dataset, 'dct:title', it(d.title));
    add(dataset, 'dct:description', it(d.description));
    add(dataset, 'dcat:theme', { iri: `${EU}data-theme/${d.theme}` });
    add(dataset, 'dct:rightsHolder', { iri: agent });
    add(dataset, 'dct:publisher', { iri: agent });
    add(dataset, 'dct:accrualPeriodicity', { iri: `${EU}frequency/${d.frequency}` });
    add(dataset, 'dct:modified', day(d.modified));
    add(dataset, 'dct:language', language);
    add(dataset, 'dcat:landingPage', { iri: new URL(d.landingPage, options.site).href });
    add(dataset, 'dcat:contactPoint', { iri: contact });
    for (const file of d.files) {
      const distribution = `${dataset}-${file.format.toLowerCase()}`;
      const url = new URL(file.path, options.site).href;
      add(dataset, 'dcat:distribution', { iri: distribution });
      a(distribution, 'dcat:Distribution', 'dcatapit:Distribution');
      add(distribution, 'dct:title', it(`${d.title} (${file.format})`));
      add(distribution, 'dct:format', { iri: `${EU}file-type/${file.format}` });
      add(distribution, 'dcat:mediaType', { iri: `https://www.iana.org/assignments/media-types/${FILE_TYPES[file.format]}` });
      add(distribution, 'dcat:accessURL', { iri: url });
      add(distribution, 'dcat:downloadURL', { iri: url });
      add(distribution, 'dct:license', { iri: LICENCE.iri });
    }
  }
  return triples;
}

/** Subjects in order of first appearance, each with its triples: both writers group by subject. */
function bySubject(triples: readonly Triple[]): Map<string, Triple[]> {
  const groups = new Map<string, Triple[]>();
  for (const t of triples) groups.set(t.s, [...(groups.get(t.s) ?? []), t]);
  return groups;
}

const turtleString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
const turtleIri = (iri: string) => `<${iri.replace(/[<>"{}|^`\\\s]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}>`;
const turtleTerm = (o: Term) => ('iri' in o ? turtleIri(o.iri) : `${turtleString(o.literal)}${o.lang ? `@${o.lang}` : o.datatype ? `^^${o.datatype}` : ''}`);

export function turtle(triples: readonly Triple[]): string {
  const head = (Object.entries(NS) as [Prefix, string][]).map(([prefix, iri]) => `@prefix ${prefix}: <${iri}> .`).join('\n');
  const blocks = [...bySubject(triples)].map(([subject, list]) => {
    const types = list.filter((t) => t.p === 'rdf:type').map((t) => turtleTerm(t.o));
    const rest = list.filter((t) => t.p !== 'rdf:type').map((t) => `${t.p} ${turtleTerm(t.o)}`);
    return `${turtleIri(subject)}\n  ${[...(types.length ? [`a ${types.join(', ')}`] : []), ...rest].join(' ;\n  ')} .`;
  });
  return `${head}\n\n${blocks.join('\n\n')}\n`;
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rdfXml(triples: readonly Triple[]): string {
  const namespaces = (Object.entries(NS) as [Prefix, string][]).map(([prefix, iri]) => `xmlns:${prefix}="${iri}"`).join('\n    ');
  const blocks = [...bySubject(triples)].map(([subject, list]) => {
    const properties = list.map(({ p, o }) =>
      'iri' in o
        ? `    <${p} rdf:resource="${xml(o.iri)}"/>`
        : `    <${p}${o.lang ? ` xml:lang="${o.lang}"` : ''}${o.datatype ? ` rdf:datatype="${xml(expand(o.datatype))}"` : ''}>${xml(o.literal)}</${p}>`,
    );
    return `  <rdf:Description rdf:about="${xml(subject)}">\n${properties.join('\n')}\n  </rdf:Description>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF\n    ${namespaces}>\n${blocks.join('\n')}\n</rdf:RDF>\n`;
}
