// Issue 20's scale, simulated: a city of 20 counties × 40 units × 10 years arriving as 800 数据包.
//   npm run bench:units -- [--dir <folder>] [--counties 20] [--units 40] [--years 2016-2025] [--scale 0.02]
// Seeds the city (scripts/seed-city.ts), then receives every package into the city's data file through the
// product's receivePackage (the checks included), and measures: one package ≤ 1 s, all ≤ 5 min, whole-city
// statistics of a year ≤ 150 ms, the report ≤ 1 s, memory ≤ 500 MB. Prints one JSON line with the figures
// (docs/performance.md, “单位与数据包”). Exit code 1 when a target is missed.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../electron/core/core';
import { generateReport } from '../electron/core/report';
import { yearMetrics } from '../electron/core/stats/stats-host';
import { receivePackage } from '../electron/core/units-package';
import { seedDatabase } from './seed';
import { seedCity } from './seed-city';

const { values: o } = parseArgs({
  args: process.argv.slice(2),
  options: {
    dir: { type: 'string' },
    counties: { type: 'string', default: '20' },
    units: { type: 'string', default: '40' },
    years: { type: 'string', default: '2016-2025' },
    scale: { type: 'string', default: '0.02' },
  },
});
const [y0, y1] = o.years!.split('-').map(Number);
const dir = o.dir ? path.resolve(o.dir) : fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-units-'));
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const mb = (bytes: number) => Math.round(bytes / 1048576);
// where the memory goes (docs/performance.md): the process before any work (node + tsx + the modules), after the
// receiving, after the statistics (whose second call starts the statistics thread), after the report
const stages: Record<string, number> = { loaded: mb(process.memoryUsage().rss) };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const seeded = await seedCity(dir, {
  seed: seedDatabase,
  counties: Number(o.counties),
  units: Number(o.units),
  years: [y0, y1],
  scale: Number(o.scale),
  log: (s) => console.error(s),
});
console.error(`已生成 ${seeded.packages.length} 个数据包，用时 ${(seeded.ms / 1000).toFixed(1)} 秒；开始接收`);
const core = await openCore(seeded.city, { actor: '基准测试', now: () => new Date(`${y1 + 1}-02-10T09:00:00+08:00`) });
const times: number[] = [];
const cpu: number[] = [];
const t0 = performance.now();
const cpu0 = process.cpuUsage();
for (const [i, file] of seeded.packages.entries()) {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = receivePackage(core, file);
  times.push(performance.now() - t);
  const dc = process.cpuUsage(c);
  cpu.push((dc.user + dc.system) / 1000);
  if (!r.applied) throw new Error(`未接收：${file}`);
  sample();
  if ((i + 1) % 100 === 0) console.error(`已接收 ${i + 1} 个，平均 ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(0)} ms`);
}
const all = performance.now() - t0;
stages.received = mb(peak);
stages.receivedHeap = mb(process.memoryUsage().heapUsed);
stages.receivedHeapTotal = mb(process.memoryUsage().heapTotal);
stages.receivedExternal = mb(process.memoryUsage().external);
// with node --expose-gc: what stays after a full collection (kept, not merely not yet collected)
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  gc();
  stages.receivedGcHeap = mb(process.memoryUsage().heapUsed);
  stages.receivedGcRss = mb(process.memoryUsage().rss);
}
const allCpu = process.cpuUsage(cpu0);
// the same package again: checked, compared, nothing written
const ta = performance.now();
const again = receivePackage(core, seeded.packages[0]);
const againMs = performance.now() - ta;
if (!again.alreadyReceived) throw new Error('重新接收同一数据包应当没有变化');

const rows = core.db
  .prepare(
    `SELECT (SELECT count(*) FROM normative) + (SELECT count(*) FROM decision) + (SELECT count(*) FROM contract) + (SELECT count(*) FROM reconsideration) + (SELECT count(*) FROM litigation) + (SELECT count(*) FROM casefile)`,
  )
  .pluck()
  .get() as number;
const statsMs: number[] = [];
const statsCpu: number[] = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  yearMetrics(core, y1, '全部');
  statsMs.push(performance.now() - t);
  const dc = process.cpuUsage(c);
  statsCpu.push((dc.user + dc.system) / 1000);
  sample();
}
stages.stats = mb(process.memoryUsage().rss);
const countyMs: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  yearMetrics(core, y1, '模拟第1县');
  countyMs.push(performance.now() - t);
}
const reportMs: number[] = [];
const reportCpu: number[] = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  await generateReport(core, { year: y1, variant: 'formal', date: `${y1 + 1}-02-10` });
  reportMs.push(performance.now() - t);
  const dc = process.cpuUsage(c);
  reportCpu.push((dc.user + dc.system) / 1000);
  sample();
}
stages.report = mb(process.memoryUsage().rss);
core.close();
const result = {
  packages: seeded.packages.length,
  rows,
  fileMB: Math.round(fs.statSync(seeded.city).size / 1048576),
  importOneMaxMs: Math.round(Math.max(...times)),
  importOneMedianMs: Math.round(median(times)),
  importOneMaxCpuMs: Math.round(Math.max(...cpu)),
  importOneMedianCpuMs: Math.round(median(cpu)),
  importAllS: Math.round(all / 100) / 10,
  importAllCpuS: Math.round((allCpu.user + allCpu.system) / 100_000) / 10,
  reimportSameMs: Math.round(againMs),
  statsCityYearMs: Math.round(median(statsMs)),
  statsCityYearCpuMs: Math.round(median(statsCpu)),
  statsCountyYearMs: Math.round(median(countyMs)),
  reportMs: Math.round(median(reportMs)),
  reportCpuMs: Math.round(median(reportCpu)),
  /** how crowded the machine was (1-minute load average per core) */
  load: Math.round((os.loadavg()[0] / os.availableParallelism()) * 10) / 10,
  peakRssMB: Math.round(peak / 1048576),
  /** RSS (MB) at each stage, and the JS heap in use after the receiving */
  stages,
};
console.log(JSON.stringify(result));
const missed = [
  result.importOneMaxMs > 1000 && '单个数据包超过 1 秒',
  result.importAllS > 300 && '全部数据包超过 5 分钟',
  result.statsCityYearMs > 150 && '全市一年的统计超过 150 毫秒',
  result.reportMs > 1000 && '年度报告超过 1 秒',
  result.peakRssMB > 500 && '内存超过 500MB',
].filter(Boolean);
if (missed.length) console.error(`未达标：${missed.join('；')}`);
process.exitCode = missed.length ? 1 : 0;
