// The Electron shell: one window on the one data file in userData, the security baseline of ./security.ts,
// one IPC door onto the core (`api`), native file dialogs, a Chinese menu, automatic backups, and the single
// instance / data-file locks. The only folder that imports 'electron'.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell, type IpcMainInvokeEvent, type MenuItemConstructorOptions } from 'electron';
import { dispatch, exportTo } from '../core/api/dispatch';
import { exportName } from '../core/exchange';
import { API_INPUTS } from '../domain/api';
import { openCore, startIntegrityCheck, type Core } from '../core/core';
import { exclusive } from '../core/gate';
import { startAutoBackup } from '../core/safety/auto-backup';
import { restoreDatabase } from '../core/safety/backups';
import { logFileFor } from '../core/safety/errlog';
import { acquireDataLock, type DataLock } from '../core/safety/lock';
import { CERT_ACCEPT, isHostName, isOnHost, parseOfficeConnection, type OfficeConnection } from '../domain/office-connect';
import { readSavedConnection, verifyHostCertificate, writeSavedConnection } from './office-client';
import {
  clientWebPreferences,
  isExternalLinkAllowed,
  OFFICE_CLIENT_PARTITION,
  isTrustedRendererUrl,
  MENU_CHANNEL,
  MIN_SIZE,
  parseExportToRequest,
  parseOpenRequest,
  parsePrintRequest,
  PDF_OPTIONS,
  printFileName,
  printPreviewPreferences,
  parseSaveRequest,
  rendererDevUrl,
  sanitizeBounds,
  webPreferences,
  type Bounds,
  type MenuCommand,
} from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
// the dev server only in development (`npm run dev`), never in an installed program (security.ts)
const renderer = { fileUrl: pathToFileURL(rendererIndex).href, devUrl: rendererDevUrl(process.env, app.isPackaged) };

let win: BrowserWindow | null = null;
let core: Core | null = null;
let lock: DataLock | null = null;
let stopBackups: (() => void) | null = null;
/** 设置 · 单位服务器's switch: this window's core also served to colleagues over the office network (issue 19) */
let officeHost: { url: string; fingerprint: string; setupCode: string | null; close(): Promise<void> } | null = null;

/**
 * 连接到单位服务器 (issue 19 item 1): while set, the window shows this host's page (the same renderer, served by
 * the host, in a window with no preload) and this computer's data file stays closed (no lock, no backups).
 */
let remote: OfficeConnection | null = null;
/** Set when the pin refused the connected host's certificate; read (and cleared) when a load fails. */
let pinRefused = false;
const connectionFile = () => path.join(app.getPath('userData'), 'office-connection.json');

const stateFile = () => path.join(app.getPath('userData'), 'window-state.json');

function loadBounds(): Bounds {
  let raw: unknown = null;
  try {
    raw = JSON.parse(fs.readFileSync(stateFile(), 'utf8'));
  } catch {}
  return sanitizeBounds(
    raw,
    screen.getAllDisplays().map((d) => d.workArea),
  );
}

function saveBounds(w: BrowserWindow): void {
  try {
    const b = w.getNormalBounds();
    fs.writeFileSync(stateFile(), JSON.stringify({ ...b, maximized: w.isMaximized() }));
  } catch {}
}

/** Every IPC call must come from our own renderer's main frame. */
function trusted(e: IpcMainInvokeEvent): boolean {
  return !!win && e.sender === win.webContents && isTrustedRendererUrl(e.senderFrame?.url, renderer);
}

