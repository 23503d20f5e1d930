/** The locales a document-service call touched, as outbox rows need them: one row per locale. */
import { isRecord, stringParam } from '../../platform/published-change';
import type { Locales, SearchHost } from './host';

const service = (host: Pick<SearchHost, 'plugin'>): Locales => host.plugin('i18n').service('locales');
const codes = (values: unknown[]): string[] => values.map(stringParam).filter((code): code is string => code !== undefined);

/** Every locale for `*`, the ones named (one, or a list), or the default locale when the call names none. */
export async function localesOf(host: Pick<SearchHost, 'plugin'>, locale: unknown): Promise<string[]> {
  if (locale === '*') {
    const all = await service(host).find();
    return Array.isArray(all) ? codes(all.filter(isRecord).map((l) => l.code)) : [];
  }
  if (Array.isArray(locale)) return codes(locale);
  const named = stringParam(locale);
  if (named) return [named];
  return codes([await service(host).getDefaultLocale()]);
}
