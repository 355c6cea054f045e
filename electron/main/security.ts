// The Electron security baseline in one place, as plain data and pure functions so it is unit-tested without the
// Electron runtime (tests/unit/main-security.test.ts). electron/main/index.ts applies it; nothing here imports
// 'electron'.

/** The renderer's Content Security Policy; renderer/index.html carries the same string in its meta tag. */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** webPreferences of the one window: isolated, sandboxed, no Node in the page, web security on. */
export function webPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
  } as const;
}

/** The session partition of the 连接到单位服务器 window: its own cookies and the certificate pin apply only there. */
export const OFFICE_CLIENT_PARTITION = 'office-client';

/**
 * The window showing a colleague's host (连接到单位服务器): the same isolation, and NO preload — the host's page
 * is a browser page with no door onto this computer (no IPC, no file dialogs; the renderer then talks HTTP).
 */
export function clientWebPreferences() {
  const { preload: _none, ...rest } = webPreferences('');
  return { ...rest, partition: OFFICE_CLIENT_PARTITION } as const;
}

export interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export const DEFAULT_BOUNDS: Bounds = { width: 1366, height: 768 };
export const MIN_SIZE = { width: 1100, height: 640 };

/**
 * The remembered window size and position, checked: unreadable or absurd values give the default, and a position
 * that no longer lies on any display (a monitor was unplugged) is dropped so the window opens centred.
 */
export function sanitizeBounds(raw: unknown, displays: { x: number; y: number; width: number; height: number }[]): Bounds {
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_BOUNDS };
  const r = raw as Record<string, unknown>;
  const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined);
  const width = int(r.width);
  const height = int(r.height);
  if (!width || !height || width < MIN_SIZE.width || height < MIN_SIZE.height || width > 10000 || height > 10000) return { ...DEFAULT_BOUNDS };
  const out: Bounds = { width, height, maximized: r.maximized === true };
  const x = int(r.x);
  const y = int(r.y);
  if (x !== undefined && y !== undefined) {
    // at least a 100×50 corner of the title bar must be on a display
    const visible = displays.some((d) => x + 100 <= d.x + d.width && x + width - 100 >= d.x && y >= d.y && y + 50 <= d.y + d.height);
    if (visible) Object.assign(out, { x, y });
  }
  return out;
}

/** Strip query and hash: `file:///…/index.html#/desk` → `file:///…/index.html`. */
function withoutFragment(url: string): string | null {
  try {
    const u = new URL(url);
    u.hash = '';
    u.search = '';
    return u.toString();
  } catch {
    return null;
  }
}

/**
 * Is this the URL of our renderer? Production: exactly the built index.html (file:); development: the
 * electron-vite dev server origin. Used for the IPC sender check and for navigation.
 */
export function isTrustedRendererUrl(url: string | undefined | null, renderer: { fileUrl: string; devUrl?: string }): boolean {
  if (!url) return false;
  if (renderer.devUrl) {
    try {
      return new URL(url).origin === new URL(renderer.devUrl).origin;
    } catch {
      return false;
    }
  }
  const a = withoutFragment(url);
  const b = withoutFragment(renderer.fileUrl);
  return a !== null && a === b;
}

/** Links that may be opened in the user's browser (after a confirmation): http and https only, no credentials. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * The development server the window may load instead of the built page: electron-vite sets
 * ELECTRON_RENDERER_URL in `npm run dev`. An installed (packaged) program ignores it — anyone who can set an
 * environment variable must not be able to point the window, with its IPC door onto the data, at another page —
 * and even in development only an http(s) address on this computer is taken.
 */
export function rendererDevUrl(env: Record<string, string | undefined>, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  const raw = env.ELECTRON_RENDERER_URL;
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
    return (u.protocol === 'http:' || u.protocol === 'https:') && local && !u.username && !u.password ? raw : undefined;
  } catch {
    return undefined;
  }
}

