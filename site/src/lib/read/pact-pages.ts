/**
 * The register's filter pages, the annual reports and each pact's document, read once per build from the
 * content collections (the computations are lib/present/pact-register.ts, pact-report.ts and
 * pact-document.ts).
 */
import { cardsOf, entriesOf } from './content';
import type { Card } from '../present/cards';
import type { SectionData } from '../present/sections';
import { buildNow } from '../present/format';
import { PAGE_SIZE } from '../present/pagination';
import { PACT_TEMPLATE_SLUG, pactDocument, type PactTemplate } from '../present/pact-document';
import { pactFacets, type FacetGroup, type FacetValue } from '../present/pact-register';
import { pactReport, reportYears, type PactReport } from '../present/pact-report';

export interface PactRegister {
  pacts: SectionData<'pact'>[];
  /** The register's cards, in its reading order. */
  cards: Card[];
  facets: FacetGroup[];
  years: number[];
}

let register: Promise<PactRegister> | undefined;
export function pactRegister(): Promise<PactRegister> {
  register ??= (async () => {
    const pacts = (await entriesOf('pact')).map((e) => e.data);
    return { pacts, cards: await cardsOf('pact'), facets: pactFacets(pacts), years: reportYears(pacts) };
  })();
  return register;
}

export interface FacetPageProps {
  group: FacetGroup;
  value: FacetValue;
  page: number;
  last: number;
  total: number;
  cards: Card[];
}

/** Every filter page, 20 cards a page like the section lists: /patti/fase/<stage>/, then …/pagina/N/. */
export async function facetPages() {
  const { cards, facets } = await pactRegister();
  return facets.flatMap((group) =>
    group.values.flatMap((value) => {
      const slugs = new Set(value.pacts);
      const mine = cards.filter((c) => slugs.has(c.slug));
      const last = Math.max(1, Math.ceil(mine.length / PAGE_SIZE));
      return Array.from({ length: last }, (_, i) => ({
        params: { facet: group.path, value: value.slug, page: i === 0 ? undefined : `pagina/${i + 1}` },
        props: { group, value, page: i + 1, last, total: mine.length, cards: mine.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE) } satisfies FacetPageProps,
      }));
    }),
  );
}

export async function reports(): Promise<PactReport[]> {
  const { pacts, years } = await pactRegister();
  const now = buildNow();
  return years.map((year) => pactReport(pacts, year, now));
}

/** The pages of the register beyond the section list, for the sitemap. */
export async function pactPaths(): Promise<string[]> {
  const paths = (await facetPages()).map((p) => `/patti/${p.params.facet}/${p.params.value}/${p.params.page ? `${p.params.page}/` : ''}`);
  const { years } = await pactRegister();
  return [...paths, '/patti/rapporto/', ...years.map((y) => `/patti/rapporto/${y}/`)];
}

// One build writes each pact's PDF once: the page (for the link's size) and the endpoint share it.
const documents = new Map<string, Promise<Buffer>>();
let template: Promise<PactTemplate | undefined> | undefined;

/** The district's published pact template, read from the content collections once per build. */
function districtTemplate(): Promise<PactTemplate | undefined> {
  template ??= entriesOf('regulation').then((list) => list.find((e) => e.data.slug === PACT_TEMPLATE_SLUG)?.data);
  return template;
}

/** The PDF of a published pact, for the build (page and endpoint). */
export function pactDocumentFor(pact: SectionData<'pact'>): Promise<Buffer> {
  const key = `${pact.slug}\u0000${pact.updatedAt}`;
  let pdf = documents.get(key);
  if (!pdf) {
    pdf = districtTemplate().then((t) => pactDocument(pact, t));
    documents.set(key, pdf);
  }
  return pdf;
}
