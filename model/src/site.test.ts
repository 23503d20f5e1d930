import { describe, expect, it } from 'vitest';
import { aboutDelay } from './site.js';

describe('aboutDelay', () => {
  it('rounds up, to five seconds under a minute and to whole minutes above', () => {
    expect(aboutDelay(0)).toBe('circa 5 secondi');
    expect(aboutDelay(22)).toBe('circa 25 secondi');
    expect(aboutDelay(25)).toBe('circa 25 secondi');
    expect(aboutDelay(57)).toBe('circa un minuto');
    expect(aboutDelay(59.5)).toBe('circa un minuto');
    expect(aboutDelay(60)).toBe('circa un minuto');
    expect(aboutDelay(62)).toBe('circa 2 minuti');
    expect(aboutDelay(180)).toBe('circa 3 minuti');
  });
});
