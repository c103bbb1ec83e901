import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextMemberDay } from '../src/domain/benefits/benefit-calendar';
import { periodOf } from '../src/domain/benefits/benefit-offer';

const shanghai = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Shanghai' });

describe('R4: the periods benefits are held in', () => {
  it('a birthday gift is yearly, the free gift quarterly, the member-day discount monthly, in local time', () => {
    // 31 March 2026, 23:30 in Shanghai is still March there (and Q1), whatever UTC says.
    const local = shanghai('2026-03-31T23:30:00');
    expect(periodOf('birthday-gift', local)).toBe('2026');
    expect(periodOf('quarterly-gift', local)).toBe('2026-Q1');
    expect(periodOf('member-day-discount', local)).toBe('2026-03');
    expect(periodOf('quarterly-gift', shanghai('2026-04-01T00:00:00'))).toBe('2026-Q2');
  });

  it('the next member day is today on the day itself, else this month or the next', () => {
    expect(nextMemberDay(shanghai('2026-03-08T21:00:00'), 8)).toBe('2026-03-08');
    expect(nextMemberDay(shanghai('2026-03-04T10:00:00'), 8)).toBe('2026-03-08');
    expect(nextMemberDay(shanghai('2026-12-09T10:00:00'), 8)).toBe('2027-01-08');
  });
});
