/**
 * French public holidays (jours fériés), computed for any Gregorian year rather than listed per year. Feed the
 * dates to a calendar: `holidays: frenchHolidays(2025, 2030).map((h) => h.date)`.
 */

export interface Holiday {
  /** Local date, 'YYYY-MM-DD'. */
  date: string;
  name: { fr: string; en: string };
}

export interface FrenchHolidayOptions {
  /** Alsace and Moselle (Bas-Rhin, Haut-Rhin, Moselle) add Good Friday and 26 December. */
  alsaceMoselle?: boolean;
}

const DAY_MS = 86_400_000;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Year must be a whole number from 1583 to 9999 (got ${year}).`);
  }
}

/** Easter Sunday of a Gregorian year as 'YYYY-MM-DD' (the anonymous Gregorian, or Meeus/Jones/Butcher, algorithm). */
export function easterSunday(year: number): string {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The public holidays of one year, sorted by date. */
export function frenchHolidaysOfYear(year: number, options: FrenchHolidayOptions = {}): Holiday[] {
  checkYear(year);
  const easter = easterSunday(year);
  const fixed = (month: number, day: number) => isoDate(year, month, day);
  const list: Holiday[] = [
    { date: fixed(1, 1), name: { fr: "Jour de l'an", en: "New Year's Day" } },
    { date: plusDays(easter, 1), name: { fr: 'Lundi de Pâques', en: 'Easter Monday' } },
    { date: fixed(5, 1), name: { fr: 'Fête du Travail', en: 'Labour Day' } },
    { date: fixed(5, 8), name: { fr: 'Victoire 1945', en: 'Victory in Europe Day' } },
    { date: plusDays(easter, 39), name: { fr: 'Ascension', en: 'Ascension Day' } },
    { date: plusDays(easter, 50), name: { fr: 'Lundi de Pentecôte', en: 'Whit Monday' } },
    { date: fixed(7, 14), name: { fr: 'Fête nationale', en: 'Bastille Day' } },
    { date: fixed(8, 15), name: { fr: 'Assomption', en: 'Assumption Day' } },
    { date: fixed(11, 1), name: { fr: 'Toussaint', en: "All Saints' Day" } },
    { date: fixed(11, 11), name: { fr: 'Armistice 1918', en: 'Armistice Day' } },
    { date: fixed(12, 25), name: { fr: 'Noël', en: 'Christmas Day' } },
  ];
  if (options.alsaceMoselle) {
    list.push(
      { date: plusDays(easter, -2), name: { fr: 'Vendredi saint', en: 'Good Friday' } },
      { date: fixed(12, 26), name: { fr: 'Saint-Étienne', en: "St Stephen's Day" } },
    );
  }
  // Ascension can fall on 1 or 8 May (e.g. 2008): keep both names, ordered by date then as listed.
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** The public holidays of every year from `fromYear` to `toYear` inclusive, sorted by date. */
export function frenchHolidays(fromYear: number, toYear: number, options: FrenchHolidayOptions = {}): Holiday[] {
  checkYear(fromYear);
  checkYear(toYear);
  if (toYear < fromYear) throw new RangeError(`toYear (${toYear}) is before fromYear (${fromYear}).`);
  const all: Holiday[] = [];
  for (let year = fromYear; year <= toYear; year++) all.push(...frenchHolidaysOfYear(year, options));
  return all;
}
