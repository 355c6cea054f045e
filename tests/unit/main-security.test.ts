// The Electron security baseline, tested without the Electron runtime: window options, the CSP (the same string
// in renderer/index.html), the renderer URL check used for IPC senders and navigation, external links, the
// dialog requests the renderer may make, and the remembered window bounds.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parsePrintRequest,
  PDF_OPTIONS,
  printFileName,
  printPreviewPreferences,
  DEFAULT_BOUNDS,
  INVOKE_CHANNELS,
  isExternalLinkAllowed,
  isTrustedRendererUrl,
  parseExportToRequest,
  parseOpenRequest,
  parseSaveRequest,
  rendererDevUrl,
  RENDERER_CSP,
  sanitizeBounds,
  webPreferences,
} from '../../electron/main/security';
import { SERVER_CSP } from '../../electron/server/http';

const root = path.resolve(import.meta.dirname, '../..');

describe('窗口安全选项', () => {
  it('isolates and sandboxes the page, no Node, web security on', () => {
    const w = webPreferences('/app/out/preload/index.cjs');
    expect(w).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(w.preload).toBe('/app/out/preload/index.cjs');
  });

  it('the CSP forbids eval and foreign origins, and index.html carries exactly it', () => {
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval/);
    expect(RENDERER_CSP).toMatch(/script-src 'self'(;|$)/);
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect(RENDERER_CSP).not.toMatch(/https?:|\*/);
    const html = fs.readFileSync(path.join(root, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP);
    // browser mode sends the same policy as a header, plus frame-ancestors (which only a header can carry)
    expect(SERVER_CSP).toBe(`${RENDERER_CSP}; frame-ancestors 'none'`);
  });

  it('only the preload channels are declared', () => {
    expect([...INVOKE_CHANNELS]).toEqual(['api', 'dialog.open', 'dialog.save', 'dialog.exportTo', 'log.open', 'print.preview', 'office.host', 'office.client']);
    const preload = fs.readFileSync(path.join(root, 'electron/preload/index.ts'), 'utf8');
    const used = [...preload.matchAll(/ipcRenderer\.invoke\('([^']+)'/g)].map((m) => m[1]);
    expect(used.sort()).toEqual([...INVOKE_CHANNELS].sort());
  });
});

describe('开发服务器地址（ELECTRON_RENDERER_URL）', () => {
  const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
  it('is honoured in development only, never in a packaged build', () => {
    expect(rendererDevUrl(env, false)).toBe('http://localhost:5173');
    expect(rendererDevUrl(env, true)).toBeUndefined();
    expect(rendererDevUrl({}, false)).toBeUndefined();
    expect(rendererDevUrl({ ELECTRON_RENDERER_URL: '' }, false)).toBeUndefined();
  });
  it('in development takes an http(s) address on this computer only', () => {
    for (const u of ['http://127.0.0.1:5173/', 'https://localhost:5173', 'http://[::1]:5173/'])
      expect(rendererDevUrl({ ELECTRON_RENDERER_URL: u }, false), u).toBe(u);
    for (const u of [
      'https://evil.example/',
      'file:///tmp/x.html',
      'http://user:pw@localhost:5173/',
      'http://localhost.evil.example/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(rendererDevUrl({ ELECTRON_RENDERER_URL: u }, false), u).toBeUndefined();
    }
  });
  it('is what the main process uses: no other read of the variable', () => {
    const main = fs.readFileSync(path.join(root, 'electron/main/index.ts'), 'utf8');
    expect(main).toContain('rendererDevUrl(process.env, app.isPackaged)');
    expect(main.match(/ELECTRON_RENDERER_URL/g) ?? []).toEqual([]);
  });
});

describe('IPC 发送方与导航检查', () => {
  const prod = { fileUrl: 'file:///opt/%E6%B3%95%E6%B2%BB/resources/app.asar/out/renderer/index.html' };
  it('accepts our built page with any hash or query', () => {
    expect(isTrustedRendererUrl(prod.fileUrl, prod)).toBe(true);
    expect(isTrustedRendererUrl(`${prod.fileUrl}#/ledger/contract?id=1`, prod)).toBe(true);
  });
  it('refuses other files, other schemes, empty and malformed URLs', () => {
    for (const u of [
      'file:///etc/passwd',
      'file:///opt/%E6%B3%95%E6%B2%BB/resources/app.asar/out/renderer/other.html',
      'https://evil.example/',
      'about:blank',
      'data:text/html,hi',
      '',
      'not a url',
      null,
      undefined,
    ]) {
      expect(isTrustedRendererUrl(u, prod), String(u)).toBe(false);
    }
  });
  it('in development trusts the dev server origin only', () => {
    const dev = { fileUrl: prod.fileUrl, devUrl: 'http://localhost:5173' };
    expect(isTrustedRendererUrl('http://localhost:5173/#/desk', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl(prod.fileUrl, dev)).toBe(false);
  });
  it('external links: http(s) only, no credentials', () => {
    expect(isExternalLinkAllowed('https://www.moj.gov.cn/')).toBe(true);
    expect(isExternalLinkAllowed('http://flk.npc.gov.cn/')).toBe(true);
    for (const u of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'https://user:pw@example.com/', 'mailto:a@b.c', 'x'])
      expect(isExternalLinkAllowed(u), u).toBe(false);
  });
});

describe('文件对话框请求', () => {
  it('accepts titles and extension filters, refuses anything odd', () => {
    expect(parseOpenRequest({ title: '导入', filters: [{ name: '表格', extensions: ['xlsx', 'csv'] }] })).toEqual({
      title: '导入',
      filters: [{ name: '表格', extensions: ['xlsx', 'csv'] }],
    });
    expect(parseOpenRequest({})).toEqual({ title: '打开文件', filters: [] });
    expect(parseOpenRequest(null)).toBeNull();
    expect(parseOpenRequest({ filters: [{ name: 'x', extensions: ['../x'] }] })).toBeNull();
    expect(parseOpenRequest({ filters: 'xlsx' })).toBeNull();
  });
  it('a save request names a bare file, never a path', () => {
    expect(parseSaveRequest({ defaultName: '合同台账.xlsx', content: 'AAAA' })).toEqual({ title: '保存文件', defaultName: '合同台账.xlsx', content: 'AAAA' });
    for (const n of ['../x.xlsx', '/etc/x', 'C:\\x.xlsx', 'a/b.xlsx', '']) expect(parseSaveRequest({ defaultName: n, content: '' }), n).toBeNull();
    expect(parseSaveRequest({ defaultName: 'a.xlsx' })).toBeNull();
  });
  it('an export-to request carries the API input and a title, no path (the main process asks the user where)', () => {
    expect(parseExportToRequest({ input: { kind: 'casefile', format: 'xlsx' } })).toEqual({ title: '导出', input: { kind: 'casefile', format: 'xlsx' } });
    for (const v of [null, 'x', {}, { input: 'x' }, { input: [] }, { title: 1, input: {} }, { title: 'x'.repeat(101), input: {} }])
      expect(parseExportToRequest(v), JSON.stringify(v)).toBeNull();
  });
});

describe('窗口位置记忆', () => {
  const displays = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  it('keeps a sane size and a position on a display', () => {
    expect(sanitizeBounds({ x: 100, y: 50, width: 1400, height: 900, maximized: true }, displays)).toEqual({
      x: 100,
      y: 50,
      width: 1400,
      height: 900,
      maximized: true,
    });
  });
  it('drops a position on an unplugged monitor but keeps the size', () => {
    expect(sanitizeBounds({ x: 2500, y: 50, width: 1400, height: 900 }, displays)).toEqual({ width: 1400, height: 900, maximized: false });
  });
  it('falls back to the default for junk', () => {
    for (const raw of [null, 'x', {}, { width: 10, height: 10 }, { width: 'a', height: 900 }, { width: 1e9, height: 900 }, { width: NaN, height: 900 }]) {
      expect(sanitizeBounds(raw, displays)).toEqual(DEFAULT_BOUNDS);
    }
  });
});

describe('打印预览（print.preview）', () => {
  it('takes only a short title from the page, and names the PDF without folders or forbidden characters', () => {
    expect(parsePrintRequest({ title: '行政复议案件卡片' })).toEqual({ title: '行政复议案件卡片' });
    expect(parsePrintRequest({})).toEqual({ title: '打印' });
    for (const bad of [null, 'x', { title: 1 }, { title: '长'.repeat(81) }]) expect(parsePrintRequest(bad)).toBeNull();
    const name = printFileName('..\\..\\Windows/system32:卡片?*', new Date(1_700_000_000_000));
    expect(name).toBe('.._.._Windows_system32_卡片__-1700000000000.pdf');
    expect(name).not.toMatch(/[\\/:*?"<>|]/);
  });
  it('renders A4 with the stylesheet’s page size, in a sandboxed preview without scripts or Node', () => {
    expect(PDF_OPTIONS).toMatchObject({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true });
    expect(printPreviewPreferences()).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false });
  });
});
