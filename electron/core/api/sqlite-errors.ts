// SQLite's own error messages ("string or blob too big", "too many SQL variables", "unterminated string"…) are
// English and name no field. The zod schemas and the handlers' own checks are meant to stop such input first;
// when one slips through, dispatch turns SQLite's message into a Chinese one that names the input field most
// likely at fault (the one holding a NUL character, the longest text, the longest list, the largest number).
// The raw message goes to the log (safety/errlog.ts), never to the clerk.

import type { ErrorCode } from '../errors';
import { LEDGERS } from '../../domain/ledgers';

interface Leaf {
  path: string;
  value: unknown;
}

function leaves(v: unknown, prefix = '', out: Leaf[] = [], depth = 0): Leaf[] {
  if (depth > 20 || out.length > 100_000) return out;
  if (Array.isArray(v)) {
    out.push({ path: prefix, value: v });
    v.forEach((x, i) => leaves(x, `${prefix}[${i}]`, out, depth + 1));
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) leaves(x, prefix ? `${prefix}.${k}` : k, out, depth + 1);
  } else out.push({ path: prefix, value: v });
  return out;
}

/** The path of the leaf scoring highest (> 0), e.g. `values.title`, `ids`. */
function fieldWith(input: unknown, score: (v: unknown) => number): string | null {
  let best: Leaf | null = null;
  let bestScore = 0;
  for (const l of leaves(input)) {
    const s = score(l.value);
    if (l.path && s > bestScore) {
      best = l;
      bestScore = s;
    }
  }
  return best?.path ?? null;
}

const named = (field: string | null) => (field ? `“${field}”` : '');

/**
 * The Chinese label of the ledger column a constraint message names (`NOT NULL constraint failed: decision.title`,
 * `CHECK constraint failed: "inCatalog" IN (0, 1)`), or null for a technical column (id, created_at…).
 */
function constraintField(msg: string): string | null {
  const m = /constraint failed: (?:(\w+)\.)?"?(\w+)/.exec(msg);
  if (!m) return null;
  const defs = Object.entries(LEDGERS as Record<string, { fields: { key: string; label: string }[] }>)
    .filter(([kind]) => !m[1] || kind === m[1])
    .map(([, def]) => def);
  for (const def of defs) {
    const f = def.fields.find((x) => x.key === m[2]);
    if (f) return f.label;
  }
  return null;
}

/** A Chinese answer for an error SQLite raised, or null when `e` did not come from SQLite. */
export function sqliteProblem(e: unknown, input: unknown): { code: ErrorCode; message: string } | null {
  const msg = (e as Error)?.message ?? String(e);
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : '';
  const fromSqlite = code.startsWith('SQLITE_') || (e as Error)?.name === 'SqliteError';
  if (/unterminated string|fts5: syntax error|malformed MATCH|unrecognized token/i.test(msg)) {
    const f = fieldWith(input, (v) => (typeof v === 'string' && v.includes('\u0000') ? 2 : 0)) ?? fieldWith(input, (v) => (typeof v === 'string' ? 1 : 0));
    return { code: 'INVALID_INPUT', message: `${named(f)}中含有无法识别的字符（如不可见的空字符），请删去后重试` };
  }
  if (/string or blob too big|SQLITE_TOOBIG/i.test(`${code} ${msg}`)) {
    const f = fieldWith(input, (v) => (typeof v === 'string' ? v.length : 0));
    return { code: 'INVALID_INPUT', message: `${named(f)}的内容过长，无法保存，请缩短后重试` };
  }
  if (/too many SQL variables|too many terms|Expression tree is too large/i.test(msg)) {
    const f = fieldWith(input, (v) => (Array.isArray(v) ? v.length : 0));
    return { code: 'INVALID_INPUT', message: `${named(f)}中的项目过多，请分批操作` };
  }
  if (/integer overflow|datatype mismatch|SQLITE_MISMATCH|SQLITE_RANGE|too big|out of range/i.test(`${code} ${msg}`)) {
    const f = fieldWith(input, (v) => (typeof v === 'number' ? Math.abs(v) + 1 : 0));
    return { code: 'INVALID_INPUT', message: `${named(f)}的数值超出允许范围，请检查后重试` };
  }
  if (/SQLITE_CONSTRAINT/.test(code) || /constraint failed/i.test(msg)) {
    const f = constraintField(msg);
    return { code: 'VALIDATION', message: `${f ? `“${f}”的` : ''}内容不符合数据文件的规则，本次操作未保存，请检查后重试` };
  }
  if (fromSqlite) return { code: 'INTERNAL', message: '数据文件未能完成本次操作，本次操作未生效。详情已记入日志（关于 → 查看日志）。' };
  return null;
}
