// contextBridge: `window.api` — invoke-only forwarding to the main process, no logic. Built as CommonJS
// (sandboxed preloads cannot be ES modules).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

contextBridge.exposeInMainWorld('api', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke('api', method, input),
  /** menu commands; returns a function that stops listening */
  on: (channel: 'menu', cb: (command: string) => void) => {
    if (channel !== 'menu') return () => {};
    const listener = (_e: IpcRendererEvent, command: string) => cb(command);
    ipcRenderer.on('menu', listener);
    return () => ipcRenderer.removeListener('menu', listener);
  },
  /** 关于 → 打开日志文件: the main process opens the data folder's log with the system's viewer */
  openLog: () => ipcRenderer.invoke('log.open'),
  /** 设置 · 单位服务器: serve this data file to colleagues (issue 19) */
  office: {
    host: (req: unknown) => ipcRenderer.invoke('office.host', req),
    /** 连接到单位服务器: read the remembered host, or switch this window to one (main pins its certificate) */
    client: (req: unknown) => ipcRenderer.invoke('office.client', req),
  },

  /** 打印预览: the page's print rendering as an A4 PDF, shown before printing (main: print.preview) */
  print: (req: unknown) => ipcRenderer.invoke('print.preview', req),
  dialogs: {
    open: (req: unknown) => ipcRenderer.invoke('dialog.open', req),
    save: (req: unknown) => ipcRenderer.invoke('dialog.save', req),
    exportTo: (req: unknown) => ipcRenderer.invoke('dialog.exportTo', req),
  },
});
