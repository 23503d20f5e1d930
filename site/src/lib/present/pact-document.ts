/**
 * The pact document: the district's pact template (the published regulation `modello-patto-di-collaborazione`)
 * filled with one pact's fields, as blocks for @coesione/pdf's tagged-PDF writer. Served at
 * /patti/<slug>/patto.pdf and linked from the pact's page.
 *
 * The template keeps its own articles and order; in each article the sentences and list items that
 * still hold a "[placeholder]" give way to the pact's data (parties, commitments, provisions, duration,
 * milestones), and its other text (the district's standard clauses) stays. An article the template
 * lacks is added at the end, so no field is ever left out. Only public fields: the proposer appears by
 * their public name (`publicProposer`), never by their contact details.
 */
import { PACT_KIND_LABELS, PACT_STAGE_LABELS, progressText, type PactStage } from '@coesione/model';
import { richTextBlocks, taggedPdf, type Block, type RichTextNode } from '@coesione/pdf';
import { enumLabel, type SectionData } from './sections';
import { placeLine } from './address';
import { formatDate } from './format';
import { timelineOf } from './pact-status';

type Pact = SectionData<'pact'>;
export interface PactTemplate {
  slug: string;
  title: string;
  body?: readonly object[] | null | undefined;
}

export const PACT_TEMPLATE_SLUG = 'modello-patto-di-collaborazione';
export const DISTRICT = 'Distretto di Coesione Sociale di Vercelli';
/** Party roles that sign for the administration: their commitments go with what the comune provides. */
const ADMINISTRATION_ROLES = new Set(['amministrazione', 'ente_gestore']);
/** Stages of a pact still on its way to signature. */
const BEFORE_SIGNATURE: readonly PactStage[] = ['proposta', 'istruttoria', 'avviso_pubblico', 'coprogettazione'];

export const pactDocumentUrl = (slug: string): string => `/patti/${slug}/patto.pdf`;

