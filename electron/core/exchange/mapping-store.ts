// The mappings a user chose in the import wizard, remembered per sheet layout (migration 6): saved when an
// import with a mapping succeeds, offered by the preview of the next sheet with the same header row.

import type { SheetMapping } from '../../domain/sheet-mapping';
import { normHeader } from '../../domain/sheet-mapping';
import { isoNow, type Core } from '../core';

/** A sheet layout: its header row as matched, names normalised (spaces, full width and units do not count). */
export function layoutOf(headers: readonly string[]): string {
  return headers.map(normHeader).join('|');
}

export function savedMapping(core: Core, kind: string, layout: string): SheetMapping | null {
  const r = core.db.prepare('SELECT mapping FROM import_mappings WHERE kind = ? AND layout = ?').pluck().get(kind, layout) as string | undefined;
  if (!r) return null;
  try {
    return JSON.parse(r) as SheetMapping;
  } catch {
    return null;
  }
}

export function saveMapping(core: Core, kind: string, layout: string, mapping: SheetMapping): void {
  core.db
    .prepare(
      'INSERT INTO import_mappings (kind, layout, mapping, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, layout) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at',
    )
    .run(kind, layout, JSON.stringify(mapping), isoNow(core.now()));
}
