/**
 * Coesione's one PDF writer: a tagged PDF (ISO 32000 "Tagged PDF": a structure tree holding every piece
 * of content, page furniture marked as artifacts, the document's language and its title shown by the
 * viewer) from a list of blocks, written with pdfkit. The seed writes the district's model PDFs with it,
 * the site the pact documents.
 *
 * Output is deterministic: the same input gives the same bytes (the dates come from the input, the file
 * ID is derived from the metadata, nothing is random), so two site builds can be compared.
 */
import PDFDocument from 'pdfkit';

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; emphasis?: boolean }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  /** `rowHeaders`: each row's first cell heads its row (TH with Row scope), as in a fact sheet. */
  | { kind: 'table'; header: string[]; rows: string[][]; rowHeaders?: boolean };

export interface TaggedPdfInput {
  /** The document's title: in the metadata, shown by viewers in place of the file name. */
  title: string;
  /** BCP 47 language of the whole document (`/Lang`). */
  lang?: string;
  subject?: string;
  author?: string;
  keywords?: string;
  /** Creation and modification date; defaults to a fixed instant, so identical input gives identical bytes. */
  date?: Date;
  /** A line at the foot of every page (an artifact, with the page number): who issued the document. */
  footer?: string;
  blocks: Block[];
}

export class PdfInputError extends Error {
  override name = 'PdfInputError';
}

/** When no date is given: fixed, so that a rebuild of the same content writes the same file. */
export const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

const PAGE = { size: 'A4', margins: { top: 56, bottom: 64, left: 56, right: 56 } } as const;
const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', oblique: 'Helvetica-Oblique' } as const;
const SIZES = { 1: 18, 2: 14, 3: 12 } as const;
const BODY = 10.5;
const INK = '#1a1a1a';
const RULE = '#5c6f82';

/**
 * The characters pdfkit's standard fonts can write: WinAnsi (Latin-1 plus the typographic marks pdfkit
 * maps, ’ “ ” – — • … €). Anything else would come out as garbage, so it is replaced by its nearest
 * WinAnsi spelling, or by "?" when there is none.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = {
  '\u2009': ' ', '\u202f': ' ', '\u2007': ' ', '\u200b': '', '\u2011': '-', '\u2010': '-', '\u2212': '-',
  '≤': '<=', '≥': '>=', '→': '->', '←': '<-', '′': "'", '″': '"',
};
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\n' || ch === '\t') out += ' ';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else if (code <= 0xff || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else out += REPLACEMENTS[ch] ?? '?';
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

function check(input: TaggedPdfInput): void {
  if (!input.title.trim()) throw new PdfInputError('taggedPdf: the title is empty (a tagged PDF needs one for DisplayDocTitle)');
  if (input.blocks.length === 0) throw new PdfInputError('taggedPdf: no blocks to write');
  for (const [i, block] of input.blocks.entries()) {
    if (block.kind === 'table') {
      const width = block.header.length;
      if (width === 0) throw new PdfInputError(`taggedPdf: block ${i} is a table without header cells`);
      const bad = block.rows.findIndex((row) => row.length !== width);
      if (bad >= 0) throw new PdfInputError(`taggedPdf: block ${i}, row ${bad} has ${block.rows[bad]?.length} cells, the header has ${width}`);
    }
    if (block.kind === 'list' && block.items.length === 0) throw new PdfInputError(`taggedPdf: block ${i} is an empty list`);
  }
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * pdfkit writes the title, author, subject and keywords into the XMP metadata stream as they are, so a «<<» or
 * a «&» in a pact's summary left that XML ill-formed (and metadata elements injectable). The document's /Info
 * dictionary takes them raw (pdfkit escapes PDF strings itself); only the XMP is given escaped copies, while
 * pdfkit writes it at the end. Control characters are already gone (toWinAnsi). pdfkit is pinned: this reads its
 * `_addInfo`, checked by index.test.ts.
 */
function escapeXmp(doc: PDFKit.PDFDocument): void {
  const host = doc as unknown as { _addInfo(): void; info: Record<string, unknown> };
  const addInfo = host._addInfo.bind(host);
  host._addInfo = () => {
    const raw = host.info;
    host.info = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!) : v]));
    try {
      addInfo();
    } finally {
      host.info = raw;
    }
  };
}

/** Writes the blocks as a tagged PDF (PDF 1.7, A4, Helvetica) and resolves to its bytes; rejects bad input. */
export async function taggedPdf(input: TaggedPdfInput): Promise<Buffer> {
  check(input);
  return write(input);
}

