/**
 * Reads a PDF back the way a screen reader or a text extractor would, with Mozilla's pdf.js: its
 * metadata, whether it is tagged, its structure elements, and its text (the tagged text in reading
 * order, the artifacts apart). For tests: `pdfjs-dist` is a development dependency, so this module is
 * ESM only (`@coesione/pdf/inspect`) and never loaded by the writer.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfReport {
  version: string;
  pages: number;
  title: string | undefined;
  /** The catalog's /Lang. */
  lang: string | undefined;
  /** /MarkInfo /Marked. */
  marked: boolean;
  /** The viewer shows the title, not the file name (/ViewerPreferences /DisplayDocTitle). */
  displayDocTitle: boolean;
  /** The catalog has a /StructTreeRoot. */
  structTreeRoot: boolean;
  /** The structure elements' roles, depth first, page by page. */
  roles: string[];
  /** Text inside structure content, in content order (the reading order of these documents). */
  text: string;
  /** Text marked as artifact (page furniture). */
  artifacts: string;
  /** Text outside any marked content: none, in a well-tagged PDF. */
  unmarked: string;
}

interface TreeNode {
  role?: string;
  children?: TreeNode[];
}

function rolesOf(node: TreeNode | null | undefined, out: string[]): void {
  if (!node) return;
  if (node.role && node.role !== 'Root') out.push(node.role);
  for (const child of node.children ?? []) rolesOf(child, out);
}

const tidy = (text: string) => text.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();

export async function inspectPdf(bytes: Uint8Array): Promise<PdfReport> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const data = new Uint8Array(bytes);
  const raw = Buffer.from(bytes).toString('latin1');
  const pdf = await getDocument({ data, verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const info = (await pdf.getMetadata()).info as unknown as Record<string, unknown>;
    const markInfo = await pdf.getMarkInfo();
    const prefs = (await pdf.getViewerPreferences()) as Record<string, unknown> | null;
    const roles: string[] = [];
    let text = '';
    let artifacts = '';
    let unmarked = '';
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      rolesOf((await page.getStructTree()) as TreeNode, roles);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const stack: string[] = [];
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') stack.push((item as { tag?: string }).tag ?? '');
          else if (item.type === 'endMarkedContent') stack.pop();
          continue;
        }
        const piece = item.str + (item.hasEOL ? '\n' : '');
        if (stack.includes('Artifact')) artifacts += `${piece} `;
        else if (stack.length > 0) text += piece;
        else unmarked += piece;
      }
      text += '\n';
      page.cleanup();
    }
    return {
      version: String(info.PDFFormatVersion ?? ''),
      pages: pdf.numPages,
      title: typeof info.Title === 'string' ? info.Title : undefined,
      lang: typeof info.Language === 'string' ? info.Language : undefined,
      marked: markInfo?.Marked === true,
      displayDocTitle: prefs?.DisplayDocTitle === true,
      structTreeRoot: /\/StructTreeRoot \d+ 0 R/.test(raw),
      roles,
      text: tidy(text),
      artifacts: tidy(artifacts),
      unmarked: tidy(unmarked),
    };
  } finally {
    await pdf.destroy();
  }
}
