/**
 * The one template kit of the CMS's messages: a message is a list of blocks (a paragraph, a link, an entry
 * with why it is there), written once and rendered twice, as plain text and as simple HTML with the same
 * words. No images, no tracking pixels, no rewritten links: every address is the page's own.
 */
import { escapeHtml } from '../html';
import type { Message } from './index';

export type Block =
  | { paragraph: string }
  | { link: string; label: string }
  | { heading: string }
  | { entry: { title: string; url: string; summary?: string; note?: string } };

export interface Composition {
  to: string;
  subject: string;
  topic: string;
  blocks: Block[];
  /** Under a rule at the end: why the message came and how to stop it. */
  footer?: Block[];
  headers?: Record<string, string>;
}

const SIGNATURE = 'Distretto della coesione sociale di Vercelli';

function text(block: Block): string {
  if ('paragraph' in block) return block.paragraph;
  if ('heading' in block) return `${block.heading}\n${'='.repeat(Math.min(block.heading.length, 60))}`;
  if ('link' in block) return `${block.label}: ${block.link}`;
  const { title, url, summary, note } = block.entry;
  return [`* ${title}`, summary ? `  ${summary}` : '', note ? `  ${note}` : '', `  ${url}`].filter(Boolean).join('\n');
}

function html(block: Block): string {
  if ('paragraph' in block) return `<p>${escapeHtml(block.paragraph)}</p>`;
  if ('heading' in block) return `<h2>${escapeHtml(block.heading)}</h2>`;
  if ('link' in block) return `<p><a href="${escapeHtml(block.link)}">${escapeHtml(block.label)}</a></p>`;
  const { title, url, summary, note } = block.entry;
  return `<h3><a href="${escapeHtml(url)}">${escapeHtml(title)}</a></h3>${summary ? `\n<p>${escapeHtml(summary)}</p>` : ''}${note ? `\n<p><small>${escapeHtml(note)}</small></p>` : ''}`;
}

export function compose(message: Composition): Message {
  const footer = message.footer ?? [];
  const plain = [...message.blocks.map(text), '', SIGNATURE, ...(footer.length ? ['', '--', ...footer.map(text)] : [])].join('\n\n').replace(/\n{3,}/g, '\n\n');
  const markup = [
    ...message.blocks.map(html),
    `<p>${escapeHtml(SIGNATURE)}</p>`,
    ...(footer.length ? ['<hr>', ...footer.map(html)] : []),
  ].join('\n');
  return { to: message.to, subject: message.subject, topic: message.topic, text: plain, html: markup, ...(message.headers ? { headers: message.headers } : {}) };
}