function write(input: TaggedPdfInput): Promise<Buffer> {
  const date = input.date ?? FIXED_DATE;
  const info: PDFKit.DocumentInfo = { Title: toWinAnsi(input.title), CreationDate: date, ModDate: date, Creator: 'Coesione', Producer: 'Coesione (pdfkit)' };
  if (input.subject) info.Subject = toWinAnsi(input.subject);
  if (input.author) info.Author = toWinAnsi(input.author);
  if (input.keywords) info.Keywords = toWinAnsi(input.keywords);

  const doc = new PDFDocument({
    pdfVersion: '1.7',
    tagged: true,
    lang: input.lang ?? 'it-IT',
    displayTitle: true,
    info,
    size: PAGE.size,
    margins: { ...PAGE.margins },
    bufferPages: true,
    font: FONT.regular,
  });
  escapeXmp(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  const root = doc.struct('Document');
  doc.addStructure(root);
  doc.fillColor(INK);

  for (const block of input.blocks) {
    switch (block.kind) {
      case 'heading': {
        const size = SIZES[block.level];
        // Keep a heading with what follows: start a new page when fewer than three body lines would fit.
        if (doc.y + size * 1.4 + BODY * 4 > doc.page.height - PAGE.margins.bottom) doc.addPage();
        if (doc.y > PAGE.margins.top) doc.moveDown(block.level === 1 ? 0.2 : 0.6);
        root.add(doc.struct(`H${block.level}`, {}, () => {
          doc.font(FONT.bold).fontSize(size).text(`${toWinAnsi(block.text)} `, { width });
        }));
        if (block.level === 1) {
          doc.markContent('Artifact', { type: 'Layout' });
          const y = doc.y + 3;
          doc.save().lineWidth(0.8).strokeColor(RULE).moveTo(PAGE.margins.left, y).lineTo(PAGE.margins.left + width, y).stroke().restore();
          doc.endMarkedContent();
          doc.y = y + 6;
        }
        doc.moveDown(0.3);
        break;
      }
      case 'paragraph':
        root.add(doc.struct('P', {}, () => {
          doc.font(block.emphasis ? FONT.bold : FONT.regular).fontSize(BODY).text(`${toWinAnsi(block.text)} `, { width, lineGap: 2 });
        }));
        doc.moveDown(0.5);
        break;
      case 'list': {
        const list = doc.struct('L');
        root.add(list);
        doc.font(FONT.regular).fontSize(BODY).list(block.items.map((item) => `${toWinAnsi(item)} `), {
          structParent: list,
          listType: block.ordered ? 'numbered' : 'bullet',
          width,
          lineGap: 2,
          bulletRadius: 2,
          textIndent: 14,
          paragraphGap: 3,
        });
        list.end();
        doc.moveDown(0.5);
        break;
      }
      case 'table': {
        doc.font(FONT.regular).fontSize(BODY);
        doc.table({
          structParent: root,
          position: { x: PAGE.margins.left, y: doc.y },
          maxWidth: width,
          defaultStyle: { border: 0.5, borderColor: RULE, padding: 4 },
          // Row styles win over column styles: the header row's cells head columns, the first column's head rows.
          columnStyles: (i: number) => (block.rowHeaders && i === 0 ? { type: 'TH', scope: 'Row', width: Math.round(width * 0.3), font: { src: FONT.bold } } : {}),
          rowStyles: (i: number) => (i === 0 ? { type: 'TH', scope: 'Column', font: { src: FONT.bold } } : {}),
          data: [block.header, ...block.rows].map((row) => row.map((cell) => toWinAnsi(cell))),
        } as PDFKit.Mixins.TableOptionsWithData);
        doc.x = PAGE.margins.left;
        doc.font(FONT.regular).moveDown(0.8);
        break;
      }
    }
  }
  root.end();

  // Page furniture: the footer line and the page number, as pagination artifacts outside the structure.
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 40;
    doc.markContent('Artifact', { type: 'Pagination', attached: ['Bottom'] });
    doc.font(FONT.regular).fontSize(8).fillColor(RULE);
    const number = `Pagina ${i + 1} di ${count}`;
    if (input.footer) doc.text(toWinAnsi(input.footer), PAGE.margins.left, y, { width: width - 80, lineBreak: false });
    doc.text(number, PAGE.margins.left + width - 80, y, { width: 80, align: 'right', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

export { plainText, richTextBlocks, RichTextError, type RichTextNode } from './rich-text.js';
