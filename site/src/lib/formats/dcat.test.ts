import { describe, expect, it } from 'vitest';
import { catalogTriples, rdfXml, turtle } from './dcat';

const triples = catalogTriples({ site: 'https://coesione.example/', publisherName: 'Comune di Prova', publisherIpa: 'c_prova', modified: '2026-12-01' }, [
  { slug: 'temi', title: 'Aree "tematiche"', description: 'Righe\nsu due', theme: 'SOCI', frequency: 'IRREG', modified: '2026-11-30', landingPage: '/dati-aperti/temi/', files: [{ path: '/dati-aperti/temi.csv', format: 'CSV' }] },
]);

describe('the DCAT-AP_IT catalogue', () => {
  it('writes one dataset with its file, licence, theme and publisher, in Turtle with its strings escaped', () => {
    const text = turtle(triples);
    expect(text).toContain('@prefix dcatapit: <http://dati.gov.it/onto/dcatapit#> .');
    expect(text).toContain('<https://coesione.example/dati-aperti/catalog#temi>\n  a <http://www.w3.org/ns/dcat#Dataset>, <http://dati.gov.it/onto/dcatapit#Dataset> ;');
    expect(text).toContain('dct:identifier "c_prova:temi"');
    expect(text).toContain('dct:title "Aree \\"tematiche\\""@it');
    expect(text).toContain('dct:description "Righe\\nsu due"@it');
    expect(text).toContain('dct:modified "2026-11-30"^^xsd:date');
    expect(text).toContain('dct:license <https://creativecommons.org/licenses/by/4.0/>');
    expect(text).toContain('dcat:theme <http://publications.europa.eu/resource/authority/data-theme/SOCI>');
  });

  it('writes the same in RDF/XML, escaped for XML', () => {
    const text = rdfXml(triples);
    expect(text).toContain('<rdf:Description rdf:about="https://coesione.example/dati-aperti/catalog#temi-csv">');
    expect(text).toContain('<dct:title xml:lang="it">Aree &quot;tematiche&quot;</dct:title>');
    expect(text).toContain('<dct:modified rdf:datatype="http://www.w3.org/2001/XMLSchema#date">2026-11-30</dct:modified>');
  });
});
