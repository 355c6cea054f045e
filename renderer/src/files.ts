// Files in and out, the same code in Electron (native dialogs through the preload) and in a browser (a file
// input and a download). Contents travel as base64, as the API's exchange methods expect.

function toBase64(bytes: Uint8Array): string {
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
