import { describe, expect, it } from 'vitest';
import { BOOKING_CODE_ALPHABET, certificatePageUrl, normalizeBookingCode, seatsLabel, sessionKey } from './bookings.js';

describe('bookings', () => {
  it('says the free seats as a page reads them', () => {
    expect(seatsLabel(3)).toBe('3 posti liberi');
    expect(seatsLabel(1)).toBe('1 posto libero');
    expect(seatsLabel(0)).toBe("Completo: lista d'attesa aperta");
    expect(seatsLabel(-1)).toBe("Completo: lista d'attesa aperta");
  });

  it('keys a session by its workshop and its start in UTC, however the start is written', () => {
    expect(sessionKey('abc', '2027-01-12T17:30:00+01:00')).toBe('abc@2027-01-12T16:30:00.000Z');
    expect(sessionKey('abc', new Date('2027-01-12T16:30:00Z'))).toBe('abc@2027-01-12T16:30:00.000Z');
  });

  it('reads a typed booking code, and nothing with the letters people misread', () => {
    expect(normalizeBookingCode(' k7m-2qx ')).toBe('K7M2QX');
    expect(normalizeBookingCode('K7M2Q0')).toBeUndefined();
    expect(normalizeBookingCode('K7M2Q')).toBeUndefined();
    expect(BOOKING_CODE_ALPHABET).not.toMatch(/[01ILO]/);
  });

  it("gives a certificate's page on the site, one per code", () => {
    expect(certificatePageUrl('https://coesione.example.org/', 'AT-K7M2-QX9P')).toBe('https://coesione.example.org/attestati/AT-K7M2-QX9P/');
    expect(certificatePageUrl('http://127.0.0.1:4321', 'AT K7M2/QX9P')).toBe('http://127.0.0.1:4321/attestati/AT%20K7M2%2FQX9P/');
  });
});
