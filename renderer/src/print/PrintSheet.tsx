// Printing (issue 18 item 5): a printable sheet is rendered straight under <body>, hidden on screen and the only
// thing shown in print (print.css). printPage() prints what the sheets show: in Electron as an A4 PDF shown in a
// preview window before printing (preload `print` → main `print.preview`, webContents.printToPDF), in a browser
// with window.print(). 文书 and other documents print through <PrintSheet sheet="doc">.
import { PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './print.css';

export type SheetKind = 'card' | 'ledger' | 'doc';

export function PrintSheet({ sheet, children }: { sheet: SheetKind; children: ReactNode }) {
  return createPortal(
    <div className="print-sheet" data-sheet={sheet} data-testid={`print-sheet-${sheet}`}>
      {children}
    </div>,
    document.body,
  );
}

/** Print what the sheets show: a PDF preview in Electron, the browser's print dialog otherwise. */
export async function printPage(title: string): Promise<void> {
  if (window.api?.print) {
    const r = await window.api.print({ title });
    if ('error' in r) throw new Error(r.error);
    return;
  }
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
