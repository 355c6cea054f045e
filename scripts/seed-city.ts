// A simulated city for issue 20: `counties` × `units` units, each sending one 数据包 with `years` of its ledgers,
// and the city's own data file with the unit tree (市 → 县 → 部门) they belong to:
//   npm run seed -- --city <folder> [--counties 20] [--units 40] [--years 2016-2025] [--scale 0.02]
// writes <folder>/市.db and <folder>/packages/<县>-<单位>.fzpkg (800 by default).
//
// One department's data file is made by the ordinary seed (seedDatabase) and packaged by the product
// (writePackage); every other unit's package is that package with its own unit (uid, name, code, installation),
// record ids and case numbers, a new package id and the manifest's counts and hash made again by the product's
// own contentHash — so each is a package the receiving side checks exactly as any other. Deterministic.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCore } from '../electron/core/core';
import { dispatch } from '../electron/core/api/dispatch';
import type { Core } from '../electron/core/core';
import type { ApiInput, ApiMethod, ApiOutput } from '../electron/domain/api';
import { contentHash, MANIFEST_KEY, writePackage } from '../electron/core/units-package';
import { LEDGER_KINDS } from '../electron/domain/ledgers';
import type { Manifest } from '../electron/domain/units';
// the ordinary seed comes in as an option (seed.ts runs this file for --city: no import back)
import type { seedDatabase } from './seed';

/** An API call that must succeed (the product's own door, as the app would make it). */
async function dispatchCall<M extends ApiMethod>(core: Core, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const r = await dispatch(core, method, input);
  if (!r.ok) throw new Error(`${method}：${r.error.message}`);
  return r.data as ApiOutput<M>;
}

export interface CityOptions {
  /** scripts/seed.ts seedDatabase: makes the one department's file every package is cut from */
  seed: typeof seedDatabase;
  counties: number;
  units: number;
  years: [number, number];
  scale: number;
  log?: (s: string) => void;
}

const hex = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);
const uuidOf = (s: string) => {
  const h = hex(s, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
/** an 18-digit 统一社会信用代码 of the simulation (digits only: always valid) */
const codeOf = (county: number, unit: number) => `113301${String(county).padStart(4, '0')}${String(unit).padStart(8, '0')}`;
export const countyName = (c: number) => `模拟第${c + 1}县`;
export const unitName = (c: number, u: number) => `${countyName(c)}第${u + 1}局`;

export async function seedCity(dir: string, o: CityOptions): Promise<{ city: string; packages: string[]; ms: number }> {
  const t0 = performance.now();
  fs.mkdirSync(path.join(dir, 'packages'), { recursive: true });
  const [y0, y1] = o.years;
  const today = `${y1}-12-20`;
  const now = () => new Date(`${today}T09:00:00+08:00`);

  // one department's ledgers, made and packaged by the product
  const template = path.join(dir, '模板单位.db');
  const tpkg = path.join(dir, '模板单位.fzpkg');
  for (const f of [template, `${template}-wal`, `${template}-shm`, tpkg]) fs.rmSync(f, { force: true });
  await o.seed(template, { years: o.years, scale: o.scale, today });
  const dept = await openCore(template, { actor: '模拟数据', now });
  try {
    await dispatchCall(dept, 'settings.update', { patch: { 单位名称: '模板单位' } });
    writePackage(dept, y0, y1, tpkg);
  } finally {
    dept.close();
  }
  o.log?.(`模板数据包：${(fs.statSync(tpkg).size / 1024).toFixed(0)} KB`);

  // the city and its tree
  const city = path.join(dir, '市.db');
  for (const f of [city, `${city}-wal`, `${city}-shm`]) fs.rmSync(f, { force: true });
  const core = await openCore(city, { create: true, actor: '模拟数据', now });
  try {
    await dispatchCall(core, 'settings.update', { patch: { 单位名称: '模拟市人民政府' } });
    for (let c = 0; c < o.counties; c++) {
      const county = await dispatchCall(core, 'units.add', { name: countyName(c), parentId: 1 });
      for (let u = 0; u < o.units; u++) await dispatchCall(core, 'units.add', { name: unitName(c, u), code: codeOf(c, u), parentId: county.id });
    }
  } finally {
    core.close();
  }

  // every unit's package: the template with the unit's identity, ids and case numbers
  const packages: string[] = [];
  for (let c = 0; c < o.counties; c++) {
    for (let u = 0; u < o.units; u++) {
      const tag = `${c}-${u}`;
      const file = path.join(dir, 'packages', `${countyName(c)}-${unitName(c, u)}.fzpkg`);
      fs.copyFileSync(tpkg, file);
      const db = new Database(file);
      try {
        const m = JSON.parse(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(MANIFEST_KEY) as string) as Manifest;
        const name = unitName(c, u);
        const source = hex(`source|${tag}`, 32);
        db.transaction(() => {
          db.prepare('UPDATE units SET uid = ?, name = ?, code = ?, source = ?, upper = ? WHERE id = 1').run(
            uuidOf(`unit|${tag}`),
            name,
            codeOf(c, u),
            source,
            `模拟市／${countyName(c)}`,
          );
          const suffix = hex(`ids|${tag}`, 12);
          for (const k of LEDGER_KINDS) {
            db.prepare(`UPDATE ${k} SET id = substr(id, 1, 24) || ?`).run(suffix);
            if (k === 'reconsideration' || k === 'litigation')
              db.prepare(`UPDATE ${k} SET "caseNo" = "caseNo" || ? WHERE "caseNo" IS NOT NULL`).run(`·${c + 1}-${u + 1}`);
          }
          for (const t of ['case_parties', 'case_suspensions'])
            db.prepare(`UPDATE ${t} SET id = substr(id, 1, 24) || ?, case_id = substr(case_id, 1, 24) || ?`).run(suffix, suffix);
          const next: Manifest = {
            ...m,
            id: uuidOf(`package|${tag}`),
            source,
            unit: { uid: uuidOf(`unit|${tag}`), name, code: codeOf(c, u), path: `模拟市／${countyName(c)}／${name}` },
          };
          next.hash = contentHash(db);
          db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify(next), MANIFEST_KEY);
        })();
        db.exec('VACUUM');
      } finally {
        db.close();
      }
      packages.push(file);
    }
    o.log?.(`${countyName(c)}：${o.units} 个数据包`);
  }
  return { city, packages, ms: performance.now() - t0 };
}
