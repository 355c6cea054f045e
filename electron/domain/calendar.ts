// Working-day calendar and statutory period counting.
//
// Rules (民事诉讼法 art. 85, applied by 行政复议法 art. 88 and 行政诉讼法):
// - the day a period starts is not counted;
// - N working days end on the N-th working day after the start;
// - a period of calendar days whose last day is a statutory holiday or rest day ends on the first working day after it;
// - a period of months ends on the same date of the later month, or that month's last day.
// Working day = Mon–Fri, minus statutory holidays ('off'), plus adjusted working weekends ('work', 调休).
// Years missing from the calendar fall back to a plain Mon–Fri week; callers can ask `covers(year)` and warn.

export type IsoDate = string; // YYYY-MM-DD

export interface HolidayYear {
  off: IsoDate[];
  work: IsoDate[];
  papers?: string[];
}

export interface HolidayCalendarData {
  years: Record<string, HolidayYear>;
}

// Dates are worked as day numbers (days since 1970-01-01) with integer arithmetic, not Date objects: an import
// of 10,000 rows derives tens of thousands of deadlines, and Date allocation and toISOString were most of its
// validation time. (Proleptic Gregorian; Howard Hinnant's days_from_civil / civil_from_days.)

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : MONTH_DAYS[m - 1];
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A day number as YYYY-MM-DD (years 1000–9999). */
function fromDayNumber(z: number): IsoDate {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The digits of s from..to as a number, or -1 when one is not an ASCII digit. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** YYYY-MM-DD naming a real day. (Read by char code: it checks every date field of every imported row.) */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = digitsAt(s, 0, 4);
  const m = digitsAt(s, 5, 7);
  const d = digitsAt(s, 8, 10);
  return y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function dayNumber(s: IsoDate): number {
  // digits read by char code: this runs for every step of every working-day count
  const c = (i: number) => s.charCodeAt(i) - 48;
  if (s.length !== 10 || s[4] !== '-' || s[7] !== '-') throw new Error(`无效日期：${s}`);
  return daysFromCivil(c(0) * 1000 + c(1) * 100 + c(2) * 10 + c(3), c(5) * 10 + c(6), c(8) * 10 + c(9));
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function addDays(s: IsoDate, n: number): IsoDate {
  return fromDayNumber(dayNumber(s) + n);
}

/** Same date n months later, or that month's last day (2024-01-31 + 1 month = 2024-02-29). */
export function addMonths(s: IsoDate, n: number): IsoDate {
  const [y0, m0, day] = s.split('-').map(Number);
  const months = y0 * 12 + (m0 - 1) + n;
  const y = Math.floor(months / 12);
  const m = months - y * 12 + 1;
  return `${y}-${pad2(m)}-${pad2(Math.min(day, daysInMonth(y, m)))}`;
}

export function addYears(s: IsoDate, n: number): IsoDate {
  return addMonths(s, 12 * n);
}

/** Calendar days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Number of items ≤ x in a sorted list. */
function upperBound(list: IsoDate[], x: IsoDate): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isWeekday(s: IsoDate): boolean {
  const dow = weekday(dayNumber(s));
  return dow !== 0 && dow !== 6;
}

/** Mon–Fri days from a fixed Monday (1969-12-29, day −3) up to and including day n. */
function weekdaysUpTo(n: number): number {
  const m = n + 3 + 1; // days counted, starting on a Monday
  const weeks = Math.floor(m / 7);
  return weeks * 5 + Math.min(m - weeks * 7, 5);
}

export class HolidayCalendar {
  private readonly off = new Set<IsoDate>();
  private readonly work = new Set<IsoDate>();
  /** the same as day numbers, for counting day by day without making date strings */
  private readonly offN = new Set<number>();
  private readonly workN = new Set<number>();
  private readonly years = new Set<number>();
  /** holidays falling on weekdays, and working weekend days, sorted: for counting by binary search */
  private readonly offWeekdays: IsoDate[];
  private readonly workWeekends: IsoDate[];

  constructor(private readonly data: HolidayCalendarData) {
    for (const [year, y] of Object.entries(data.years)) {
      this.years.add(+year);
      for (const d of y.off) this.off.add(d);
      for (const d of y.work) this.work.add(d);
    }
    for (const d of this.off) this.offN.add(dayNumber(d));
    for (const d of this.work) this.workN.add(dayNumber(d));
    this.offWeekdays = [...this.off].filter(isWeekday).sort();
    this.workWeekends = [...this.work].filter((d) => !isWeekday(d)).sort();
  }

  /** The schedule it was made from (plain data: to make the same calendar in a worker thread). */
  toData(): HolidayCalendarData {
    return this.data;
  }

  /** Years for which the official schedule is present. */
  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  isWorkday(s: IsoDate): boolean {
    return this.isWorkdayN(dayNumber(s));
  }

  private isWorkdayN(n: number): boolean {
    if (this.offN.has(n)) return false;
    if (this.workN.has(n)) return true;
    const dow = weekday(n);
    return dow !== 0 && dow !== 6;
  }

  /** The N-th working day after `start` (start itself not counted). */
  addWorkdays(start: IsoDate, n: number): IsoDate {
    let d = dayNumber(start);
    for (let left = n; left > 0;) if (this.isWorkdayN(++d)) left--;
    return fromDayNumber(d);
  }

  /** Working days from today until the due date: positive = left, 0 = due today, negative = overdue. */
  workdaysUntil(today: IsoDate, due: IsoDate): number {
    if (today === due) return 0;
    const [a, b, sign] = today < due ? [today, due, 1] : [due, today, -1];
    const count = this.workdaysIn(a, b);
    // Overdue by a rest day still counts as overdue.
    return sign > 0 ? count : -Math.max(count, 1);
  }

  /** Working days d with a < d ≤ b, in constant time plus a pass over the listed exceptions. */
  workdaysIn(a: IsoDate, b: IsoDate): number {
    const within = (list: IsoDate[]) => upperBound(list, b) - upperBound(list, a);
    return weekdaysUpTo(dayNumber(b)) - weekdaysUpTo(dayNumber(a)) - within(this.offWeekdays) + within(this.workWeekends);
  }

  /** A date rolled forward to the first working day if it is a holiday or rest day. */
  rollForward(s: IsoDate): IsoDate {
    let d = dayNumber(s);
    if (this.isWorkdayN(d)) return s;
    while (!this.isWorkdayN(d)) d++;
    return fromDayNumber(d);
  }

  /** A period of N calendar days: start + N, rolled to the next working day when it ends on a rest day. */
  addCalendarDays(start: IsoDate, n: number): IsoDate {
    return this.rollForward(addDays(start, n));
  }

  /** A period of N months, rolled forward as calendar-day periods are. */
  addMonthsPeriod(start: IsoDate, n: number): IsoDate {
    return this.rollForward(addMonths(start, n));
  }
}

/** Validate a holiday file (the bundled one, or a year a user adds). Returns Chinese problems, empty when fine. */
export function checkHolidayData(data: unknown): string[] {
  const problems: string[] = [];
  const yearsOf = (data as { years?: unknown } | null)?.years;
  if (!data || typeof data !== 'object' || !yearsOf || typeof yearsOf !== 'object' || Array.isArray(yearsOf)) {
    return ['节假日文件格式不正确：缺少 years 对象'];
  }
  const years = (data as HolidayCalendarData).years;
  for (const [year, y] of Object.entries(years)) {
    if (!/^\d{4}$/.test(year)) problems.push(`年份“${year}”不是四位数字`);
    if (!y || typeof y !== 'object') {
      problems.push(`${year}年的内容应为包含 off 和 work 列表的对象`);
      continue;
    }
    for (const list of ['off', 'work'] as const) {
      const arr = (y as HolidayYear)[list];
      if (!Array.isArray(arr)) {
        problems.push(`${year}年缺少 ${list} 列表`);
        continue;
      }
      for (const d of arr) {
        if (!isIsoDate(d)) problems.push(`${year}年 ${list} 中的“${String(d)}”不是有效日期`);
        else if (Math.abs(+d.slice(0, 4) - +year) > 1) {
          // A notice may cover the adjacent year's edge (the New Year block 2018-12-30..2019-01-01); no further.
          problems.push(`${year}年 ${list} 中的“${d}”不属于该年`);
        }
      }
    }
  }
  return problems;
}
