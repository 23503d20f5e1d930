import { describe, expect, it } from 'vitest';
import { richTextBlocks } from './rich-text.js';

describe('richTextBlocks', () => {
  it('turns Strapi headings, paragraphs and lists into blocks, headings from H2, links and styles as text', () => {
    const blocks = richTextBlocks([
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Art. 1 – Oggetto' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'Vedi il ' }, { type: 'link', children: [{ type: 'text', text: 'regolamento' }] }, { type: 'text', text: '.' }] },
      { type: 'heading', level: 4, children: [{ type: 'text', text: 'Dettagli' }] },
      { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'Primo' }, { type: 'list', children: [{ type: 'list-item', children: [{ type: 'text', text: 'Annidato' }] }] }] }] },
      { type: 'paragraph', children: [{ type: 'text', text: '  ' }] },
    ]);
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Art. 1 – Oggetto' },
      { kind: 'paragraph', text: 'Vedi il regolamento.' },
      { kind: 'heading', level: 3, text: 'Dettagli' },
      { kind: 'list', items: ['Primo', 'Annidato'], ordered: true },
    ]);
  });

  it('refuses a node type it does not know, naming where', () => {
    expect(() => richTextBlocks([{ type: 'video' }], 'regolamento x')).toThrow(/regolamento x: rich text has a "video" block/);
  });
});
