import Holidays from 'date-holidays';

/** A public holiday of a country's calendar, from the date-holidays data package. */
export interface PublicHoliday {
  date: string;
  name: string;
}

export type HolidayLanguage = 'en' | 'ru' | 'uk';

/**
 * Countries the data package knows, by ISO 3166-1 code, named in the language by the runtime's ICU
 * data (the package itself names most countries in English and their own language only).
 */
export function holidayCountries(language: HolidayLanguage): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
  return Object.entries(new Holidays().getCountries(language))
    .map(([code, own]) => ({ code, name: names.of(code) ?? own }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** Regions (states, provinces) of a country with their own holidays; empty when it has none. */
export function holidayRegions(country: string, language: HolidayLanguage): string[] {
  return Object.keys(new Holidays().getStates(country, language) ?? {}).sort();
}

/**
 * The public holidays (the package's type `public`: days off by law, not bank or observance days) of
 * one year, in the language when the data has it, else the country's own. Null for an unknown
 * country or region. A date that carries two holidays keeps the first name.
 */
export function publicHolidays(
  year: number,
  country: string,
  region: string | undefined,
  language: HolidayLanguage,
): PublicHoliday[] | null {
  if (!new Holidays().getCountries()[country]) return null;
  if (region !== undefined && !holidayRegions(country, language).includes(region)) return null;
  const calendar = region === undefined ? new Holidays(country) : new Holidays(country, region);
  const byDate = new Map<string, string>();
  for (const h of calendar.getHolidays(year, language)) {
    const date = h.date.slice(0, 10);
    if (h.type === 'public' && !byDate.has(date)) byDate.set(date, h.name);
  }
  return [...byDate].map(([date, name]) => ({ date, name }));
}
