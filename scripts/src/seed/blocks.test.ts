import { describe, expect, it } from 'vitest';
import { toBlocks } from './blocks.ts';

describe('toBlocks', () => {
  it('turns headings, lists and paragraphs into Strapi blocks', () => {
    const blocks = toBlocks(['## Art. 1 – Oggetto', 'Il presente regolamento disciplina…', '- primo punto\n- secondo punto']);
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list']);
    expect(blocks[0]).toEqual({ type: 'heading', level: 2, children: [{ type: 'text', text: 'Art. 1 – Oggetto' }] });
    expect(blocks[2]).toMatchObject({ format: 'unordered', children: [{ children: [{ text: 'primo punto' }] }, { children: [{ text: 'secondo punto' }] }] });
  });

  it('keeps a paragraph that only contains a dash', () => {
    expect(toBlocks(['Orari - dal lunedì al venerdì'])[0]?.type).toBe('paragraph');
  });
});
