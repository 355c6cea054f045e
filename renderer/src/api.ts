// The renderer's one way to the core. In Electron the preload exposes `window.api.invoke(method, input)` over IPC;
// in browser mode the same call is `POST /api/<method>` on the loopback server; the per-run session token is in
// an HttpOnly cookie this code never sees (electron/server/index.ts).
// Either way the answer is the contract's envelope; `call` unwraps it and throws an ApiError with the Chinese message.

import type { ApiInput, ApiMethod, ApiOutput, ApiResult } from '../../electron/domain/api';
import { CSRF_HEADER, csrfToken, reportConnection } from './office-session';

export interface PreloadApi {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  /** menu commands from the native menu; returns a function that stops listening */
  on(channel: 'menu', cb: (command: string) => void): () => void;
  /** open the program's log file with the system's viewer (Electron only) */
  openLog(): Promise<{ ok: true } | { error: string }>;
  /** 设置 · 单位服务器 (issue 19): start or stop serving this data file on the office network */
  office?: {
    host(req: { on: boolean; port?: number }): Promise<{ running: boolean; url?: string; fingerprint?: string; setupCode?: string | null } | { error: string }>;
    /**
     * 连接到单位服务器: without `connect`, the remembered host (if any); with it, main checks the address and the
     * fingerprint, remembers them and switches the window to the host's page (this data file closes).
     */
    client?(req: {
      connect?: { address: string; fingerprint: string };
    }): Promise<{ saved: { address: string; fingerprint: string } | null } | { ok: true } | { error: string }>;
  };

  /** the page as printed (@media print) as an A4 PDF in a preview window with a print button (Electron only) */
  print(req: { title: string }): Promise<{ ok: true; file: string } | { error: string }>;
  dialogs: {
    open(req: { title?: string; filters?: { name: string; extensions: string[] }[] }): Promise<{ name: string; content: string } | { error: string } | null>;
    save(req: { title?: string; defaultName: string; content: string }): Promise<{ path: string } | null>;
    /** an export saved where the user chooses, written there by the core; null when cancelled */
    exportTo(req: { title?: string; input: ApiInput<'exchange.export'> }): Promise<ApiResult<{ path: string; count: number }> | null>;
  };
}

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const transport: 'electron' | 'browser' = typeof window !== 'undefined' && window.api ? 'electron' : 'browser';

async function viaHttp(method: string, input: unknown): Promise<ApiResult<unknown>> {
  let res: Response;
  // office mode (issue 19): the session's CSRF token in a header of every call (office.ts); none elsewhere
  const csrf = csrfToken();
  try {
    res = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      // the session token travels in the HttpOnly cookie the server set when the printed address was opened
      headers: { 'Content-Type': 'application/json', ...(csrf ? { [CSRF_HEADER]: csrf } : {}) },
      credentials: 'same-origin',
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    if (csrf) {
      reportConnection(false);
      return {
        ok: false,
        error: { code: 'NETWORK', message: '无法连接单位服务器：本次操作没有保存。正在填写的内容已作为草稿保留在本机，连接恢复后可继续保存。' },
      };
    }
    return { ok: false, error: { code: 'NETWORK', message: '无法连接本机服务：请确认“法治台账”浏览器模式仍在运行' } };
  }
  if (csrf) reportConnection(true);
  if (res.status === 401 && csrf) {
    // the session ended (expired, signed out, account disabled): to the login page; the form's draft stays
    window.location.assign('/login');
    return { ok: false, error: { code: 'SIGNED_OUT', message: '登录已过期，请重新登录' } };
  }
  if (res.status === 401) return { ok: false, error: { code: 'UNAUTHORIZED', message: '访问令牌无效：请用启动时打印的完整地址重新打开' } };
  try {
    return (await res.json()) as ApiResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: `本机服务返回了无法识别的内容（HTTP ${res.status}）` } };
  }
}

/** The raw envelope, for callers that show validation issues themselves. */
export function invoke<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<ApiOutput<M>>> {
  const r = transport === 'electron' ? window.api!.invoke(method, input) : viaHttp(method, input);
  return r as Promise<ApiResult<ApiOutput<M>>>;
}

/** Answers asked for before the page code ran (boot.ts), each taken once by the first call with the same input. */
const early = new Map<string, { pending: Promise<ApiResult<unknown>>; answer?: ApiResult<unknown> }>();
/** An answer nobody took by then is dropped (the page it was for was left): later calls ask afresh. */
const EARLY_KEEP_MS = 10_000;

const requestKey = (method: string, input: unknown) => JSON.stringify([method, input]);

/** Ask now for a read the first screen will make (only reads: its answer may be used a moment later). */
export function prefetch<M extends ApiMethod>(method: M, input: ApiInput<M>): void {
  const key = requestKey(method, input);
  const entry: { pending: Promise<ApiResult<unknown>>; answer?: ApiResult<unknown> } = { pending: invoke(method, input) };
  void entry.pending.then((r) => (entry.answer = r));
  early.set(key, entry);
  setTimeout(() => early.delete(key), EARLY_KEEP_MS);
}

/**
 * The early answer to this request if it has already arrived (taken: later calls ask afresh). A screen whose
 * data is in starts with it instead of first drawing itself empty and then again.
 */
export function takeEarlyAnswer<M extends ApiMethod>(method: M, input: ApiInput<M>): ApiResult<ApiOutput<M>> | undefined {
  const key = early.size ? requestKey(method, input) : '';
  const answer = early.get(key)?.answer as ApiResult<ApiOutput<M>> | undefined;
  if (answer) early.delete(key);
  return answer;
}

/** Call a method and get its data, or throw an ApiError carrying the Chinese message. */
export async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const key = early.size ? requestKey(method, input) : '';
  const pending = early.get(key)?.pending as Promise<ApiResult<ApiOutput<M>>> | undefined;
  early.delete(key);
  const r = await (pending ?? invoke(method, input));
  if (!r.ok) throw new ApiError(r.error.code, r.error.message, r.error.details);
  return r.data;
}
