// Units (填报单位) and 数据包 (issue 20): the shapes the API, the CLI and the renderer share. Pure: the work is in
// electron/core/units.ts and units-package.ts.

import { z } from 'zod';

/** How a scope is named: the own unit's rows, the whole tree, or one unit (by name, code or full name). */
export const SCOPE_OWN = '本级';
export const SCOPE_ALL = '全部';

/**
 * The 填报单位 column of the ledger list and of .xlsx/.csv/.json exports: the unit a row belongs to, shown only once
 * the unit tree has units besides the own one (a file without units looks and exports exactly as before). It is
 * not a field: an import ignores a column of this name, as it ignores 序号 (domain/sheet-mapping.ts).
 */
export const UNIT_COLUMN = '填报单位';

export interface UnitView {
  id: number;
  uid: string;
  name: string;
  code: string | null;
  parentId: number | null;
  path: string;
  /** the units above it, names joined by ／ (the own unit's `upper` text first) */
  fullName: string;
  depth: number;
  /** the unit whose package brought this one (maintained at that level); null when maintained here */
  via: number | null;
  /** the installation its packages come from (set by the first package received) */
  source: string | null;
  own: boolean;
}

export const manifestSchema = z.strictObject({
  format: z.literal('法治台账数据包'),
  id: z.string().regex(/^[0-9a-f-]{36}$/),
  unit: z.strictObject({ uid: z.string().min(1).max(64), name: z.string().min(1).max(60), code: z.string().max(18).nullable(), path: z.string().max(1000) }),
  source: z.string().regex(/^[0-9a-f]{32}$/),
  years: z.strictObject({ from: z.number().int().min(1900).max(2999), to: z.number().int().min(1900).max(2999) }),
  schemaVersion: z.number().int().min(1),
  appVersion: z.string().max(40),
  counts: z.record(z.string().max(40), z.number().int().min(0)),
  rows: z.number().int().min(0),
  units: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  madeAt: z.string().max(40),
  lastChange: z.string().max(40).nullable(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export interface PackageChange {
  kind: string;
  label: string;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

export interface PackagePreview {
  manifest: Manifest;
  unit: { id: number; name: string; fullName: string };
  /** the package received before for this unit (what the changes are against) */
  previous: { id: string; madeAt: string; receivedAt: string; years: string } | null;
  /** this very package was received before: receiving it again changes nothing */
  alreadyReceived: boolean;
  changes: PackageChange[];
  newUnits: string[];
  totals: { added: number; changed: number; removed: number };
  applied: boolean;
}

export interface UnitStatus {
  unitId: number;
  name: string;
  fullName: string;
  depth: number;
  /** 已上报, 未上报, 随上级上报 (came inside another unit's package), 有更新未上报 (the own unit: changed since its last 上报) */
  state: '已上报' | '未上报' | '随上级上报' | '有更新未上报' | '本级';
  packageId: string | null;
  madeAt: string | null;
  receivedAt: string | null;
  /** rows of the year in this unit and the units below it, as held here */
  rows: number;
}
