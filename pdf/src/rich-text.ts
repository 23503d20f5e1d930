/**
 * Strapi rich text ("blocks") to the writer's blocks, so a regulation or a pact written in the CMS prints
 * with the same structure the site shows: headings, paragraphs, lists. The document's own title is its
 * H1, so the CMS's headings start at H2 (as on the site's pages).
 */
import type { Block } from './index.js';

export interface RichTextNode {
  type: string;
  text?: string;
  level?: number;
  format?: 'ordered' | 'unordered';
  image?: { alternativeText?: string | null } | null;
  children?: RichTextNode[];
}

export class RichTextError extends Error {
  override name = 'RichTextError';
}

/** The text of a node and its descendants, links and styles flattened. */
export const plainText = (node: RichTextNode): string => (node.type === 'text' ? (node.text ?? '') : (node.children ?? []).map(plainText).join(''));

/** List items, nested lists flattened into the same list (each item's own text first). */
function items(list: RichTextNode): string[] {
  return (list.children ?? []).flatMap((item) => {
    const own = (item.children ?? []).filter((c) => c.type !== 'list').map(plainText).join('').trim();
    const nested = (item.children ?? []).filter((c) => c.type === 'list').flatMap(items);
    return [...(own ? [own] : []), ...nested];
  });
}

/** Converts rich text; an unknown node type throws, naming `where`, rather than dropping content. */
export function richTextBlocks(nodes: readonly RichTextNode[] | null | undefined, where = 'rich text'): Block[] {
  const out: Block[] = [];
  for (const node of nodes ?? []) {
    switch (node.type) {
      case 'heading': {
        const text = plainText(node).trim();
        if (text) out.push({ kind: 'heading', level: (node.level ?? 2) >= 3 ? 3 : 2, text });
        break;
      }
      case 'paragraph':
      case 'quote':
      case 'code': {
        const text = plainText(node).trim();
        if (text) out.push({ kind: 'paragraph', text });
        break;
      }
      case 'list': {
        const list = items(node);
        if (list.length > 0) out.push({ kind: 'list', items: list, ordered: node.format === 'ordered' });
        break;
      }
      case 'image':
        if (node.image?.alternativeText) out.push({ kind: 'paragraph', text: `Immagine: ${node.image.alternativeText}` });
        break;
      default:
        throw new RichTextError(`${where}: rich text has a "${node.type}" block the PDF writer cannot print; add it to pdf/src/rich-text.ts.`);
    }
  }
  return out;
}
