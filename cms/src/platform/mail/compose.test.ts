import { describe, expect, it } from 'vitest';
import { compose } from './compose';

describe('compose', () => {
  const message = compose({
    to: 'a@example.org', subject: 'Prova', topic: 'subscription:1',
    blocks: [{ paragraph: 'Una novità <per te>:' }, { entry: { title: 'Tirocinio & bottega', url: 'https://example.org/opportunita/t/', summary: 'Sei mesi.' } }],
    footer: [{ link: 'https://cms.example.org/api/iscrizioni/annulla/1-x', label: 'Non ricevere più questi messaggi' }],
    headers: { 'List-Unsubscribe': '<https://cms.example.org/api/iscrizioni/annulla/1-x>' },
  });

  it('writes the same words as plain text and as escaped HTML, with the links as they are', () => {
    expect(message.text).toContain('Una novità <per te>:');
    expect(message.text).toContain('* Tirocinio & bottega\n  Sei mesi.\n  https://example.org/opportunita/t/');
    expect(message.text).toContain('Non ricevere più questi messaggi: https://cms.example.org/api/iscrizioni/annulla/1-x');
    expect(message.html).toContain('<p>Una novità &lt;per te&gt;:</p>');
    expect(message.html).toContain('<h3><a href="https://example.org/opportunita/t/">Tirocinio &amp; bottega</a></h3>');
    expect(message.headers).toEqual({ 'List-Unsubscribe': '<https://cms.example.org/api/iscrizioni/annulla/1-x>' });
  });

  it('has no image, no pixel and no rewritten link', () => {
    expect(message.html).not.toMatch(/<img|utm_|redirect/);
    expect(message.html.match(/href="([^"]+)"/g)).toEqual(['href="https://example.org/opportunita/t/"', 'href="https://cms.example.org/api/iscrizioni/annulla/1-x"']);
  });
});
