// Office-mode load test (issue 19, part 5; a bench, not CI timing):
//   npm run bench:office [-- --rows 100000] [--clerks 20] [--importers 2] [--minutes 10] [--json out.json]
// A copy of bench-data/rows-<N>.db (the file `npm run bench` builds) is served by a real host in its own process
// (`fazhi serve --host`, HTTPS, accounts). 20 simulated clerks sign in, each with its own session, and for the
// given time open ledger pages, search, open records, and save a record every few seconds (a new one or one of
// their own, with the version they read); 2 of them (besides) import a small .csv now and then. Every call is
// timed; at the end every acknowledged save is read back from the data file (the host stopped): a save the host
// answered ok that is not there, or is there twice, or holds other values, is counted as lost / duplicated.
// The host's RSS is sampled every 2 s. Results: docs/performance.md (office mode).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { LedgerKind } from '../electron/domain/fields';
import { certFilesFor } from '../electron/server/host';
import { Client, startHostProcess } from '../tests/helpers/office-host';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KINDS: LedgerKind[] = ['normative', 'decision', 'contract', 'reconsideration', 'litigation', 'casefile'];
const SEARCHES = ['张', '王某', '县人民政府', '公安局', '行政处罚', '合同', '规划', '李', '征收', '市场监督'];
const rand = (n: number) => Math.floor(Math.random() * n);
const pick = <T>(a: readonly T[]): T => a[rand(a.length)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Stat {
  ms: number[];
  errors: number;
  lastError?: string;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      clerks: { type: 'string', default: '20' },
      importers: { type: 'string', default: '2' },
      minutes: { type: 'string', default: '10' },
      json: { type: 'string' },
    },
  });
  const rows = Number(values.rows);
  const clerks = Number(values.clerks);
  const importers = Number(values.importers);
  const durationMs = Number(values.minutes) * 60_000;
  const source = path.join(ROOT, 'bench-data', `rows-${rows}.db`);
  if (!fs.existsSync(source)) {
    console.error(`找不到 ${source}：请先运行 npm run bench -- --rows ${rows}（生成基准数据）`);
    return 1;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-office-'));
  const db = path.join(dir, 'office.db');
  fs.copyFileSync(source, db);
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
  console.log(`单位服务器负载测试：${rows} 行，${clerks} 名承办人（其中 ${importers} 名另有导入），${values.minutes} 分钟`);
  const host = await startHostProcess(db, { rendererDir });
  const cert = fs.readFileSync(certFilesFor(db).cert, 'utf8');
  const stats = new Map<string, Stat>();
  const timed = async <T>(name: string, c: Client, method: string, input: unknown): Promise<T | undefined> => {
    const s = stats.get(name) ?? { ms: [], errors: 0 };
    stats.set(name, s);
    const t = performance.now();
    let r;
    try {
      r = await c.api(method, input);
    } catch (e) {
      s.errors++;
      s.lastError = (e as Error).message;
      return undefined;
    }
    s.ms.push(performance.now() - t);
    const j = r.json();
    if (r.status !== 200 || !j.ok) {
      s.errors++;
      s.lastError = r.body.slice(0, 300);
      return undefined;
    }
    return j.data as T;
  };

  const admin = new Client(host.port, host.fingerprint, cert);
  const setup = await admin.request('POST', '/auth/setup', {
    body: { setupCode: host.setupCode, login: 'admin', name: '管理员', password: 'bench-admin-pass' },
  });
  if (setup.status !== 200) throw new Error(setup.body);
  const users: Client[] = [];
  for (let i = 0; i < clerks; i++) {
    await admin.call('users.create', { login: `clerk${i}`, name: `承办${i}`, role: '承办人', ledgers: KINDS, password: `bench-pass-${i}` });
    const c = new Client(host.port, host.fingerprint, cert);
    const r = await c.login(`clerk${i}`, `bench-pass-${i}`);
    if (r.status !== 200) throw new Error(r.body);
    users.push(c);
  }

  // what each acknowledged save says the file now holds: id → { title, sponsor, version }
  const saved = new Map<string, { title: string; sponsor: string; version: number }>();
  const imported = new Set<string>();
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMb(host.child.pid!)), 2_000);
  const started = Date.now();
  const end = started + durationMs;

  const clerk = async (i: number) => {
    const c = users[i];
    const mine: { id: string; version: number; title: string }[] = [];
    let n = 0;
    let nextSave = Date.now() + 1_000 + rand(3_000);
    while (Date.now() < end) {
      if (Date.now() >= nextSave) {
        nextSave = Date.now() + 2_000 + rand(3_000);
        const title = `负载测试-${i}-${++n}`;
        const sponsor = `承办${i}单位${n}`;
        if (mine.length && Math.random() < 0.4) {
          // edit one of mine with the version last read
          const r = pick(mine);
          const got = await timed<{ version: number; values: Record<string, unknown> }>('ledger.get', c, 'ledger.get', { kind: 'decision', id: r.id });
          if (!got) continue;
          const out = await timed<{ version: number }>('ledger.update（保存）', c, 'ledger.update', {
            kind: 'decision',
            id: r.id,
            version: got.version,
            values: { ...got.values, sponsor },
          });
          if (out) {
            r.version = out.version;
            saved.set(r.id, { title: r.title, sponsor, version: out.version });
          }
        } else {
          const out = await timed<{ id: string; version: number }>('ledger.create（保存）', c, 'ledger.create', {
            kind: 'decision',
            values: { title, sponsor, receivedOn: '2025-06-01', handler: `承办${i}` },
          });
          if (out) {
            mine.push({ id: out.id, version: out.version, title });
            saved.set(out.id, { title, sponsor, version: out.version });
          }
        }
        continue;
      }
      const what = rand(10);
      const kind = pick(KINDS);
      if (what < 4) await timed('ledger.list（打开列表）', c, 'ledger.list', { kind, year: 2016 + rand(10), page: 1 + rand(3), pageSize: 50 });
      else if (what < 7) await timed('ledger.list（搜索）', c, 'ledger.list', { kind, q: pick(SEARCHES), page: 1, pageSize: 50 });
      else if (what < 8) await timed('deadlines.board（工作台）', c, 'deadlines.board', { page: 1, pageSize: 50, handler: `承办${i}` });
      else {
        const list = await timed<{ rows: { id: string }[] }>('ledger.list（打开列表）', c, 'ledger.list', { kind, page: 1, pageSize: 20 });
        if (list?.rows.length) await timed('ledger.get', c, 'ledger.get', { kind, id: pick(list.rows).id });
      }
      // a clerk reads what they opened: 0.3–1.5 s between clicks
      await sleep(300 + rand(1_200));
    }
  };

  const importer = async (i: number) => {
    const c = users[i];
    let n = 0;
    await sleep(5_000 + rand(5_000));
    while (Date.now() < end) {
      n++;
      const titles = Array.from({ length: 200 }, (_, k) => `导入测试-${i}-${n}-${k}`);
      const csv = `决策事项名称,承办单位,送审日期\n${titles.map((t) => `${t},导入单位${i},2025-07-01`).join('\n')}\n`;
      const r = await timed<{ inserted: number; errors: string[] }>('exchange.import（导入 200 行）', c, 'exchange.import', {
        kind: 'decision',
        fileName: `导入${i}-${n}.csv`,
        content: Buffer.from(csv, 'utf8').toString('base64'),
      });
      if (r && r.inserted === titles.length) for (const t of titles) imported.add(t);
      else if (r) console.error(`导入未全部写入：${JSON.stringify(r.errors.slice(0, 3))}`);
      await sleep(20_000 + rand(10_000));
    }
  };

  const progress = setInterval(
    () =>
      console.log(`  ${Math.round((Date.now() - started) / 1000)} 秒：已确认保存 ${saved.size} 条，导入 ${imported.size} 行，主机内存 ${rss.at(-1) ?? '?'} MB`),
    30_000,
  );
  await Promise.all([...users.map((_, i) => clerk(i)), ...Array.from({ length: importers }, (_, i) => importer(i))]);
  clearInterval(progress);
  clearInterval(sampler);
  const finalRss = rssMb(host.child.pid!);
  for (const c of [admin, ...users]) c.close();
  const code = await host.stop();

  // read every acknowledged save back from the file itself
  const check = new Database(db, { readonly: true });
  let lost = 0;
  let wrong = 0;
  const byId = check.prepare('SELECT title, sponsor, version FROM decision WHERE id = ? AND deleted_at IS NULL');
  for (const [id, want] of saved) {
    const got = byId.get(id) as { title: string; sponsor: string; version: number } | undefined;
    if (!got) lost++;
    else if (got.title !== want.title || got.sponsor !== want.sponsor || got.version !== want.version) wrong++;
  }
  const dupTitles = check
    .prepare("SELECT count(*) FROM (SELECT title FROM decision WHERE title LIKE '负载测试-%' OR title LIKE '导入测试-%' GROUP BY title HAVING count(*) > 1)")
    .pluck()
    .get() as number;
  const importedThere = check.prepare("SELECT count(*) FROM decision WHERE title LIKE '导入测试-%'").pluck().get() as number;
  const auditUsers = check.prepare('SELECT count(*) FROM audit_log WHERE user IS NULL AND at >= ?').pluck().get(new Date(started).toISOString()) as number;
  check.close();
  const lostImported = imported.size - Math.min(imported.size, importedThere);

  const table = [...stats].map(([name, s]) => {
    const sorted = [...s.ms].sort((a, b) => a - b);
    return {
      调用: name,
      次数: s.ms.length,
      p50: Math.round(pct(sorted, 50)),
      p95: Math.round(pct(sorted, 95)),
      最大: Math.round(sorted.at(-1) ?? NaN),
      错误: s.errors,
      ...(s.lastError ? { 最后错误: s.lastError.slice(0, 120) } : {}),
    };
  });
  console.table(table);
  const result = {
    rows,
    clerks,
    importers,
    minutes: Number(values.minutes),
    calls: table,
    acknowledgedSaves: saved.size,
    importedRows: imported.size,
    lost,
    changedOrStale: wrong,
    duplicated: dupTitles,
    lostImported,
    auditWithoutUser: auditUsers,
    hostRssMb: { first: rss[0], max: Math.max(...rss.filter(Number.isFinite)), last: finalRss },
    hostExit: code,
    cpus: os.cpus().length,
  };
  console.log(JSON.stringify({ ...result, calls: undefined }, null, 2));
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(result, null, 2));
  fs.rmSync(dir, { recursive: true, force: true });
  const errors = table.reduce((a, r) => a + r.错误, 0);
  return lost || wrong || dupTitles || lostImported || errors || auditUsers ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