/** The IPC channels the renderer may call through ipcRenderer.invoke. `log.open`: 关于 → 打开日志文件. */
export const INVOKE_CHANNELS = ['api', 'dialog.open', 'dialog.save', 'dialog.exportTo', 'log.open', 'print.preview', 'office.host', 'office.client'] as const;
/** The one channel main sends on: menu commands. */
export const MENU_CHANNEL = 'menu';
export const MENU_COMMANDS = ['record.new', 'import', 'export', 'backup', 'search', 'about'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Options of the file dialogs the renderer may ask for, checked (the renderer is not trusted with paths). */
export interface OpenDialogRequest {
  title: string;
  filters: { name: string; extensions: string[] }[];
}
export interface SaveDialogRequest {
  title: string;
  defaultName: string;
  /** file content, base64 */
  content: string;
}

const str = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length <= max ? v : null);

function filters(v: unknown): { name: string; extensions: string[] }[] | null {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > 10) return null;
  const out: { name: string; extensions: string[] }[] = [];
  for (const f of v) {
    const name = str(f?.name, 50);
    const ext = f?.extensions;
    if (name === null || !Array.isArray(ext) || ext.length > 10 || !ext.every((e: unknown) => typeof e === 'string' && /^[a-z0-9]{1,8}$/i.test(e))) return null;
    out.push({ name, extensions: ext as string[] });
  }
  return out;
}

export function parseOpenRequest(v: unknown): OpenDialogRequest | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const title = str(o.title ?? '打开文件', 100);
  const f = filters(o.filters);
  return title !== null && f !== null ? { title, filters: f } : null;
}

/**
 * dialog.exportTo: an export (exchange.export's input, checked by the core like any call) saved where the user
 * chooses; the main process asks, and the core writes the file there (an .xlsx streams: no base64 of a whole
 * ledger through the page). The renderer names no path.
 */
export interface ExportToRequest {
  title: string;
  input: Record<string, unknown>;
}

export function parseExportToRequest(v: unknown): ExportToRequest | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const title = str(o.title ?? '导出', 100);
  if (title === null || !o.input || typeof o.input !== 'object' || Array.isArray(o.input)) return null;
  return { title, input: o.input as Record<string, unknown> };
}

export function parseSaveRequest(v: unknown): SaveDialogRequest | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const title = str(o.title ?? '保存文件', 100);
  const defaultName = str(o.defaultName, 200);
  const content = str(o.content, 300 * 1024 * 1024);
  if (title === null || !defaultName || content === null) return null;
  // a bare file name: the user chooses the folder
  if (/[\\/]|\.\./.test(defaultName)) return null;
  return { title, defaultName, content };
}

/**
 * print.preview (issue 18 item 5): the window's page as a PDF (`webContents.printToPDF`, A4, the renderer's
 * `@media print` stylesheet — the same one browser mode prints with), shown in a preview window whose PDF viewer
 * has the print button. The renderer names only a title (the PDF's name); it chooses no path.
 */
export interface PrintRequest {
  title: string;
}

export function parsePrintRequest(v: unknown): PrintRequest | null {
  if (!v || typeof v !== 'object') return null;
  const title = str((v as Record<string, unknown>).title ?? '打印', 80);
  return title === null ? null : { title };
}

/** The PDF's file name from the request's title: no folders, no characters Windows refuses. */
export function printFileName(title: string, at: Date): string {
  // eslint-disable-next-line no-control-regex
  const clean = title.replace(/[\u0000-\u001f\\/:*?"<>|]/g, '_').slice(0, 60) || '打印';
  return `${clean}-${at.getTime()}.pdf`;
}

/** printToPDF's options: A4 portrait, backgrounds (table shading) kept, the page margins from the stylesheet's @page. */
export const PDF_OPTIONS = { pageSize: 'A4', printBackground: true, preferCSSPageSize: true, landscape: false } as const;

/** The preview window shows only our own PDF: sandboxed, no preload, no Node; the PDF viewer needs `plugins`. */
export function printPreviewPreferences() {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    javascript: false,
    plugins: true,
    spellcheck: false,
  } as const;
}
