// Printing (issue 18 item 5): a printable sheet is rendered straight under <body>, hidden on screen and the only
// thing shown in print (print.css). printPage() prints what the sheets show: in Electron as an A4 PDF shown in a
// preview window before printing (preload `print` → main `print.preview`, webContents.printToPDF), in a browser
// with window.print(). 文书 and other documents print through <PrintSheet sheet="doc">.
// A sheet is in the page only while printing (from printPage, or the browser's own 打印 through `beforeprint`
// until `afterprint`): hidden copies of a record's text would otherwise double every text a screen reader or a
// test finds. A sheet's data is loaded by its component when the screen opens, so it is there at once.
import { PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { createPortal, flushSync } from 'react-dom';
import './print.css';

export type SheetKind = 'card' | 'ledger' | 'doc';

let printing = false;
const listeners = new Set<() => void>();
function setPrinting(v: boolean): void {
  if (printing === v) return;
  printing = v;
  for (const l of listeners) l();
}
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => flushSync(() => setPrinting(true)));
  window.addEventListener('afterprint', () => setPrinting(false));
}

/** Loaders of the sheets' data, run again just before printPage prints (what changed since the screen opened). */
const refreshers = new Set<() => Promise<unknown>>();

/** Have `load` run again before every printPage (keep it stable: useCallback). */
export function usePrintRefresh(load: () => Promise<unknown>): void {
  useEffect(() => {
    refreshers.add(load);
    return () => {
      refreshers.delete(load);
    };
  }, [load]);
}

/** Whether the page is being printed (the sheets are in the page). */
export function usePrinting(): boolean {
  return useSyncExternalStore(subscribe, () => printing);
}

export function PrintSheet({ sheet, children }: { sheet: SheetKind; children: ReactNode }) {
  if (!usePrinting()) return null;
  return createPortal(
    <div className="print-sheet" data-sheet={sheet} data-testid={`print-sheet-${sheet}`}>
      {children}
    </div>,
    document.body,
  );
}

/** Print what the sheets show: a PDF preview in Electron, the browser's print dialog otherwise. */
export async function printPage(title: string): Promise<void> {
  await Promise.all([...refreshers].map((f) => f()));
  flushSync(() => setPrinting(true));
  if (window.api?.print) {
    try {
      const r = await window.api.print({ title });
      if ('error' in r) throw new Error(r.error);
    } finally {
      setPrinting(false);
    }
    return;
  }
  // returns when the print dialog closes (afterprint then takes the sheets away)
  window.print();
}

export function PrintButton({ title, label = '打印', size, testId }: { title: string; label?: string; size?: 'small' | 'middle'; testId?: string }) {
  const { message } = App.useApp();
  return (
    <Button
      size={size}
      icon={<PrinterOutlined />}
      data-testid={testId ?? 'print-button'}
      onClick={() => void printPage(title).catch((e: Error) => message.error(e.message))}
      title={window.api ? '生成 A4 的 PDF 预览，在预览中打印' : '打印（A4）'}
    >
      {label}
    </Button>
  );
}