const PLACEHOLDER = /\[[^\]]*\]/;
const sentences = (text: string): string[] => text.split(/(?<=[.!?…])\s+(?=[A-ZÀ-Ý«"“(])/).filter(Boolean);
/** A template block with its placeholder sentences (or items) taken out; undefined when nothing is left. */
function withoutPlaceholders(block: Block): Block | undefined {
  if (block.kind === 'paragraph') {
    const text = sentences(block.text).filter((s) => !PLACEHOLDER.test(s)).join(' ');
    return text ? { ...block, text } : undefined;
  }
  if (block.kind === 'list') {
    const items = block.items.filter((i) => !PLACEHOLDER.test(i));
    return items.length > 0 ? { ...block, items } : undefined;
  }
  return PLACEHOLDER.test('text' in block ? block.text : '') ? undefined : block;
}

type Article = 'parties' | 'object' | 'activities' | 'proposers' | 'administration' | 'duration' | 'signatures' | 'other';
function articleOf(heading: string): Article {
  const h = heading.toLocaleLowerCase('it');
  if (/impegni/.test(h)) return /comune|amministrazion|\bente\b/.test(h) ? 'administration' : 'proposers';
  if (/\bparti\b/.test(h)) return 'parties';
  if (/oggetto/.test(h)) return 'object';
  if (/obiettiv|attività/.test(h)) return 'activities';
  if (/durata|verifica|recesso/.test(h)) return 'duration';
  if (/firm|sottoscri/.test(h)) return 'signatures';
  return 'other';
}
/** Headings for the articles a template lacks. */
const DEFAULT_HEADINGS: Record<Exclude<Article, 'other'>, string> = {
  parties: 'Parti del patto',
  object: 'Oggetto',
  activities: 'Obiettivi e attività',
  proposers: 'Impegni dei cittadini attivi',
  administration: 'Impegni dell’amministrazione',
  duration: 'Durata e tappe',
  signatures: 'Firme',
};

/** "il 14 marzo 2026", "dal 14 marzo 2026", but "l’8 …", "dall’11 …": the article elides before a vowel sound. */
const on = (day: string): string => (/^(8|11) /.test(formatDate(day)) ? `l’${formatDate(day)}` : `il ${formatDate(day)}`);
const since = (day: string): string => (/^(8|11) /.test(formatDate(day)) ? `dall’${formatDate(day)}` : `dal ${formatDate(day)}`);
const until = (day: string): string => (/^(8|11) /.test(formatDate(day)) ? `all’${formatDate(day)}` : `al ${formatDate(day)}`);
const list = (names: string[]): string => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} e ${names[names.length - 1]}`);
const sentence = (text: string): string => (/[.!?…]$/.test(text) ? text : `${text}.`);

/** The day of the pact's current stage (its latest change to it), or of the proposal's receipt. */
function stageDay(pact: Pact): string | undefined {
  const entry = [...pact.stageHistory].sort((a, b) => a.at.localeCompare(b.at)).filter((h) => h.stage === pact.stage).pop();
  return entry?.at ?? pact.receivedAt ?? undefined;
}
const signedOn = (pact: Pact): string | undefined => [...pact.stageHistory].sort((a, b) => a.at.localeCompare(b.at)).find((h) => h.stage === 'sottoscritto')?.at;

/** «Bozza: patto non ancora sottoscritto», or why it never was, or nothing once signed. */
export function draftLine(pact: Pact): string | undefined {
  if (signedOn(pact)) return undefined;
  if (BEFORE_SIGNATURE.includes(pact.stage)) return 'Bozza: patto non ancora sottoscritto';
  const day = stageDay(pact);
  return `Patto non sottoscritto: ${PACT_STAGE_LABELS[pact.stage].toLocaleLowerCase('it')}${day ? ` ${on(day)}` : ''}`;
}

function comuniOf(pact: Pact): string[] {
  const names = [...pact.municipalities.map((m) => m.name), ...(pact.location?.municipality ? [pact.location.municipality.name] : [])];
  return [...new Set(names)];
}
function placeOf(pact: Pact): string | undefined {
  const where = pact.location;
  if (!where) return undefined;
  return placeLine(where.address, where.municipality?.name);
}
function durationOf(pact: Pact): string {
  const from = pact.startDate ? ` ${since(pact.startDate)}` : '';
  const to = pact.endDate ? ` ${until(pact.endDate)}` : '';
  if (pact.durationMonths) return `${pact.durationMonths} ${pact.durationMonths === 1 ? 'mese' : 'mesi'}${from || ' dalla sottoscrizione'}${to}`;
  if (from || to) return `${from}${to}`.trim();
  return 'da stabilire in co-progettazione';
}
const partyName = (party: Pact['parties'][number]) => `${party.name} (${enumLabel(party.role).toLocaleLowerCase('it')})`;
const commitmentItems = (items: { kind: string; description: string }[]) => items.map((c) => `${enumLabel(c.kind)}: ${c.description}`);

/** The pact's own description, its headings under the article's. */
const bodyOf = (pact: Pact): Block[] =>
  richTextBlocks(pact.body as RichTextNode[] | null | undefined, `pact "${pact.slug}" body`).map((b): Block => (b.kind === 'heading' ? { ...b, level: 3 } : b));

/** What the pact itself says for each article, before and after the template's standard clauses. */
function articleContent(article: Exclude<Article, 'other'>, pact: Pact, kept: Block[]): Block[] {
  const administration = pact.parties.filter((p) => ADMINISTRATION_ROLES.has(p.role));
  const others = pact.parties.filter((p) => !ADMINISTRATION_ROLES.has(p.role));
  switch (article) {
    case 'parties': {
      const first = administration.length > 0 ? list(administration.map((p) => p.name)) : list(comuniOf(pact).map((c) => `il Comune di ${c}`)) || 'l’amministrazione';
      const second = others.length > 0 ? list(others.map(partyName)) : pact.publicProposer ? `${pact.publicProposer} (proponente)` : 'i cittadini attivi che lo sottoscriveranno';
      return [{ kind: 'paragraph', text: `Tra ${first} e ${second}, di seguito «le parti», si conviene quanto segue.` }, ...kept];
    }
    case 'object': {
      const place = placeOf(pact);
      // The summary is said once: here when the body (the activities) does not already say it.
      const body = bodyOf(pact);
      const summaryHere = body.length > 0 && !body.some((b) => 'text' in b && b.text.includes(pact.summary.trim()));
      return [{ kind: 'paragraph', text: `Il patto riguarda la cura di questo bene comune: ${pact.commonGood}${place ? `, in ${place}` : ''}.` }, ...(summaryHere ? [{ kind: 'paragraph', text: sentence(pact.summary) } as const] : []), ...kept];
    }
    case 'activities': {
      const body = bodyOf(pact);
      const themes = pact.themes.map((t) => `«${t.name}»`);
      return [
        ...(body.length > 0 ? body : [{ kind: 'paragraph', text: sentence(pact.summary) } as const]),
        ...(themes.length > 0 ? [{ kind: 'paragraph', text: `Aree tematiche: ${list(themes)}.` } as const] : []),
        ...kept,
      ];
    }
    case 'proposers': {
      const out: Block[] = [];
      if (kept.length > 0) out.push({ kind: 'paragraph', text: 'Tutti i cittadini attivi che sottoscrivono il patto si impegnano a:' }, ...kept);
      if (others.length === 0) out.push({ kind: 'paragraph', text: 'Le parti e i loro impegni saranno definiti in co-progettazione.' });
      for (const party of others) {
        out.push({ kind: 'heading', level: 3, text: partyName(party) });
        out.push(party.commitments.length > 0 ? { kind: 'list', items: commitmentItems(party.commitments) } : { kind: 'paragraph', text: 'Impegni da definire in co-progettazione.' });
      }
      return out;
    }
    case 'administration': {
      const out: Block[] = [];
      out.push(
        pact.provisions.length > 0
          ? { kind: 'paragraph', text: 'L’amministrazione mette a disposizione:' }
          : { kind: 'paragraph', text: 'Ciò che l’amministrazione mette a disposizione sarà definito in co-progettazione.' },
      );
      if (pact.provisions.length > 0) out.push({ kind: 'list', items: commitmentItems(pact.provisions) });
      if (kept.length > 0) out.push({ kind: 'paragraph', text: 'Inoltre l’amministrazione si impegna a:' }, ...kept);
      for (const party of administration) {
        if (party.commitments.length === 0) continue;
        out.push({ kind: 'heading', level: 3, text: `Impegni di ${party.name}` }, { kind: 'list', items: commitmentItems(party.commitments) });
      }
      return out;
    }
    case 'duration': {
      const out: Block[] = [{ kind: 'paragraph', text: `Durata del patto: ${durationOf(pact)}.` }, ...kept];
      if (pact.milestones.length > 0) {
        out.push({ kind: 'heading', level: 3, text: 'Tappe' });
        out.push({ kind: 'table', header: ['Tappa', 'Entro il', 'Avanzamento'], rows: pact.milestones.map((m) => [m.title, m.due ? formatDate(m.due) : 'senza data', `${progressText(m.progress)}${m.note ? `. ${m.note}` : ''}`]) });
      }
      return out;
    }
    case 'signatures': {
      const signers = list(pact.parties.map((p) => p.name));
      const signed = signedOn(pact);
      return [{ kind: 'paragraph', text: signed ? `Patto sottoscritto ${on(signed)}${signers ? ` da ${signers}` : ''}.` : `${draftLine(pact) ?? 'Non sottoscritto'}.${signers ? ` Le parti che lo sottoscriveranno: ${signers}.` : ''}` }];
    }
  }
}

/** The document's blocks: title, summary table, the template's articles filled in, the timeline of stages. */
export function pactDocumentBlocks(pact: Pact, template: PactTemplate | undefined): Block[] {
  const stage = PACT_STAGE_LABELS[pact.stage];
  const day = stageDay(pact);
  const draft = draftLine(pact);
  const comuni = comuniOf(pact);
  const place = placeOf(pact);
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: pact.title }];
  if (draft) blocks.push({ kind: 'paragraph', text: draft, emphasis: true });
  blocks.push({
    kind: 'paragraph',
    text: `${PACT_KIND_LABELS[pact.kind].replace(/^Patto/, 'Patto di collaborazione')} per la cura di un bene comune${template ? `, redatto sul «${template.title}»` : ''} del ${DISTRICT}.`,
  });
  const facts: [string, string | undefined][] = [
    ['Bene comune', pact.commonGood],
    ['Luogo', place],
    [comuni.length === 1 ? 'Comune' : 'Comuni', comuni.length > 0 ? list(comuni) : undefined],
    ['Ente gestore', pact.managingBody?.name],
    ['Tipo di patto', PACT_KIND_LABELS[pact.kind]],
    ['Aree tematiche', pact.themes.length > 0 ? pact.themes.map((t) => t.name).join('; ') : undefined],
    ['Proposto da', pact.publicProposer ?? undefined],
    ['Fase attuale', `${stage}${day ? `, ${since(day)}` : ''}`],
    ['Durata', durationOf(pact)],
  ];
  blocks.push({ kind: 'table', header: ['Voce', 'Contenuto'], rowHeaders: true, rows: facts.flatMap(([k, v]) => (v ? [[k, v]] : [])) });

  // The template's articles, in its order; the text before its first heading is about the model itself.
  const templateBlocks = template ? richTextBlocks(template.body as RichTextNode[] | null | undefined, `regulation "${template.slug}" body`) : [];
  const placed = new Set<Article>();
  let article: Article | undefined;
  let kept: Block[] = [];
  const flush = () => {
    if (article === undefined) return;
    if (article === 'other') blocks.push(...kept);
    else if (!placed.has(article)) {
      blocks.push(...articleContent(article, pact, kept));
      placed.add(article);
    }
    kept = [];
  };
  for (const block of templateBlocks) {
    if (block.kind === 'heading' && block.level === 2) {
      flush();
      article = articleOf(block.text);
      // An article is printed once; a second one with the same subject keeps only its standard text.
      blocks.push({ kind: 'heading', level: 2, text: block.text });
      if (article !== 'other' && placed.has(article)) article = 'other';
      continue;
    }
    if (article === undefined) continue;
    const clean = withoutPlaceholders(block);
    if (clean) kept.push(clean);
  }
  flush();
  for (const missing of Object.keys(DEFAULT_HEADINGS) as (keyof typeof DEFAULT_HEADINGS)[]) {
    if (placed.has(missing)) continue;
    blocks.push({ kind: 'heading', level: 2, text: DEFAULT_HEADINGS[missing] }, ...articleContent(missing, pact, []));
  }

  const timeline = timelineOf(pact);
  if (timeline.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: 'Le fasi del patto' });
    blocks.push({ kind: 'list', ordered: true, items: timeline.map((s) => `${s.label}, ${s.day} (${s.role})${s.note ? `: ${s.note}` : ''}`) });
  }
  blocks.push({ kind: 'paragraph', text: `Documento generato dal registro pubblico dei patti di collaborazione del ${DISTRICT}; la versione aggiornata è alla pagina /patti/${pact.slug}/.` });
  return blocks;
}

/** The pact's PDF, dated by its last update so that the same content always writes the same bytes. */
export function pactDocument(pact: Pact, template: PactTemplate | undefined): Promise<Buffer> {
  return taggedPdf({
    title: `Patto di collaborazione – ${pact.title}`,
    subject: pact.summary,
    author: DISTRICT,
    keywords: ['patto di collaborazione', 'beni comuni', ...pact.themes.map((t) => t.name)].join(', '),
    lang: 'it-IT',
    date: new Date(pact.updatedAt),
    footer: `${DISTRICT} – Registro dei patti di collaborazione`,
    blocks: pactDocumentBlocks(pact, template),
  });
}