function send(cmd: MenuCommand): void {
  win?.webContents.send(MENU_CHANNEL, cmd);
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: remote
        ? [
            // the host's page has no IPC: the way back is here, in the app's own menu
            { label: '返回本机数据', click: () => void backToLocal() },
            { type: 'separator' },
            { label: '退出', role: 'quit' },
          ]
        : [
            { label: '新建记录', accelerator: 'CmdOrCtrl+N', click: () => send('record.new') },
            { label: '导入…', accelerator: 'CmdOrCtrl+I', click: () => send('import') },
            { label: '导出…', accelerator: 'CmdOrCtrl+E', click: () => send('export') },
            { type: 'separator' },
            { label: '立即备份', click: () => send('backup') },
            { type: 'separator' },
            { label: '退出', role: 'quit' },
          ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
        { type: 'separator' },
        { label: '全局搜索', accelerator: 'CmdOrCtrl+K', click: () => send('search') },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '重新加载', role: 'reload' },
        { type: 'separator' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ label: '开发者工具', role: 'toggleDevTools' } as MenuItemConstructorOptions]),
      ],
    },
    {
      label: '帮助',
      submenu: [
        { label: '关于法治台账', click: () => send('about') },
        { label: '打开数据文件夹', click: () => void shell.openPath(app.getPath('userData')) },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function confirmExternal(url: string): Promise<void> {
  if (!isExternalLinkAllowed(url) || !win) return;
  const r = await dialog.showMessageBox(win, {
    type: 'question',
    buttons: ['在浏览器中打开', '取消'],
    defaultId: 1,
    cancelId: 1,
    title: '打开外部链接',
    message: '即将在系统浏览器中打开以下地址：',
    detail: url,
  });
  if (r.response === 0) await shell.openExternal(url);
}

function createWindow(): void {
  const b = loadBounds();
  win = new BrowserWindow({
    ...(b.x !== undefined && b.y !== undefined ? { x: b.x, y: b.y } : {}),
    width: b.width,
    height: b.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: '法治台账',
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: webPreferences(path.join(here, '../preload/index.cjs')),
  });
  if (b.maximized) win.maximize();
  win.once('ready-to-show', () => win?.show());
  win.on('close', () => win && saveBounds(win));
  const self = win;
  win.on('closed', () => {
    if (win === self) win = null;
  });
  const wc = win.webContents;
  wc.setWindowOpenHandler(({ url }) => {
    void confirmExternal(url);
    return { action: 'deny' };
  });
  wc.on('will-navigate', (e, url) => {
    e.preventDefault();
    if (!isTrustedRendererUrl(url, renderer)) void confirmExternal(url);
  });
  wc.on('will-redirect', (e) => e.preventDefault());
  wc.on('will-attach-webview', (e) => e.preventDefault());
  if (renderer.devUrl) void win.loadURL(renderer.devUrl);
  else void win.loadFile(rendererIndex);
}

/**
 * The window on a colleague's host: no preload (the page gets no door onto this computer), its own session whose
 * only accepted certificate is the pinned one (setCertificateVerifyProc, see office-client.ts), navigation and
 * redirects only within the host's origin, anything else offered to the system browser after a confirmation.
 */
function createClientWindow(conn: OfficeConnection): void {
  const ses = session.fromPartition(OFFICE_CLIENT_PARTITION);
  ses.setCertificateVerifyProc((req, cb) => {
    const verdict = verifyHostCertificate(req, remote);
    // the pin refused the host's own name: say so when the load fails (Chromium reports only a generic failure)
    if (verdict !== CERT_ACCEPT && isHostName(req.hostname, remote)) pinRefused = true;
    cb(verdict);
  });
  ses.setPermissionRequestHandler((_wc, _permission, cb) => cb(false));
  ses.setPermissionCheckHandler(() => false);
  const b = loadBounds();
  const w = new BrowserWindow({
    ...(b.x !== undefined && b.y !== undefined ? { x: b.x, y: b.y } : {}),
    width: b.width,
    height: b.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: `法治台账 - 单位服务器 ${conn.origin}`,
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: clientWebPreferences(),
  });
  win = w;
  if (b.maximized) w.maximize();
  w.on('close', () => saveBounds(w));
  w.on('closed', () => {
    if (win === w) win = null;
  });
  const wc = w.webContents;
  // the page keeps its own title (法治台账); say where the data is
  wc.on('page-title-updated', (e) => e.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    void confirmExternal(url);
    return { action: 'deny' };
  });
  wc.on('will-navigate', (e, url) => {
    if (isOnHost(url, remote)) return;
    e.preventDefault();
    void confirmExternal(url);
  });
  // the host sends a page without a session to /login: a redirect within the host only
  wc.on('will-redirect', (e, url) => {
    if (!isOnHost(url, remote)) e.preventDefault();
  });
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.on('did-fail-load', (_e, code, description, url, isMainFrame) => {
    // -3: aborted (a navigation replaced by another), not a failure
    if (!isMainFrame || code === -3 || win !== w) return;
    void connectionFailed(conn, code, description || String(code), url);
  });
  w.show();
  pinRefused = false;
  // a failed load is answered by did-fail-load (the dialog); the promise's rejection is that same failure
  void w.loadURL(`${conn.origin}/`).catch(() => {});
}

async function connectionFailed(conn: OfficeConnection, code: number, description: string, url: string): Promise<void> {
  if (!win) return;
  // Chromium's certificate errors are -200…-299: the pin refused the host's certificate
  const cert = pinRefused || (code <= -200 && code > -300);
  pinRefused = false;
  const r = await dialog.showMessageBox(win, {
    type: 'error',
    title: '无法连接单位服务器',
    message: cert
      ? `${conn.origin} 的证书指纹与填写的不一致，已拒绝连接。可能连到的不是那台主机，或主机重新生成了证书：请向主机核对指纹。`
      : `无法连接 ${conn.origin}：请确认主机已开机、单位服务器正在运行、地址和端口正确。`,
    detail: `${description}（${url}）`,
    buttons: ['重试', '返回本机数据', '退出'],
    defaultId: 0,
    cancelId: 0,
  });
  if (r.response === 0) void win?.loadURL(`${conn.origin}/`).catch(() => {});
  else if (r.response === 1) await backToLocal();
  else app.quit();
}

/** Local → host: remember the choice, close this computer's data file (its lock released), open the host's page. */
async function switchToRemote(conn: OfficeConnection): Promise<void> {
  writeSavedConnection(connectionFile(), { connection: conn, active: true });
  const old = win;
  await closeData();
  remote = conn;
  buildMenu();
  createClientWindow(conn);
  old?.close();
}

/** Host → 本机数据: forget that the app opens on the host (the address stays for next time) and open the data file. */
async function backToLocal(): Promise<void> {
  const conn = remote;
  if (conn) writeSavedConnection(connectionFile(), { connection: conn, active: false });
  remote = null;
  const old = win;
  try {
    await openData();
  } catch (e) {
    // e.g. another program holds the data file's lock: say why and stay on the host
    shutdown();
    remote = conn;
    if (conn) writeSavedConnection(connectionFile(), { connection: conn, active: true });
    dialog.showErrorBox('无法打开本机数据文件，仍连接单位服务器', (e as Error).message);
    return;
  }
  buildMenu();
  createWindow();
  old?.close();
}

function registerIpc(): void {
  ipcMain.handle('api', async (e, method: unknown, input: unknown) => {
    if (!trusted(e)) return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：请求不是来自本程序的界面' } };
    if (!core) return { ok: false, error: { code: 'BUSY', message: '数据文件尚未打开' } };
    return dispatch(core, method, input);
  });
  ipcMain.handle('dialog.open', async (e, req: unknown) => {
    const r = parseOpenRequest(req);
    if (!trusted(e) || !r || !win) return null;
    const res = await dialog.showOpenDialog(win, { title: r.title, filters: r.filters, properties: ['openFile'] });
    if (res.canceled || !res.filePaths[0]) return null;
    const file = res.filePaths[0];
    const stat = fs.statSync(file);
    if (stat.size > 150 * 1024 * 1024) return { error: '文件过大（最多 150MB）' };
    return { name: path.basename(file), content: fs.readFileSync(file).toString('base64') };
  });
  ipcMain.handle('log.open', async (e) => {
    if (!trusted(e)) return { error: '拒绝访问：请求不是来自本程序的界面' };
    if (!core) return { error: '数据文件尚未打开' };
    // our own log file beside the data file; the renderer names no path
    const file = logFileFor(core.file);
    if (!fs.existsSync(file)) return { error: '还没有日志：程序尚未记录过错误' };
    const problem = await shell.openPath(file);
    return problem ? { error: `无法打开日志文件：${problem}` } : { ok: true };
  });
  ipcMain.handle('dialog.save', async (e, req: unknown) => {
    const r = parseSaveRequest(req);
    if (!trusted(e) || !r || !win) return null;
    const res = await dialog.showSaveDialog(win, { title: r.title, defaultPath: path.join(app.getPath('documents'), r.defaultName) });
    if (res.canceled || !res.filePath) return null;
    fs.writeFileSync(res.filePath, Buffer.from(r.content, 'base64'));
    return { path: res.filePath };
  });
  // 打印预览: the page as rendered for print (@media print), as an A4 PDF in a preview window with its print button
  ipcMain.handle('print.preview', async (e, req: unknown) => {
    const r = parsePrintRequest(req);
    if (!trusted(e) || !r || !win) return { error: '拒绝访问：请求不是来自本程序的界面' };
    try {
      const pdf = await win.webContents.printToPDF(PDF_OPTIONS);
      const dir = path.join(app.getPath('temp'), '法治台账-打印预览');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, printFileName(r.title, new Date()));
      fs.writeFileSync(file, pdf);
      const preview = new BrowserWindow({
        parent: win,
        width: 900,
        height: 1000,
        title: `打印预览 - ${r.title}`,
        autoHideMenuBar: true,
        webPreferences: printPreviewPreferences(),
      });
      preview.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      preview.webContents.on('will-navigate', (ev) => ev.preventDefault());
      await preview.loadFile(file);
      return { ok: true, file };
    } catch (err) {
      return { error: `生成打印预览失败：${(err as Error).message}` };
    }
  });
  // an export saved where the user chooses, written there by the core (streamed for .xlsx); null when cancelled,
  // else the API's envelope with the path and the count
  ipcMain.handle('dialog.exportTo', async (e, req: unknown) => {
    const r = parseExportToRequest(req);
    if (!trusted(e) || !r || !win) return null;
    if (!core) return { ok: false, error: { code: 'BUSY', message: '数据文件尚未打开' } };
    const input = API_INPUTS['exchange.export'].safeParse(r.input);
    // an invalid input gets the core's own message (exportTo checks before it writes anything)
    if (!input.success) return exportTo(core, r.input, '');
    const res = await dialog.showSaveDialog(win, {
      title: r.title,
      defaultPath: path.join(app.getPath('documents'), exportName(input.data.kind, input.data.format, input.data.year)),
    });
    if (res.canceled || !res.filePath || !core) return null;
    const out = await exportTo(core, r.input, res.filePath);
    return out.ok ? { ok: true, data: { path: res.filePath, count: out.data.count } } : out;
  });
  // 设置 · 单位服务器 · 连接到单位服务器: the remembered host, or switch to one. Checked here again (the form checks
  // too); the switch happens after the answer has gone back to the page that asked.
  ipcMain.handle('office.client', async (e, req: unknown) => {
    if (!trusted(e)) return { error: '拒绝访问：请求不是来自本程序的界面' };
    const connect = (req as { connect?: unknown } | null)?.connect;
    if (connect === undefined) {
      const saved = readSavedConnection(connectionFile());
      return { saved: saved ? { address: saved.connection.origin, fingerprint: saved.connection.fingerprint } : null };
    }
    const c = parseOfficeConnection(connect);
    if (!c.ok) return { error: c.error };
    setTimeout(() => void switchToRemote(c.value), 0);
    return { ok: true };
  });
  // 设置 · 单位服务器: start or stop serving this window's own core to colleagues (server/host.ts: HTTPS, accounts;
  // the app keeps its lock, integrity check and backups). Thin on purpose: everything else is the host's, tested
  // in tests/integration/office-host.test.ts; this wiring cannot run where there is no Electron runtime.
  ipcMain.handle('office.host', async (e, req: unknown) => {
    if (!trusted(e)) return { error: '拒绝访问：请求不是来自本程序的界面' };
    if (!core) return { error: '数据文件尚未打开' };
    const r = (req ?? {}) as { on?: unknown; port?: unknown };
    if (r.on !== true) {
      await officeHost?.close();
      officeHost = null;
      return { running: false };
    }
    if (!officeHost) {
      const port = r.port === undefined ? 8443 : Number(r.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) return { error: '端口应为 1 至 65535 之间的整数' };
      try {
        const { startHost } = await import('../server/host');
        officeHost = await startHost({ db: core.file, core, port, rendererDir: path.dirname(rendererIndex) });
      } catch (err) {
        return { error: (err as Error).message };
      }
    }
    return { running: true, url: officeHost.url, fingerprint: officeHost.fingerprint, setupCode: officeHost.setupCode };
  });
}

