// The year's own tables: annual indicators, report materials and imported holiday years (one row per year and
// name). Statements only; the handlers (api/handlers/report.ts, settings.ts) give them their transaction and audit
// entry through write(...). The statistics read indicators with stats/compute.ts indicatorValues.

import type { HolidayYear } from '../../domain/calendar';
import type { Db } from './connection';

export function indicatorValue(db: Db, year: number, name: string): number | null {
  return (db.prepare('SELECT value FROM indicators WHERE year = ? AND name = ?').pluck().get(year, name) as number | undefined) ?? null;
}

/** Sets one indicator; null removes it. */
export function putIndicator(db: Db, year: number, name: string, value: number | null, at: string): void {
  if (value === null) db.prepare('DELETE FROM indicators WHERE year = ? AND name = ?').run(year, name);
  else {
    db.prepare(
      'INSERT INTO indicators (year, name, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (year, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ).run(year, name, value, at);
  }
}

export function materialTexts(db: Db, year: number): Map<string, string> {
  return new Map(
    (db.prepare('SELECT name, content FROM materials WHERE year = ?').all(year) as { name: string; content: string }[]).map((r) => [r.name, r.content]),
  );
}

/** A material's text, '' when none is stored. */
export function materialText(db: Db, year: number, name: string): string {
  return (db.prepare('SELECT content FROM materials WHERE year = ? AND name = ?').pluck().get(year, name) as string | undefined) ?? '';
}

export function putMaterial(db: Db, year: number, name: string, content: string, at: string): void {
  db.prepare(
    'INSERT INTO materials (year, name, content, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (year, name) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at',
  ).run(year, name, content, at);
}

/** The years some indicator or material is stored for. */
export function yearDataYears(db: Db): number[] {
  return db.prepare('SELECT DISTINCT year FROM indicators UNION SELECT DISTINCT year FROM materials').pluck().all() as number[];
}

export function putHolidayYears(db: Db, years: Record<string, HolidayYear>, source: string, at: string): void {
  const put = db.prepare(
    'INSERT INTO holiday_years (year, off, work, source, added_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (year) DO UPDATE SET off = excluded.off, work = excluded.work, source = excluded.source, added_at = excluded.added_at',
  );
  for (const [y, v] of Object.entries(years)) put.run(+y, JSON.stringify(v.off), JSON.stringify(v.work), source, at);
}
