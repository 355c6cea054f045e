// The working-day calendar: the official schedule shipped in resources/, plus years the user added
// (kept in the data file, so they travel with it to a new PC).

import shipped from '../../resources/cn-holidays.json' with { type: 'json' };
import { HolidayCalendar, checkHolidayData, type HolidayCalendarData, type HolidayYear } from '../domain/calendar';
import type { Db } from './db/connection';
import { AppError } from './errors';

export const SHIPPED_CALENDAR = shipped as unknown as HolidayCalendarData;

export function loadCalendar(db: Db): HolidayCalendar {
  const years: Record<string, HolidayYear> = { ...SHIPPED_CALENDAR.years };
  const added = db.prepare('SELECT year, off, work FROM holiday_years').all() as { year: number; off: string; work: string }[];
  for (const a of added) years[String(a.year)] = { off: JSON.parse(a.off), work: JSON.parse(a.work) };
  return new HolidayCalendar({ years });
}

export function calendarYears(db: Db): { year: number; source: string }[] {
  const added = new Map((db.prepare('SELECT year, source FROM holiday_years').all() as { year: number; source: string }[]).map((r) => [r.year, r.source]));
  const all = new Set([...Object.keys(SHIPPED_CALENDAR.years).map(Number), ...added.keys()]);
  return [...all].sort((a, b) => a - b).map((year) => ({ year, source: added.get(year) ?? '随程序提供（国务院办公厅通知）' }));
}

/** Validate a holiday file and return its years, ready to store. */
export function parseHolidayFile(data: unknown): Record<string, HolidayYear> {
  const problems = checkHolidayData(data);
  if (problems.length) throw new AppError('INVALID_INPUT', `节假日文件有误：${problems.slice(0, 10).join('；')}`);
  const years = (data as HolidayCalendarData).years;
  if (!Object.keys(years).length) throw new AppError('INVALID_INPUT', '节假日文件中没有任何年份');
  return years;
}
