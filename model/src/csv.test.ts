import { describe, expect, it } from 'vitest';
import { csv } from './csv.js';

describe('csv', () => {
  it('writes RFC 4180: commas, CRLF after every line, a cell quoted when it holds a quote, the separator, CR or LF', () => {
    expect(csv([['a', 'b'], ['1', '']])).toBe('a,b\r\n1,\r\n');
    expect(csv([['a"b', 'x,y', 'two\nlines', 'cr\rhere', 'semi;colon']])).toBe('"a""b","x,y","two\nlines","cr\rhere",semi;colon\r\n');
    expect(csv([['only']])).toBe('only\r\n');
  });

  it('with `;` quotes the cells holding `;` and leaves commas alone, and adds a BOM only when asked', () => {
    expect(csv([['0–17, 18–29', 'AAAA-MM; es. 2026-10', 'a"b']], { separator: ';' })).toBe('0–17, 18–29;"AAAA-MM; es. 2026-10";"a""b"\r\n');
    expect(csv([['a', 'b']], { separator: ';', bom: true })).toBe('\uFEFFa;b\r\n');
    expect(csv([['a', 'b']])).not.toMatch(/^\uFEFF/);
  });

  it('neutralises a text a spreadsheet would run as a formula with a leading apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t']) expect(csv([[`${start}SUM(A1)`]]), JSON.stringify(start)).toBe(`'${start}SUM(A1)\r\n`);
    // CR both triggers the guard and needs quotes.
    expect(csv([['\rSUM(A1)']])).toBe(`"'\rSUM(A1)"\r\n`);
    expect(csv([['=HYPERLINK("http://x.example","clic")']])).toBe(`"'=HYPERLINK(""http://x.example"",""clic"")"\r\n`);
    expect(csv([['=1+1', '-3', 'a"b']])).toBe(`'=1+1,-3,"a""b"\r\n`);
    expect(csv([['@x;y']], { separator: ';' })).toBe(`"'@x;y"\r\n`);
    // Only the first character counts.
    expect(csv([['a=b', ' =b', 'x-1']])).toBe('a=b, =b,x-1\r\n');
  });

  it('leaves numbers alone: a number cell, or a text that is a plain decimal, negative ones included', () => {
    expect(csv([[-3, 0, 12.5, -0.25, -1e21]])).toBe('-3,0,12.5,-0.25,-1e+21\r\n');
    expect(csv([['-3', '-0.5', '42']])).toBe('-3,-0.5,42\r\n');
    // Not plain decimals, so neutralised as the site always did: a sign other than minus, an exponent, a bare minus.
    expect(csv([['+3', '-3e2', '-', '-1,5']])).toBe(`'+3,'-3e2,'-,"'-1,5"\r\n`);
    // A number that is not finite is written as the text it becomes.
    expect(csv([[-Infinity, Number.NaN]])).toBe(`'-Infinity,NaN\r\n`);
  });

  it('writes an empty table as one empty line, as the writers it replaced did', () => {
    expect(csv([])).toBe('\r\n');
  });
});
