import { describe, expect, it } from 'vitest';
import data from '../../resources/cn-holidays.json' with { type: 'json' };
import { addDays, addMonths, checkHolidayData, daysBetween, HolidayCalendar, isIsoDate, type HolidayCalendarData } from '../../electron/domain/calendar';

const cal = new HolidayCalendar(data as unknown as HolidayCalendarData);

describe('working-day calendar on the official schedule', () => {
  it('5 working days from 2025-09-30 end on 2025-10-14 (National Day holiday, then the working Saturday 10-11)', () => {
    expect(cal.isWorkday('2025-10-01')).toBe(false);
    expect(cal.isWorkday('2025-10-08')).toBe(false);
    expect(cal.isWorkday('2025-10-11')).toBe(true); // 调休 Saturday
    expect(cal.addWorkdays('2025-09-30', 5)).toBe('2025-10-14');
  });

  it('skips the Spring Festival and counts its adjusted working weekend', () => {
    // 2024 春节: 2-10..2-17 off, 2-4 (Sun) and 2-18 (Sun) working days.
    expect(cal.isWorkday('2024-02-04')).toBe(true);
    expect(cal.isWorkday('2024-02-12')).toBe(false);
    expect(cal.isWorkday('2024-02-18')).toBe(true);
    // from Friday 2024-02-09: next working days are 2-18 (Sun, 调休), 2-19, 2-20 …
    expect(cal.addWorkdays('2024-02-09', 1)).toBe('2024-02-18');
    expect(cal.addWorkdays('2024-02-09', 3)).toBe('2024-02-20');
  });

  it('15 working days across Labour Day 2025', () => {
    // 2025-05-01..05 off; 2025-04-27 (Sun) working.
    expect(cal.addWorkdays('2025-04-21', 15)).toBe('2025-05-14');
  });

  it('a calendar-day period ending on a rest day moves to the next working day', () => {
    // 2025-09-16 + 15 days = 2025-10-01, National Day → first working day after the holiday is 2025-10-09.
    expect(cal.addCalendarDays('2025-09-16', 15)).toBe('2025-10-09');
    // ordinary weekend: 2025-03-07 + 15 = 2025-03-22 (Saturday) → Monday 03-24
    expect(cal.addCalendarDays('2025-03-07', 15)).toBe('2025-03-24');
    // a working day stays
    expect(cal.addCalendarDays('2025-03-03', 15)).toBe('2025-03-18');
  });

  it('months end on the same date, or the last day of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-03-15', 2)).toBe('2025-05-15');
  });

  it('counts working days left and overdue', () => {
    expect(cal.workdaysUntil('2025-09-30', '2025-10-14')).toBe(5);
    expect(cal.workdaysUntil('2025-10-14', '2025-10-14')).toBe(0);
    expect(cal.workdaysUntil('2025-10-15', '2025-10-14')).toBe(-1);
  });

  it('knows which years it covers and falls back to Mon–Fri elsewhere', () => {
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2030)).toBe(false);
    expect(cal.isWorkday('2030-01-05')).toBe(false); // Saturday
    expect(cal.isWorkday('2030-01-07')).toBe(true);
  });

  it('the shipped file is well-formed and a broken file is explained in Chinese', () => {
    expect(checkHolidayData(data)).toEqual([]);
    expect(checkHolidayData({})[0]).toMatch(/years/);
    expect(checkHolidayData({ years: { '2027': { off: ['2027-02-30'], work: [] } } })[0]).toMatch(/不是有效日期/);
  });
});

describe('counting working days in a range', () => {
  it('agrees with stepping day by day over every year of the calendar', () => {
    const slow = (a: string, b: string) => {
      let n = 0;
      for (let d = a; d < b;) {
        const next = new Date(`${d}T00:00:00Z`);
        next.setUTCDate(next.getUTCDate() + 1);
        d = next.toISOString().slice(0, 10);
        if (cal.isWorkday(d)) n++;
      }
      return n;
    };
    for (const [a, b] of [
      ['2014-12-25', '2027-01-10'],
      ['2025-09-30', '2025-10-14'],
      ['2024-02-03', '2024-02-19'],
      ['2019-12-28', '2020-02-05'],
      ['1999-12-30', '2000-01-04'],
    ]) {
      expect(cal.workdaysIn(a, b), `${a}..${b}`).toBe(slow(a, b));
    }
  });
});

describe('day arithmetic without Date objects', () => {
  // the reference: what the Date object says, for every day from 1990 to 2100
  const ref = (t: number) => new Date(t).toISOString().slice(0, 10);
  it('counts, steps and names every day from 1990 to 2100 as the Date object does', () => {
    const start = Date.UTC(1990, 0, 1);
    let prev = ref(start);
    for (let t = start + 86_400_000; t <= Date.UTC(2100, 11, 31); t += 86_400_000) {
      const day = ref(t);
      expect(addDays(prev, 1)).toBe(day);
      expect(daysBetween('1990-01-01', day)).toBe(Math.round((t - start) / 86_400_000));
      expect(isIsoDate(day)).toBe(true);
      prev = day;
    }
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2100-03-01', -1)).toBe('2100-02-28');
    for (const bad of [
      '2023-02-29',
      '2100-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-01-00',
      '2024-1-01',
      '2024-01-0a',
      '2024/01/01',
      ' 024-01-01',
      '+024-01-01',
      '２０２４-01-01',
      '2024-01-011',
      '2024-0-101',
    ])
      expect(isIsoDate(bad)).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });

  it('adds months as the calendar does, ending on the month’s last day', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
    for (let m = -30; m <= 30; m++) {
      const d = new Date(Date.UTC(2024, 0 + m, 1));
      expect(addMonths('2024-01-01', m)).toBe(ref(d.getTime()));
    }
  });
});
