/**
 * The admin's side of the CMS's admin routes: one hook to read them, links and dates. The answers' shapes
 * are the server's own (a `contract.ts` per feature in cms/src/features/), imported, never copied. Only
 * Strapi's fetch client talks to the server (it carries the admin session).
 */
import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

export { entryLink } from '../../features/review/contract';

export const HELP_PATH = '/come-proporre';

/** GETs `url` once per `key`; `reload` asks again. */
export function useAdminGet<T>(url: string | null, key = ''): { data?: T; error?: string; loading: boolean; reload: () => void } {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<{ data?: T; error?: string; loading: boolean }>({ loading: Boolean(url) });
  const [tick, setTick] = React.useState(0);
  React.useEffect(() => {
    if (!url) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    get<T>(url)
      .then((res) => live && setState({ data: res.data, loading: false }))
      .catch((error: unknown) => live && setState({ error: error instanceof Error ? error.message : String(error), loading: false }));
    return () => {
      live = false;
    };
  }, [url, key, tick, get]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

const DAY = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' });
export const italianDate = (iso: string) => DAY.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));

export const days = (n: number) => (n === 0 ? 'oggi' : n === 1 ? '1 giorno' : `${n} giorni`);
