/**
 * Plain paragraphs to Strapi blocks: "## " starts a heading, lines starting with "- " make a list.
 */
type Text = { type: 'text'; text: string };
export type Block =
  | { type: 'paragraph'; children: Text[] }
  | { type: 'heading'; level: 2 | 3; children: Text[] }
  | { type: 'list'; format: 'unordered'; children: { type: 'list-item'; children: Text[] }[] };

const text = (value: string): Text[] => [{ type: 'text', text: value.trim() }];

export function toBlocks(paragraphs: readonly string[] | undefined): Block[] {
  return (paragraphs ?? []).filter((p) => p.trim()).map((p): Block => {
    if (p.startsWith('## ')) return { type: 'heading', level: 2, children: text(p.slice(3)) };
    const lines = p.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length > 0 && lines.every((l) => l.startsWith('- '))) {
      return { type: 'list', format: 'unordered', children: lines.map((l) => ({ type: 'list-item', children: text(l.slice(2)) })) };
    }
    return { type: 'paragraph', children: text(p) };
  });
}