async function openData(): Promise<void> {
  const dataFile = path.join(app.getPath('userData'), '法治台账.db');
  lock = acquireDataLock(dataFile, '桌面程序', { advice: '请切换到那个窗口继续使用，或先关闭它再打开。' });
  core = await openCore(dataFile, { create: true });
  // quick_check runs in a worker: a ten-year file takes seconds and the window must not wait for it
  void startIntegrityCheck(core).then((r) => {
    if (r.state === 'damaged' && win) void dialog.showMessageBox(win, { type: 'error', title: '数据文件已损坏，已切换为只读', message: r.message ?? '' });
  });
  stopBackups = startAutoBackup(core, (m) => {
    if (win) void dialog.showMessageBox(win, { type: 'warning', title: '备份提醒', message: m });
  });
}

/** When opening failed with backups to offer (`details.backups`, see core/db/connection.ts): ask, and restore the latest. */
async function offerRestore(e: unknown): Promise<boolean> {
  const backups = (e as { details?: { backups?: { file: string; at: string }[] } }).details?.backups;
  if (!backups?.length || !lock) return false;
  const latest = backups[0];
  const answer = await dialog.showMessageBox({
    type: 'error',
    title: '无法打开数据文件',
    message: (e as Error).message,
    detail: `可以现在从最近的备份还原：${latest.file}。当前的数据文件会先另存一份，不会被删除。`,
    buttons: ['从最近的备份还原', '退出'],
    defaultId: 0,
    cancelId: 1,
  });
  if (answer.response !== 0) return false;
  await restoreDatabase(path.join(app.getPath('userData'), '法治台账.db'), latest.file);
  return true;
}

