import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeToMailbox } from './index';
import { localMailbox } from './mailbox';

const FROM = 'Coesione <noreply@coesione.invalid>';
const message = (n: number) => ({
  from: FROM,
  to: `persona.${n}@example.org`,
  subject: `Prenotazione confermata: «Ciclofficina» n. ${n} – città`,
  text: `Ciao Maria,\n\nhai 1 posto. Il tuo codice è ABC${n}.\nLa tua prenotazione: https://example.org/api/bookings/manage/${'x'.repeat(80)}`,
  html: `<p>Ciao Maria,</p><p>hai 1 posto.</p>`,
  topic: 'booking:confirmed',
});

describe('the local mailbox, read back', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-mailbox-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists the newest first, with recipient, decoded subject and topic, at most the limit', async () => {
    const start = Date.parse('2026-11-20T10:00:00Z');
    for (let n = 1; n <= 12; n++) await writeToMailbox(dir, message(n), n, new Date(start + n * 1000));
    fs.writeFileSync(path.join(dir, 'note.txt'), 'not a message');
    const list = await localMailbox(dir).list(10);
    expect(list.total).toBe(12);
    expect(list.folder).toBe(dir);
    expect(list.messages).toHaveLength(10);
    expect(list.messages[0]).toEqual({ id: '2026-11-20T10-00-12-000Z-12', date: '2026-11-20T10:00:12.000Z', to: 'persona.12@example.org', subject: 'Prenotazione confermata: «Ciclofficina» n. 12 – città', topic: 'booking:confirmed' });
    expect(list.messages.map((m) => m.to).at(-1)).toBe('persona.3@example.org');
  });

  it('opens one message whole: headers decoded, the text as written, the HTML apart', async () => {
    const name = await writeToMailbox(dir, message(1), 7);
    const read = await localMailbox(dir).read(name.replace(/\.eml$/, ''));
    expect(read?.text.trim()).toBe(message(1).text);
    expect(read?.html).toBe(message(1).html);
    expect(read?.from).toBe(FROM);
    expect(read?.headers).toContainEqual({ name: 'Subject', value: message(1).subject });
    expect(read?.headers).toContainEqual({ name: 'X-Coesione-Topic', value: 'booking:confirmed' });
  });

  it('opens only a name the folder lists: no path, no other file, nothing when the folder is missing', async () => {
    const outside = path.join(path.dirname(dir), `${path.basename(dir)}-secret.eml`);
    fs.writeFileSync(outside, 'Subject: secret\n\nsecret');
    try {
      await writeToMailbox(dir, message(1), 1);
      const mailbox = localMailbox(dir);
      for (const id of [`../${path.basename(outside, '.eml')}`, '..', '', 'note', '*', undefined, 42, ['x']]) expect(await mailbox.read(id)).toBeUndefined();
      expect(await localMailbox(path.join(dir, 'nowhere')).list()).toEqual({ folder: path.join(dir, 'nowhere'), total: 0, messages: [] });
    } finally {
      fs.rmSync(outside);
    }
  });
});
