import { describe, expect, it } from 'vitest';
import { queueMessage, QUEUE_MAIL_TOPIC } from './message';

const NOW = new Date('2026-12-07T07:00:00Z');
const ADMIN = 'https://cms.coesione.example/admin';

describe('the daily message of the work queue', () => {
  const message = queueMessage('ufficio@coesione.example', [
    { heading: 'Patti: risposte in scadenza', items: [{ title: 'Giardino di via Dante', path: '/content-manager/collection-types/api::pact.pact/abc?plugins[i18n][locale]=it', summary: 'risposta dovuta entro il 10 dicembre 2026 (tra 3 giorni)' }], more: 0 },
    { heading: 'Contributi da moderare', items: [{ title: 'Panchina rotta', path: '/content-manager/collection-types/api::submission.submission/def?plugins[i18n][locale]=it', summary: 'segnalazione · ricevuta ABC123 · in attesa da 2 giorni' }], more: 4 },
    { heading: 'Proposte dei partner da rivedere', items: [], more: 0 },
  ], { adminUrl: ADMIN, now: NOW });

  it('counts every item, those beyond the listed ones too, in a subject that names no one', () => {
    expect(message.subject).toBe('Coesione: 6 attività da fare');
    expect(message.topic).toBe(QUEUE_MAIL_TOPIC);
  });

  it('lists each section with work, each item with its admin link, and leaves out the empty ones', () => {
    expect(message.text).toContain('Buongiorno, ecco che cosa ti aspetta oggi, 7 dicembre 2026, nel pannello di Coesione.');
    expect(message.text).toContain(`${ADMIN}/content-manager/collection-types/api::pact.pact/abc?plugins[i18n][locale]=it`);
    expect(message.text).toContain('… e altre 4 nel pannello.');
    expect(message.text).not.toContain('Proposte dei partner da rivedere');
    expect(message.html).toContain('<h2>Contributi da moderare</h2>');
  });

  it('says at the end how to switch it off', () => {
    expect(message.text).toContain('scegli «mai» nel riquadro «E-mail delle attività»');
  });
});