function shutdown(): void {
  stopBackups?.();
  stopBackups = null;
  core?.close();
  core = null;
  lock?.release();
  lock = null;
}

/**
 * Quitting: the calls already running (a save, an import, a restore) finish first and the file is closed, and
 * only then is the lock given up, so no other program can start writing beside a save still under way.
 */
async function closeData(): Promise<void> {
  await officeHost?.close();
  officeHost = null;
  stopBackups?.();
  stopBackups = null;
  const c = core;
  if (c) {
    await exclusive(c, async () => {
      await c.settled();
      c.close();
    });
  }
  shutdown();
}

// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();
// Tests and portable setups may point the data folder elsewhere (read before the app is ready).
if (process.env.FAZHI_USER_DATA) app.setPath('userData', path.resolve(process.env.FAZHI_USER_DATA));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (ev, url) => {
      // our own renderer, or — while connected — the pinned host's own pages (the client window has no preload)
      if (!isTrustedRendererUrl(url, renderer) && !isOnHost(url, remote)) ev.preventDefault();
    });
  });
  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, cb) => cb(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    registerIpc();
    // 连接到单位服务器 remembered: open on the host; this computer's data file stays closed (no lock taken)
    const saved = readSavedConnection(connectionFile());
    if (saved?.active) {
      remote = saved.connection;
      buildMenu();
      createClientWindow(saved.connection);
      return;
    }
    buildMenu();
    let failure: unknown = null;
    try {
      await openData();
    } catch (e) {
      failure = e;
    }
    if (failure) {
      // a damaged, empty (0 字节) or tampered file cannot be opened, so the window cannot offer its backups:
      // offer the latest here (the lock is still held, so the restore is exclusive), then open again
      try {
        if (await offerRestore(failure)) {
          lock?.release();
          lock = null;
          await openData();
          failure = null;
        }
      } catch (again) {
        failure = again;
      }
    }
    if (failure) {
      dialog.showErrorBox('无法打开数据文件', (failure as Error).message);
      shutdown();
      app.quit();
      return;
    }
    createWindow();
  });
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('will-quit', (e) => {
    if (closed || !core) {
      shutdown();
      return;
    }
    e.preventDefault();
    closed = true;
    void closeData().finally(() => app.quit());
  });
}
