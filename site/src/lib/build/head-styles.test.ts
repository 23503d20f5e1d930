import { describe, expect, it } from 'vitest';
import { moveStylesToHead } from './head-styles';

const ISLAND = '<style>astro-island,astro-slot,astro-static-slot{display:contents}</style>';

describe('moveStylesToHead', () => {
  it("moves the island style Astro writes into the body to the end of the head, after the site's stylesheet", () => {
    const html = `<!DOCTYPE html><html lang="it"><head><link rel="stylesheet" href="/_astro/a.css"></head> <body><p>Testo.</p> ${ISLAND}<script>island()</script><astro-island ssr></astro-island></body></html>`;
    expect(moveStylesToHead(html)).toBe(
      `<!DOCTYPE html><html lang="it"><head><link rel="stylesheet" href="/_astro/a.css">${ISLAND}</head> <body><p>Testo.</p> <script>island()</script><astro-island ssr></astro-island></body></html>`,
    );
  });

  it('leaves the head, scripts and inline SVG alone, and a page without body styles unchanged', () => {
    const head = '<head><style>h1{color:red}</style></head>';
    const body = '<body><script>const s = "<style>x{}</style>";</script><svg viewBox="0 0 1 1"><style>circle{fill:red}</style></svg></body>';
    const html = `<html>${head}${body}</html>`;
    expect(moveStylesToHead(html)).toBe(html);
  });

  it('moves styles with attributes, in their order', () => {
    const html = '<html><head></head><body><style media="print">a{}</style><p></p><style>b{}</style></body></html>';
    expect(moveStylesToHead(html)).toBe('<html><head><style media="print">a{}</style><style>b{}</style></head><body><p></p></body></html>');
  });
});
