/** Dates and states as citizens read them: Italian, Europe/Rome (the model's time), computed at build time. */
import { openOn, ZONE } from '@coesione/model';

const day = new Intl.DateTimeFormat('it-IT', { timeZone: ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const dayTime = new Intl.DateTimeFormat('it-IT', { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const time = new Intl.DateTimeFormat('it-IT', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });

/** "2026-12-15" or an ISO instant → "15 dicembre 2026". Calendar dates are read as that day in Rome. */
export const formatDate = (value: string): string => day.format(new Date(value.length === 10 ? `${value}T12:00:00Z` : value));
export const formatDateTime = (iso: string): string => dayTime.format(new Date(iso));
export const formatTime = (iso: string): string => time.format(new Date(iso));

export type OpportunityState = { open: boolean; label: string };

/** Open all of its deadline day in Rome, as the index counts it (`openOn`); never silently kept open after it. */
export function opportunityState(deadline: string | null | undefined, now: Date): OpportunityState {
  if (!deadline) return { open: true, label: 'Aperta, senza scadenza' };
  const open = openOn(deadline, now);
  return { open, label: open ? `Aperta fino al ${formatDate(deadline)}` : `Chiusa il ${formatDate(deadline)}` };
}

/** The build's "now": BUILD_NOW pins it (tests), otherwise the time of the build. */
export const buildNow = (): Date => (process.env.BUILD_NOW ? new Date(process.env.BUILD_NOW) : new Date());
