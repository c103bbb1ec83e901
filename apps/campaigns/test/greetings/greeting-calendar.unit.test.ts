import { describe, expect, it } from 'vitest';
import {
  holidaysBetween,
  nextBirthday,
  solarTermsBetween,
} from '../../src/domain/greetings/greeting-calendar';

describe('birthdays (R5)', () => {
  it('a solar birthday falls on the same month and day, this year or next', () => {
    expect(nextBirthday('1990-06-23', 'solar', '2026-03-01')).toBe('2026-06-23');
    expect(nextBirthday('1990-06-23', 'solar', '2026-06-23')).toBe('2026-06-23');
    expect(nextBirthday('1990-06-23', 'solar', '2026-06-24')).toBe('2027-06-23');
  });

  it('a 29 February birthday is greeted on 28 February in a common year', () => {
    expect(nextBirthday('2000-02-29', 'solar', '2026-01-01')).toBe('2026-02-28');
    expect(nextBirthday('2000-02-29', 'solar', '2027-03-01')).toBe('2028-02-29');
  });

  it('a lunar birthday moves with the lunar calendar', () => {
    // Born on Spring Festival 2000 (lunar 1/1): greeted on Spring Festival each year.
    expect(nextBirthday('2000-02-05', 'lunar', '2026-01-01')).toBe('2026-02-17');
    expect(nextBirthday('2000-02-05', 'lunar', '2026-02-18')).toBe('2027-02-06');
  });

  it('a lunar birthday late in the year may fall in January or February of the next', () => {
    // Born on lunar 12/8 (腊八): lunar year 2026's 腊八 is 2027-01-15.
    expect(nextBirthday('2021-01-20', 'lunar', '2026-03-01')).toBe('2027-01-15');
  });

  it('a birthday on the 30th of a lunar month is greeted on the 29th when the month is short', () => {
    // 2000-02-04 was lunar 1999/12/30 (除夕); lunar 2026's twelfth month has 29 days.
    expect(nextBirthday('2000-02-04', 'lunar', '2026-03-01')).toBe('2027-02-05');
  });

  it('a birthday in a leap month is greeted in the ordinary month of that number', () => {
    // 1990-06-23 was the first day of the leap fifth month; 2026's fifth month starts 2026-06-15.
    expect(nextBirthday('1990-06-23', 'lunar', '2026-03-01')).toBe('2026-06-15');
  });
});

describe('holidays and seasons (R5)', () => {
  it('lists lunar festivals on their solar dates', () => {
    const dates = Object.fromEntries(
      holidaysBetween('2026-01-01', '2026-12-31').map((d) => [d.key, d.date]),
    );
    expect(dates).toMatchObject({
      春节: '2026-02-17',
      元宵节: '2026-03-03',
      端午节: '2026-06-19',
      七夕节: '2026-08-19',
      中秋节: '2026-09-25',
      重阳节: '2026-10-18',
      国庆节: '2026-10-01',
      元旦: '2026-01-01',
      母亲节: '2026-05-10',
      父亲节: '2026-06-21',
      情人节: '2026-02-14',
    });
  });

  it('includes a year-end 除夕 that belongs to the previous lunar year, in date order', () => {
    const days = holidaysBetween('2027-01-01', '2027-02-10');
    expect(days.map((d) => d.key)).toEqual(['元旦', '腊八节', '除夕', '春节']);
    expect(days.find((d) => d.key === '除夕')?.date).toBe('2027-02-05');
  });

  it('finds the solar terms that open the seasons', () => {
    expect(solarTermsBetween('2026-01-01', '2026-12-31')).toEqual([
      { key: '立春', date: '2026-02-04' },
      { key: '立夏', date: '2026-05-05' },
      { key: '立秋', date: '2026-08-07' },
      { key: '立冬', date: '2026-11-07' },
    ]);
  });
});
