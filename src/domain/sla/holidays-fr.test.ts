import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateCalendar } from './calendar.js';
import { easterSunday, frenchHolidays, frenchHolidaysOfYear } from './holidays-fr.js';

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [1818, '1818-03-22'], // earliest possible date
    [1943, '1943-04-25'], // latest possible date
    [2285, '2285-03-22'],
    [2100, '2100-03-28'],
  ])('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    fc.assert(fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
      const date = easterSunday(year);
      expect(new Date(`${date}T00:00:00Z`).getUTCDay()).toBe(0);
      expect(date.slice(5) >= '03-22' && date.slice(5) <= '04-25').toBe(true);
    }), { numRuns: 500 });
  });

  it.each([[1582], [10_000], [2025.5], [Number.NaN]])('rejects the year %s', (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});

describe('frenchHolidaysOfYear', () => {
  it('lists the 11 public holidays of 2026 with French and English names', () => {
    expect(frenchHolidaysOfYear(2026).map((h) => [h.date, h.name.fr, h.name.en])).toEqual([
      ['2026-01-01', "Jour de l'an", "New Year's Day"],
      ['2026-04-06', 'Lundi de Pâques', 'Easter Monday'],
      ['2026-05-01', 'Fête du Travail', 'Labour Day'],
      ['2026-05-08', 'Victoire 1945', 'Victory in Europe Day'],
      ['2026-05-14', 'Ascension', 'Ascension Day'],
      ['2026-05-25', 'Lundi de Pentecôte', 'Whit Monday'],
      ['2026-07-14', 'Fête nationale', 'Bastille Day'],
      ['2026-08-15', 'Assomption', 'Assumption Day'],
      ['2026-11-01', 'Toussaint', "All Saints' Day"],
      ['2026-11-11', 'Armistice 1918', 'Armistice Day'],
      ['2026-12-25', 'Noël', 'Christmas Day'],
    ]);
  });

  it('adds Good Friday and 26 December in Alsace-Moselle', () => {
    const dates = frenchHolidaysOfYear(2026, { alsaceMoselle: true }).map((h) => h.date);
    expect(dates).toHaveLength(13);
    expect(dates).toContain('2026-04-03');
    expect(dates).toContain('2026-12-26');
    expect(dates).toEqual([...dates].sort());
    expect(frenchHolidaysOfYear(2025, { alsaceMoselle: true }).find((h) => h.date === '2025-04-18')?.name)
      .toEqual({ fr: 'Vendredi saint', en: 'Good Friday' });
    expect(frenchHolidaysOfYear(2026).map((h) => h.date)).not.toContain('2026-04-03');
  });

  it('keeps both holidays when Ascension falls on 1 May (2008)', () => {
    const mayDay = frenchHolidaysOfYear(2008).filter((h) => h.date === '2008-05-01').map((h) => h.name.en);
    expect(mayDay).toEqual(['Labour Day', 'Ascension Day']);
  });
});

describe('frenchHolidays', () => {
  it('covers a range of years, sorted, usable as calendar holidays', () => {
    const list = frenchHolidays(2025, 2027);
    expect(list).toHaveLength(33);
    expect(list[0]?.date).toBe('2025-01-01');
    expect(list.at(-1)?.date).toBe('2027-12-25');
    expect(list.map((h) => h.date)).toContain('2027-03-29'); // Easter Monday 2027
    const dates = list.map((h) => h.date);
    expect(dates).toEqual([...dates].sort());
    expect(validateCalendar({ timeZone: 'Europe/Paris', weekly: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] }, holidays: dates })).toEqual([]);
  });

  it('rejects a reversed range', () => {
    expect(() => frenchHolidays(2027, 2025)).toThrow(RangeError);
  });
});
