import { describe, expect, it } from 'vitest';
import { bookingMessage } from './messages';

const FACTS = { to: 'lucia@example.org', name: 'Lucia <b>', title: 'Riparare biciclette', start: '2026-12-10T15:00:00Z', seats: 2, code: 'AB12', link: 'https://cms.example.org/api/bookings/manage/tok?x=1&y=2' };

describe('booking messages', () => {
  it('say the same in plain text and HTML, from the mail kit, with the personal link and nothing tracked', () => {
    const message = bookingMessage('confirmed', FACTS);
    expect(message).toMatchObject({ to: FACTS.to, subject: 'Prenotazione confermata: Riparare biciclette', topic: 'booking:confirmed' });
    expect(message.text).toContain('Ciao Lucia <b>,');
    expect(message.text).toContain('hai 2 posti a «Riparare biciclette», giovedì 10 dicembre 2026');
    expect(message.text).toContain(`La tua prenotazione (per vederla o annullarla): ${FACTS.link}`);
    expect(message.text).toContain('Distretto della coesione sociale di Vercelli');
    expect(message.html).toContain('<p>Ciao Lucia &lt;b&gt;,</p>');
    expect(message.html).toContain('href="https://cms.example.org/api/bookings/manage/tok?x=1&amp;y=2"');
    expect(message.html).not.toMatch(/<img|utm_/);
  });
});
