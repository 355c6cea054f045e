// Files in and out, the same code in Electron (native dialogs through the preload) and in a browser (a file
// input and a download). Contents travel as base64, as the API's exchange methods expect — except exports
// (exportAndSave), which the core writes into the file itself.

import type { ApiInput, ApiResult } from '../../electron/domain/api';
import { ApiError } from './api';

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export interface PickedFile {
  name: string;
  /** base64 */
  content: string;
}

/** Ask the user for one file; null when cancelled. */
export async function pickFile(opts: { title: string; extensions: string[]; filterName: string }): Promise<PickedFile | null> {
  if (window.api) {
    const r = await window.api.dialogs.open({ title: opts.title, filters: [{ name: opts.filterName, extensions: opts.extensions }] });
    if (!r) return null;
    if ('error' in r) throw new Error(r.error);
    return r;
  }
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = opts.extensions.map((e) => `.${e}`).join(',');
    input.style.display = 'none';
    input.onchange = () => {
      const f = input.files?.[0];
      input.remove();
      if (!f) return resolve(null);
      if (f.size > 150 * 1024 * 1024) return reject(new Error('文件过大（最多 150MB）'));
      f.arrayBuffer().then((buf) => resolve({ name: f.name, content: toBase64(new Uint8Array(buf)) }), reject);
    };
    input.oncancel = () => {
      input.remove();
      resolve(null);
    };
    document.body.appendChild(input);
    input.click();
  });
}

/** Read a picked file's text (UTF-8). */
export function fileText(f: PickedFile): string {
  return new TextDecoder('utf-8').decode(fromBase64(f.content));
}

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv',
  json: 'application/json',
};

/** Save a file the API produced; returns where it went (Electron) or the file name (browser download), null if cancelled. */
export async function saveFile(fileName: string, base64: string, title = '保存文件'): Promise<string | null> {
  if (window.api) {
    const r = await window.api.dialogs.save({ title, defaultName: fileName, content: base64 });
    return r ? r.path : null;
  }
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  const blob = new Blob([fromBase64(base64)], { type: MIME[ext] ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}

/**
 * Export (exchange.export) and save the file, without it passing through the page as base64: in Electron the
 * main process asks where and the core writes there; in a browser the server answers with the file itself
 * (`POST /api/exchange.export?as=file`), which is downloaded. A whole ledger's .xlsx streams either way
 * (docs/performance.md). Returns where it went (the path, or the file name) and the count; null when cancelled.
 */
export async function exportAndSave(input: ApiInput<'exchange.export'>, title: string): Promise<{ where: string; count: number } | null> {
  if (window.api) {
    const r = await window.api.dialogs.exportTo({ title, input });
    if (!r) return null;
    if (!r.ok) throw new ApiError(r.error.code, r.error.message, r.error.details);
    return { where: r.data.path, count: r.data.count };
  }
  let res: Response;
  try {
    res = await fetch('/api/exchange.export?as=file', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input),
    });
  } catch {
    throw new ApiError('NETWORK', '无法连接本机服务：请确认“法治台账”浏览器模式仍在运行');
  }
  if (res.status === 401) throw new ApiError('UNAUTHORIZED', '访问令牌无效：请用启动时打印的完整地址重新打开');
  if (!res.ok || /json/i.test(res.headers.get('Content-Type') ?? '')) {
    let envelope: ApiResult<unknown> | null = null;
    try {
      envelope = (await res.json()) as ApiResult<unknown>;
    } catch {
      // not the envelope
    }
    if (envelope && !envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
    throw new ApiError('INTERNAL', `本机服务返回了无法识别的内容（HTTP ${res.status}）`);
  }
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const fileName = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? `导出.${input.format}`);
  const blob = new Blob([await res.blob()], { type: MIME[input.format] ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { where: fileName, count: Number(res.headers.get('X-Fazhi-Count') ?? 0) };
}
