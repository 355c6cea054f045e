// The program's own log: `<data folder>/logs/法治台账.log`, one JSON object per line. What goes in: every error
// that reached the API door unexpected (the 内部错误 path of api/dispatch.ts) with the method, the error's name,
// message and stack and the app version; and housekeeping the program did on its own (stale temporary files
// removed, safety/temps.ts). What never goes in: the values the user typed. Of an API call's input only its
// shape is written (keys, types, lengths), and any text of the input that turns up inside an error message or
// stack is replaced by ‹已隐去›.
//
// The file rotates at LOG_MAX_BYTES: 法治台账.log → .1 → .2 … and the oldest beyond LOG_KEEP files is dropped (it
// is our own diagnostic output, not user data). Writing the log never throws: a log that cannot be written must
// not turn a handled error into a second one.

import fs from 'node:fs';
import path from 'node:path';
import { APP_VERSION } from '../version';

export const LOG_NAME = '法治台账.log';
export const LOG_MAX_BYTES = 1024 * 1024;
/** files kept in all: the current one and LOG_KEEP - 1 rotated ones */
export const LOG_KEEP = 5;
export const HIDDEN = '‹已隐去›';

export function logDirFor(dataFile: string): string {
  return path.join(path.dirname(path.resolve(dataFile)), 'logs');
}

export function logFileFor(dataFile: string): string {
  return path.join(logDirFor(dataFile), LOG_NAME);
}

export interface LogOptions {
  maxBytes?: number;
  keep?: number;
  now?: Date;
}

function rotate(file: string, keep: number): void {
  fs.rmSync(`${file}.${keep - 1}`, { force: true });
  for (let i = keep - 2; i >= 1; i--) if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
  if (keep > 1) fs.renameSync(file, `${file}.1`);
  else fs.rmSync(file, { force: true });
}

/** Append one entry (a JSON line with the time and app version) to the data folder's log, rotating first when full. */
export function appendLog(dataFile: string, entry: Record<string, unknown>, opts: LogOptions = {}): void {
  try {
    const file = logFileFor(dataFile);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const line = `${JSON.stringify({ time: (opts.now ?? new Date()).toISOString(), version: APP_VERSION, ...entry })}\n`;
    let size = 0;
    try {
      size = fs.statSync(file).size;
    } catch {
      // no log yet
    }
    if (size > 0 && size + Buffer.byteLength(line) > (opts.maxBytes ?? LOG_MAX_BYTES)) rotate(file, opts.keep ?? LOG_KEEP);
    fs.appendFileSync(file, line);
  } catch (e) {
    console.warn(`日志写入失败：${(e as Error)?.message ?? String(e)}`);
  }
}

/**
 * Keys of the contract whose values are names from a fixed list (台账类型, 格式…), not something a user typed:
 * their value is kept in the shape and never scrubbed, which makes a log line say which ledger it was about.
 */
const ENUM_KEYS = new Set(['kind', 'format', 'variant', 'dir', 'status']);
const enumValue = (k: string, v: unknown): v is string => ENUM_KEYS.has(k) && typeof v === 'string' && /^[a-z.]{1,20}$/.test(v);

/**
 * The shape of an API input without its values: `{ kind: 'decision', ids: 'array(3) of string(21)' }`. Keys are
 * kept (they are field names of the contract); strings become their length, other values their type.
 */
export function inputShape(v: unknown, depth = 0): unknown {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length ? `array(${v.length}) of ${describeLeaf(v[0])}` : 'array(0)';
  if (typeof v === 'object') {
    if (depth >= 3) return 'object';
    const keys = Object.keys(v as object);
    const out: Record<string, unknown> = {};
    for (const k of keys.slice(0, 40)) {
      const x = (v as Record<string, unknown>)[k];
      out[k.slice(0, 64)] = enumValue(k, x) ? x : inputShape(x, depth + 1);
    }
    if (keys.length > 40) out['…'] = `另有 ${keys.length - 40} 项`;
    return out;
  }
  return describeLeaf(v);
}

function describeLeaf(v: unknown): string {
  if (typeof v === 'string') return `string(${v.length})`;
  if (Array.isArray(v)) return `array(${v.length})`;
  if (v === null) return 'null';
  return typeof v;
}

/** Every text value of the input (not its keys, not the enum values above). */
function inputTexts(v: unknown, out: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 50 || out.size > 10_000) return out;
  if (typeof v === 'string') out.add(v);
  else if (Array.isArray(v)) for (const x of v) inputTexts(x, out, depth + 1);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!enumValue(k, x)) inputTexts(x, out, depth + 1);
  return out;
}

/**
 * `text` with every text value of the input replaced by ‹已隐去›: any value with a Chinese (non-ASCII) character
 * from two characters, plain ASCII from four (shorter Latin pieces would cut up ordinary words of a stack).
 */
export function scrub(text: string, input: unknown): string {
  let out = text;
  const long = (t: string) => {
    const n = [...t.trim()].length;
    return n >= 4 || (n >= 2 && [...t].some((c) => c.charCodeAt(0) > 0x7f));
  };
  const texts = [...inputTexts(input)].filter(long).sort((a, b) => b.length - a.length);
  for (const t of texts) if (out.includes(t)) out = out.split(t).join(HIDDEN);
  return out;
}

/** Log an error that reached the API door unexpected: the method, the input's shape, the error and its stack. */
export function logApiError(dataFile: string, method: string, input: unknown, error: unknown, opts: LogOptions = {}): void {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as Error & { code?: unknown }).code;
  appendLog(
    dataFile,
    {
      kind: '内部错误',
      method,
      input: inputShape(input),
      error: { name: e.name, code: typeof code === 'string' ? code : undefined, message: scrub(e.message, input) },
      stack: e.stack ? scrub(e.stack, input) : undefined,
    },
    opts,
  );
}

/** The log's path and its last `lines` lines (newest last), for 关于/帮助. */
export function readLogTail(dataFile: string, lines = 200): { file: string; exists: boolean; lines: string[] } {
  const file = logFileFor(dataFile);
  let text: string;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      // the tail only: at most 256 KB, enough for a few hundred lines with stacks
      const len = Math.min(size, 256 * 1024);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, size - len);
      text = buf.toString('utf8');
      if (len < size) text = text.slice(text.indexOf('\n') + 1);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return { file, exists: false, lines: [] };
  }
  const all = text.split('\n').filter((l) => l.length > 0);
  return { file, exists: true, lines: all.slice(-lines) };
}
